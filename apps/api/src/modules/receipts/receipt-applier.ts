import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Receipt, ReceiptState } from '@mtredi/channel-sdk';
import { groupBy } from '../../common/group-by.js';
import { Message, type MessageStatusValue } from '../messaging/message.entity.js';
import { MessageEvent } from '../messaging/message-event.entity.js';
import type { StatusChange } from '../messaging/status-events.js';

const STATUS_BY_RECEIPT: Partial<Record<ReceiptState, MessageStatusValue>> = {
  delivered: 'delivered',
  undelivered: 'undelivered',
  expired: 'expired',
  rejected: 'rejected',
};

/**
 * Codes with which a channel says "the operator never received this submit" about a part it had accepted
 * under an unconfirmed id (the aggregator driver's look-up found nothing). Such a message is sent again
 * like an SMPP part whose window passed without a receipt, not marked undelivered.
 */
export const NOT_RECEIVED_CODES: ReadonlySet<string> = new Set(['aggregator/not_received']);

/** Rows per UPDATE … IN (…): well under SQLite's and PostgreSQL's bind parameter limits. */
const CHUNK = 1000;

export interface MatchedReceipt {
  messageId: string;
  /** The channel that sent the receipt: the published change carries it, so no listener looks it up. */
  channelId: string;
  receipt: Receipt;
}

export interface Applied {
  /** Committed status changes (organization and the like still to be filled in for listeners). */
  changes: StatusChange[];
  /** Messages the channel says it never delivered to the operator: to be sent again. */
  notReceived: string[];
}

/**
 * Applies receipts already matched to messages, inside the caller's transaction, set-based: per target
 * status and error code one `UPDATE messages … WHERE id IN (…) AND status = 'in_transit' RETURNING id`,
 * then one insert of the events of the rows that changed. A message already final (an earlier receipt,
 * a duplicate) is left as it is; intermediate states leave it in transit.
 */
export async function applyReceipts(tx: SqlEntityManager, matched: MatchedReceipt[]): Promise<Applied> {
  // One outcome per message and batch: the first final receipt wins, as it would applied one by one.
  const first = new Map<string, MatchedReceipt>();
  const notReceived = new Set<string>();
  for (const m of matched) {
    const { messageId, receipt } = m;
    if (!STATUS_BY_RECEIPT[receipt.state] || first.has(messageId) || notReceived.has(messageId)) continue;
    if (receipt.errorCode !== undefined && NOT_RECEIVED_CODES.has(receipt.errorCode)) notReceived.add(messageId);
    else first.set(messageId, m);
  }
  const now = new Date();
  const changes: StatusChange[] = [];
  const groups = groupBy(first, ([, m]) => `${m.receipt.state}\u0000${m.receipt.errorCode ?? ''}`);
  for (const entries of groups.values()) {
    const sample = (entries[0] as [string, MatchedReceipt])[1].receipt;
    const status = STATUS_BY_RECEIPT[sample.state] as MessageStatusValue;
    const errorCode = sample.errorCode?.slice(0, 40) ?? null;
    for (let i = 0; i < entries.length; i += CHUNK) {
      const ids = entries.slice(i, i + CHUNK).map(([id]) => id);
      const rows = (await tx
        .createQueryBuilder(Message)
        .update({ status, errorCode, updatedAt: now })
        .where({ id: { $in: ids }, status: 'in_transit' })
        .returning('id')
        .execute('all')) as { id: string }[];
      for (const { id } of rows) {
        const { receipt, channelId } = first.get(id) as MatchedReceipt;
        const at = receipt.at;
        changes.push({ messageId: id, organizationId: '', reference: null, to: '', status, errorCode, at, channelId });
      }
    }
  }
  if (changes.length > 0) {
    await tx.insertMany(
      MessageEvent,
      changes.map((c) => ({ messageId: c.messageId, status: c.status, errorCode: c.errorCode, at: c.at })),
    );
  }
  return { changes, notReceived: [...notReceived] };
}

/** Fills in whose message each change is (one query per batch), for webhooks and statistics. */
export async function describeChanges(em: SqlEntityManager, changes: StatusChange[]): Promise<StatusChange[]> {
  if (changes.length === 0) return changes;
  const messages = await em.find(
    Message,
    { id: { $in: changes.map((c) => c.messageId) } },
    { fields: ['id', 'organization', 'reference', 'to', 'campaignId', 'sender', 'operator', 'createdAt'] },
  );
  const byId = new Map(messages.map((m) => [m.id, m]));
  return changes.flatMap((c) => {
    const m = byId.get(c.messageId);
    return m
      ? [
          {
            ...c,
            organizationId: m.organization.id,
            reference: m.reference ?? null,
            to: m.to,
            campaignId: m.campaignId ?? null,
            sender: m.sender,
            operator: m.operator ?? null,
            acceptedAt: m.createdAt,
          },
        ]
      : [];
  });
}
