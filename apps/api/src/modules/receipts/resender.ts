import type { SqlEntityManager } from '@mikro-orm/sql';
import { UNCONFIRMED_ID_PREFIX } from '@mtredi/channel-sdk';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { readDate } from '../../db/bound-sql.js';
import { Tenancy } from '../../db/tenancy.js';
import { MESSAGES_QUEUE, SUBMIT_JOB, submitJob } from '../../jobs/message-jobs.js';
import { Message } from '../messaging/message.entity.js';
import { MessageEvent } from '../messaging/message-event.entity.js';
import { appendHistory } from '../messaging/message-history.js';
import { type StatusChange, StatusEvents } from '../messaging/status-events.js';
import { ChannelGuards } from '../routing/channel-guards.js';
import { ChannelMessageId } from './channel-message-id.entity.js';

/** Event code of a message sent again because its unconfirmed submit never reached the operator. */
export const RESENT_CODE = 'channel/unconfirmed_resent';
/** Error code (and event) of a message whose submit outcome nobody can tell: it stays in transit. */
export const OUTCOME_UNKNOWN_CODE = 'channel/outcome_unknown';
/**
 * Resends per message at most: a link that keeps dropping every submit must not send forever. After
 * that the message stays in transit, flagged as unknown, for staff.
 */
export const MAX_RESENDS = 3;

/** Every id that starts with the unconfirmed prefix, as a range the primary key index can serve. */
export const UNCONFIRMED_RANGE = {
  $gte: UNCONFIRMED_ID_PREFIX,
  $lt: `${UNCONFIRMED_ID_PREFIX.slice(0, -1)}${String.fromCharCode(UNCONFIRMED_ID_PREFIX.charCodeAt(UNCONFIRMED_ID_PREFIX.length - 1) + 1)}`,
};

const CHUNK = 1000;

/**
 * Puts messages whose accepted submit the operator never got back in the queue. Credit: the message was
 * consumed at its first accept; the second accept's consume has the same idempotency key, so it stays
 * charged once (a second attempt that ends rejected must be refunded: see billing/credit-returns.ts).
 *
 * Listeners get a `queued` change with errorCode RESENT_CODE that withdraws the lost send
 * (`withdrawnSendAt`): the statistics subtract its `in_transit`, so the next one counts the message as
 * sent once, on the channel and day it really went out; webhook receivers see the message's history as
 * it is stored: queued, in_transit, queued (channel/unconfirmed_resent), in_transit, then the outcome.
 */
@Injectable()
export class Resender {
  private readonly logger = new Logger(Resender.name);

  constructor(
    private readonly tenancy: Tenancy,
    private readonly events: StatusEvents,
    private readonly guards: ChannelGuards,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * In transit → queued, with an event saying why; placeholder ids removed (the next accept records new
   * ids); the channel's record of the submit forgotten (its repeat window must not stop the resend); the
   * change published; a submit job queued after commit. Messages resent MAX_RESENDS times already are
   * flagged unknown instead. Only messages still in transit change, so concurrent reconcilers cannot both act.
   */
  async resend(messageIds: string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const em = this.tenancy.system();
    const resentBefore = await this.resendCounts(messageIds);
    const over = messageIds.filter((id) => (resentBefore.get(id) ?? 0) >= MAX_RESENDS);
    const wanted = messageIds.filter((id) => (resentBefore.get(id) ?? 0) < MAX_RESENDS);
    if (over.length > 0) await this.flagUnknown(over);
    const now = new Date();
    const resent: { id: string; attempts: number; sentAt: Date | null }[] = [];
    const changes: StatusChange[] = [];
    const lost: { channelId: string; to: string; text: string }[] = [];
    await em.transactional(async (tx) => {
      for (let i = 0; i < wanted.length; i += CHUNK) {
        const rows = (await tx
          .createQueryBuilder(Message)
          // The unknown-outcome flag is settled: the submit was lost. A later unconfirmed one may be flagged again.
          // The lost send's time (sent_at, until the next accept sets it) is also written as a history row below.
          .update({ status: 'queued', errorCode: null, claimedUntil: null, updatedAt: now })
          .where({ id: { $in: wanted.slice(i, i + CHUNK) }, status: 'in_transit' })
          .returning(['id', 'attempts', 'sentAt'])
          .execute('all', false)) as { id: string; attempts: number; sent_at: unknown }[];
        resent.push(
          ...rows.map((r) => ({ id: r.id, attempts: r.attempts, sentAt: r.sent_at ? readDate(r.sent_at) : null })),
        );
      }
      if (resent.length === 0) return;
      const ids = resent.map((r) => r.id);
      for (let i = 0; i < ids.length; i += CHUNK) {
        const slice = ids.slice(i, i + CHUNK);
        await tx.nativeDelete(ChannelMessageId, { messageId: { $in: slice }, channelMessageId: UNCONFIRMED_RANGE });
        // Read under the update's row locks: nothing can dispatch these messages before the commit.
        const sentAt = await this.lastSentAt(tx, slice, resent);
        const messages = await tx.find(
          Message,
          { id: { $in: slice } },
          {
            fields: ['id', 'organization', 'reference', 'to', 'text', 'campaignId', 'sender', 'operator', 'channelId'],
          },
        );
        for (const m of messages) {
          // The channel of the lost submit: the resend does not change it, the next accept does.
          const channelId = m.channelId ?? null;
          if (channelId) lost.push({ channelId, to: m.to, text: m.text });
          changes.push({
            messageId: m.id,
            organizationId: m.organization.id,
            reference: m.reference ?? null,
            to: m.to,
            status: 'queued',
            errorCode: RESENT_CODE,
            at: now,
            campaignId: m.campaignId ?? null,
            sender: m.sender,
            operator: m.operator ?? null,
            channelId,
            withdrawnSendAt: sentAt.get(m.id) ?? now,
          });
        }
      }
      await appendHistory(tx, [
        ...resent.flatMap((r) =>
          r.sentAt ? [{ messageId: r.id, status: 'in_transit' as const, errorCode: null, at: r.sentAt }] : [],
        ),
        ...ids.map((messageId) => ({ messageId, status: 'queued' as const, errorCode: RESENT_CODE, at: now })),
      ]);
    });
    if (resent.length === 0) return [];
    await this.guards.forgetSent(lost);
    await this.events.publish(changes);
    for (const { id, attempts } of resent) {
      await this.queue.add(SUBMIT_JOB, submitJob(id), {
        jobId: `${id}:resend:${attempts}`,
        removeOnComplete: true,
        removeOnFail: true,
      });
    }
    this.logger.warn(`Sent again ${resent.length} message(s) whose unconfirmed submit the operator never got`);
    return resent.map((r) => r.id);
  }

  /** Leaves messages in transit but says, on the message and in its history, that the outcome is unknown. */
  async flagUnknown(messageIds: string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const now = new Date();
    const flagged: string[] = [];
    await this.tenancy.system().transactional(async (tx) => {
      for (let i = 0; i < messageIds.length; i += CHUNK) {
        const rows = (await tx
          .createQueryBuilder(Message)
          .update({ errorCode: OUTCOME_UNKNOWN_CODE })
          .where({ id: { $in: messageIds.slice(i, i + CHUNK) }, status: 'in_transit', errorCode: null })
          .returning('id')
          .execute('all')) as { id: string }[];
        flagged.push(...rows.map((r) => r.id));
      }
      if (flagged.length === 0) return;
      await tx.insertMany(
        MessageEvent,
        flagged.map((messageId) => ({
          messageId,
          status: 'in_transit' as const,
          errorCode: OUTCOME_UNKNOWN_CODE,
          at: now,
        })),
      );
    });
    return flagged;
  }

  /**
   * When each message's lost submit was accepted: the row's sent_at as the resend found it, or, for a
   * message sent before sent_at was kept on the row, its last in_transit history row.
   */
  private async lastSentAt(
    tx: SqlEntityManager,
    messageIds: string[],
    resent: { id: string; sentAt: Date | null }[],
  ): Promise<Map<string, Date>> {
    const last = new Map<string, Date>();
    for (const r of resent) if (r.sentAt) last.set(r.id, r.sentAt);
    const older = messageIds.filter((id) => !last.has(id));
    if (older.length === 0) return last;
    const events = await tx.find(
      MessageEvent,
      // Not the unknown-outcome flag, which is an in_transit event too but no send.
      { messageId: { $in: older }, status: 'in_transit', errorCode: null },
      { fields: ['messageId', 'at'] },
    );
    for (const e of events) {
      const seen = last.get(e.messageId);
      if (!seen || e.at > seen) last.set(e.messageId, e.at);
    }
    return last;
  }

  private async resendCounts(messageIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let i = 0; i < messageIds.length; i += CHUNK) {
      const events = await this.tenancy
        .system()
        .find(
          MessageEvent,
          { messageId: { $in: messageIds.slice(i, i + CHUNK) }, errorCode: RESENT_CODE },
          { fields: ['messageId'] },
        );
      for (const e of events) counts.set(e.messageId, (counts.get(e.messageId) ?? 0) + 1);
    }
    return counts;
  }
}
