import { UNCONFIRMED_ID_PREFIX } from '@mtredi/channel-sdk';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Tenancy } from '../../db/tenancy.js';
import { MESSAGES_QUEUE, SUBMIT_JOB, submitJob } from '../../jobs/message-jobs.js';
import { Message } from '../messaging/message.entity.js';
import { MessageEvent } from '../messaging/message-event.entity.js';
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
 */
@Injectable()
export class Resender {
  private readonly logger = new Logger(Resender.name);

  constructor(
    private readonly tenancy: Tenancy,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * In transit → queued, with an event saying why; placeholder ids removed (the next accept records new
   * ids); a submit job queued after commit. Messages resent MAX_RESENDS times already are flagged
   * unknown instead. Only messages still in transit change, so concurrent reconcilers cannot both act.
   */
  async resend(messageIds: string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const em = this.tenancy.system();
    const resentBefore = await this.resendCounts(messageIds);
    const over = messageIds.filter((id) => (resentBefore.get(id) ?? 0) >= MAX_RESENDS);
    const wanted = messageIds.filter((id) => (resentBefore.get(id) ?? 0) < MAX_RESENDS);
    if (over.length > 0) await this.flagUnknown(over);
    const now = new Date();
    const resent: { id: string; attempts: number }[] = [];
    await em.transactional(async (tx) => {
      for (let i = 0; i < wanted.length; i += CHUNK) {
        const rows = (await tx
          .createQueryBuilder(Message)
          .update({ status: 'queued', claimedUntil: null, updatedAt: now })
          .where({ id: { $in: wanted.slice(i, i + CHUNK) }, status: 'in_transit' })
          .returning(['id', 'attempts'])
          .execute('all')) as { id: string; attempts: number }[];
        resent.push(...rows);
      }
      if (resent.length === 0) return;
      const ids = resent.map((r) => r.id);
      for (let i = 0; i < ids.length; i += CHUNK) {
        await tx.nativeDelete(ChannelMessageId, {
          messageId: { $in: ids.slice(i, i + CHUNK) },
          channelMessageId: UNCONFIRMED_RANGE,
        });
      }
      await tx.insertMany(
        MessageEvent,
        ids.map((messageId) => ({ messageId, status: 'queued' as const, errorCode: RESENT_CODE, at: now })),
      );
    });
    for (const { id, attempts } of resent) {
      await this.queue.add(SUBMIT_JOB, submitJob(id), {
        jobId: `${id}:resend:${attempts}`,
        removeOnComplete: true,
        removeOnFail: true,
      });
    }
    if (resent.length > 0) {
      this.logger.warn(`Sent again ${resent.length} message(s) whose unconfirmed submit the operator never got`);
    }
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
