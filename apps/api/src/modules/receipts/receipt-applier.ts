import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Receipt, ReceiptState } from '@mtredi/channel-sdk';
import { sql } from 'kysely';
import { groupBy } from '../../common/group-by.js';
import { BoundSql, type BulkColumn, readDate } from '../../db/bound-sql.js';
import type { MessageStatusValue } from '../messaging/message.entity.js';
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

const RECEIPT_COLUMNS: BulkColumn[] = [
  { name: 'id', pgType: 'uuid' },
  { name: 'done_at', pgType: 'timestamptz' },
];

export interface MatchedReceipt {
  messageId: string;
  /** The channel that sent the receipt: the published change carries it, so no listener looks it up. */
  channelId: string;
  receipt: Receipt;
}

export interface Applied {
  /** Committed status changes, with whose messages they are (for webhooks and statistics). */
  changes: StatusChange[];
  /** Messages the channel says it never delivered to the operator: to be sent again. */
  notReceived: string[];
}

/**
 * Applies receipts already matched to messages, inside the caller's transaction, set-based: per target
 * status and error code one `UPDATE messages … WHERE id IN (…) AND status = 'in_transit' RETURNING …`
 * (the changed rows with whose messages they are); the final status, its code and time (done_at) are
 * the message's history, kept on its row. A message already final (an earlier receipt,
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
  const db = new BoundSql(tx);
  const now = db.date(new Date());
  const changes: StatusChange[] = [];
  const groups = groupBy(first, ([, m]) => `${m.receipt.state}\u0000${m.receipt.errorCode ?? ''}`);
  for (const entries of groups.values()) {
    const sample = (entries[0] as [string, MatchedReceipt])[1].receipt;
    const status = STATUS_BY_RECEIPT[sample.state] as MessageStatusValue;
    const errorCode = sample.errorCode?.slice(0, 40) ?? null;
    // done_at is each receipt's own time (the history's final entry, kept on the row). The changed rows come
    // back with what listeners need to know about them: no second query.
    const ids = entries.map(([id]) => id);
    const times = db.values(
      RECEIPT_COLUMNS,
      entries.map(([id, m]) => [id, m.receipt.at]),
    );
    const rows = await db.rows<ChangedRow>(sql`
      update messages set status = ${status}, error_code = ${errorCode}, updated_at = ${now}, done_at = v.done_at
      from ${times}
      where messages.id = v.id and messages.id ${db.inLocked('messages', ids)} and messages.status = 'in_transit'
      returning messages.id, messages.organization_id, messages.reference, messages.recipient,
        messages.campaign_id, messages.sender, messages.operator, messages.created_at`);
    for (const row of rows) {
      const { receipt, channelId } = first.get(row.id) as MatchedReceipt;
      changes.push({
        messageId: row.id,
        organizationId: row.organization_id,
        reference: row.reference ?? null,
        to: row.recipient,
        status,
        errorCode,
        at: receipt.at,
        channelId,
        campaignId: row.campaign_id ?? null,
        sender: row.sender,
        operator: row.operator ?? null,
        acceptedAt: readDate(row.created_at),
      });
    }
  }
  return { changes, notReceived: [...notReceived] };
}

interface ChangedRow {
  id: string;
  organization_id: string;
  reference: string | null;
  recipient: string;
  campaign_id: string | null;
  sender: string;
  operator: string | null;
  created_at: unknown;
}
