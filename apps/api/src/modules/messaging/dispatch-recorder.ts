import type { SqlEntityManager } from '@mikro-orm/sql';
import { postings } from '@mtredi/billing';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { sql } from 'kysely';
import { groupBy } from '../../common/group-by.js';
import { GroupCommit, type Waiting } from '../../common/group-commit.js';
import { BoundSql, type BulkColumn } from '../../db/bound-sql.js';
import { retryDeadlocks } from '../../db/deadlocks.js';
import { Tenancy } from '../../db/tenancy.js';
import { MESSAGES_QUEUE, SUBMIT_JOB, submitJob } from '../../jobs/message-jobs.js';
import { CreditService } from '../billing/credit.service.js';
import { creditReturns } from '../billing/credit-returns.js';
import type { ClaimedMessage } from './claimed-message.js';
import type { MessageStatusValue } from './message.entity.js';
import { appendHistory } from './message-history.js';
import { type StatusChange, StatusEvents } from './status-events.js';

const CHANNEL_ID_COLUMNS: BulkColumn[] = [
  { name: 'channel_id', pgType: 'uuid' },
  { name: 'channel_message_id', pgType: 'text' },
  { name: 'message_id', pgType: 'uuid' },
  { name: 'part', pgType: 'int' },
];

/** What became of one claimed message. */
export type Outcome =
  | { kind: 'accepted'; message: ClaimedMessage; channelId: string; channelMessageIds: string[] }
  | { kind: 'rejected'; message: ClaimedMessage; channelId: string | null; code: string }
  | { kind: 'retry_later'; message: ClaimedMessage; delayMs: number; reason: string };

/**
 * Stores the outcomes of a dispatched batch: all accepted messages in one transaction (status, channel ids,
 * history, one consume posting each with one balance move per organization), all refused ones in another
 * (their reserved credit released), and the ones to try again unclaimed and re-queued with their delay.
 * Status updates are conditional on `queued`, so a message recorded once is never recorded (or charged) again.
 */
@Injectable()
export class DispatchRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(DispatchRecorder.name);
  private readonly batches = new GroupCommit<Outcome>((batch) => this.store(batch), 2000);

  constructor(
    private readonly tenancy: Tenancy,
    private readonly credit: CreditService,
    private readonly events: StatusEvents,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * Stores one outcome with the others that arrive meanwhile (group commit): an accept is stored as soon as
   * the channel answered it, not after the rest of its batch — its receipt may already be on the way.
   */
  record(outcome: Outcome): Promise<void> {
    return this.batches.add(outcome);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.batches.idle();
  }

  private async store(batch: Waiting<Outcome>[]): Promise<void> {
    const outcomes = batch.map((w) => w.item);
    const accepted = outcomes.filter((o) => o.kind === 'accepted');
    const rejected = outcomes.filter((o) => o.kind === 'rejected');
    const retries = outcomes.filter((o) => o.kind === 'retry_later');
    const changes: StatusChange[] = [];
    // Each step is safe to repeat (a transaction, conditional updates, job ids): a deadlock victim tries again
    // rather than leave its messages claimed until the claim expires.
    const retry = <T>(what: string, work: () => Promise<T>) => retryDeadlocks(this.logger, what, work);
    if (accepted.length > 0) changes.push(...(await retry('accepts', () => this.recordAccepted(accepted))));
    if (rejected.length > 0) changes.push(...(await retry('refusals', () => this.recordRejected(rejected))));
    if (retries.length > 0) await retry('retries', () => this.retryLater(retries));
    await this.events.publish(changes);
  }

  /** Gives claimed messages back untouched (their campaign is paused or cancelled). */
  async release(messages: ClaimedMessage[]): Promise<void> {
    const db = new BoundSql(this.tenancy.system());
    await db.run(
      sql`update messages set claimed_until = null where id ${db.inLocked(
        'messages',
        messages.map((m) => m.id),
      )}`,
    );
  }

  private async recordAccepted(accepted: Extract<Outcome, { kind: 'accepted' }>[]): Promise<StatusChange[]> {
    const now = new Date();
    const changed = await this.tenancy.system().transactional(async (tx) => {
      const changed: typeof accepted = [];
      for (const [channelId, group] of groupBy(accepted, (o) => o.channelId)) {
        // The send's time is kept on the row (sent_at), not as a history row: one write fewer per message.
        const ids = await this.transition(
          tx,
          group.map((o) => o.message.id),
          'in_transit',
          { channelId, sentAt: now },
        );
        changed.push(...group.filter((o) => ids.has(o.message.id)));
      }
      if (changed.length === 0) return changed;
      const channelIds = changed.flatMap((o) =>
        o.channelMessageIds.map((channelMessageId, part) => [o.channelId, channelMessageId, o.message.id, part]),
      );
      // A channel that hands out an id twice must not undo the batch; the first message keeps the id.
      const db = new BoundSql(tx);
      await db.run(db.insert('channel_message_ids', CHANNEL_ID_COLUMNS, channelIds, sql`on conflict do nothing`));
      await this.credit.postMany(
        tx,
        changed.map((o) => postings.consume(o.message.organizationId, o.message.id, o.message.parts)),
      );
      return changed;
    });
    return changed.map((o) => ({
      ...changeOf(o.message, o.channelId, 'in_transit', null, now),
      channelMessageIds: o.channelMessageIds,
    }));
  }

  /** Refused: the message's credit goes back to the customer. */
  private async recordRejected(rejected: Extract<Outcome, { kind: 'rejected' }>[]): Promise<StatusChange[]> {
    const now = new Date();
    const changed = await this.tenancy.system().transactional(async (tx) => {
      const changed: typeof rejected = [];
      for (const group of groupBy(rejected, (o) => `${o.channelId ?? ''}\u0000${o.code}`).values()) {
        const first = group[0] as (typeof group)[number];
        const ids = await this.transition(
          tx,
          group.map((o) => o.message.id),
          'rejected',
          {
            channelId: first.channelId,
            errorCode: first.code,
          },
        );
        changed.push(...group.filter((o) => ids.has(o.message.id)));
      }
      if (changed.length === 0) return changed;
      await appendHistory(
        tx,
        changed.map((o) => ({ messageId: o.message.id, status: 'rejected' as const, errorCode: o.code, at: now })),
      );
      // Released, or refunded when an earlier (unconfirmed) attempt was already charged.
      const returns = await creditReturns(
        tx,
        changed.map((o) => ({
          organizationId: o.message.organizationId,
          messageId: o.message.id,
          parts: o.message.parts,
          reason: o.code,
        })),
      );
      await this.credit.postMany(tx, returns);
      return changed;
    });
    return changed.map((o) => changeOf(o.message, o.channelId, 'rejected', o.code, now));
  }

  private async retryLater(retries: Extract<Outcome, { kind: 'retry_later' }>[]): Promise<void> {
    for (const o of retries.slice(0, 3))
      this.logger.debug(`Message ${o.message.id} retried in ${o.delayMs} ms: ${o.reason}`);
    await this.release(retries.map((o) => o.message));
    await this.queue.addBulk(
      retries.map((o) => ({
        name: SUBMIT_JOB,
        data: submitJob(o.message.id),
        opts: {
          jobId: `${o.message.id}:retry:${o.message.attempts}`,
          delay: o.delayMs,
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  /** Moves the still-queued messages among `ids` to `status`; returns the ids that moved. */
  private async transition(
    tx: SqlEntityManager,
    ids: string[],
    status: MessageStatusValue,
    fields: { channelId: string | null; errorCode?: string; sentAt?: Date },
  ): Promise<Set<string>> {
    const db = new BoundSql(tx);
    const errorCode = fields.errorCode === undefined ? sql`` : sql`, error_code = ${fields.errorCode}`;
    const sentAt = fields.sentAt === undefined ? sql`` : sql`, sent_at = ${db.date(fields.sentAt)}`;
    const rows = await db.rows<{ id: string }>(sql`
      update messages set status = ${status}, channel_id = ${fields.channelId}${errorCode}${sentAt},
        claimed_until = null, updated_at = ${db.date(new Date())}
      where id ${db.inLocked('messages', ids)} and status = 'queued'
      returning id`);
    return new Set(rows.map((row) => row.id));
  }
}

function changeOf(
  message: ClaimedMessage,
  channelId: string | null,
  status: StatusChange['status'],
  errorCode: string | null,
  at: Date,
): StatusChange {
  return {
    messageId: message.id,
    channelId,
    organizationId: message.organizationId,
    reference: message.reference ?? null,
    to: message.to,
    status,
    errorCode,
    at,
    campaignId: message.campaignId ?? null,
    sender: message.sender,
    operator: message.operator ?? null,
    acceptedAt: message.createdAt,
  };
}
