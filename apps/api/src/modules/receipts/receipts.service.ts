import type { Receipt } from '@mtredi/channel-sdk';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { sql } from 'kysely';
import { groupBy } from '../../common/group-by.js';
import { BoundSql, type BulkColumn } from '../../db/bound-sql.js';
import { Tenancy } from '../../db/tenancy.js';
import { type StatusChange, StatusEvents } from '../messaging/status-events.js';
import { type Applied, applyReceipts, type MatchedReceipt } from './receipt-applier.js';
import { Resender } from './resender.js';
import { UnmatchedReceipt } from './unmatched-receipt.entity.js';

const FLUSH_EVERY_MS = 50;
const FLUSH_AT = 500;
/**
 * A receipt often arrives a moment before the accept it answers has committed (the operator answers the
 * submit and reports delivery almost together). It is retried in memory this many times, 200 ms apart (2 s:
 * a loaded worker commits accepts later; an accept this process stores releases it at once), which catches
 * nearly all of them without a write; then it is
 * stored in unmatched_receipts, where the reconciler keeps matching it (a slow accept under load, a restart, a part with an unconfirmed id).
 */
const MEMORY_ATTEMPTS = 10;
const MEMORY_RETRY_MS = 200;
/** The reconciler's first look at a stored receipt. */
const FIRST_RETRY_MS = 1000;
/** The ids the channel gave, as the rows the look-up probes. */
const WANTED_COLUMNS: BulkColumn[] = [{ name: 'id', pgType: 'text' }];

interface Pending {
  channelId: string;
  receipt: Receipt;
  attempts: number;
  receivedAt: Date;
}

/**
 * Turns channel receipts into message statuses. Receipts are buffered and applied in batches: one lookup
 * through the channel-id index, then set-based updates in one transaction per batch (receipt-applier.ts),
 * never a round trip per receipt. What matches nothing is stored, never dropped.
 */
@Injectable()
export class ReceiptsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReceiptsService.name);
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /**
   * Receipts that came before the accept they answer was stored, by channel and the channel's id. An accept
   * stored by this process releases its receipts at once (no lookup); the others are looked up again
   * MEMORY_RETRY_MS later (an accept stored by another worker).
   */
  private readonly parked = new Map<string, Pending>();
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly events: StatusEvents,
    private readonly resender: Resender,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((changes) => this.releaseParked(changes));
  }

  add(channelId: string, receipt: Receipt): void {
    this.buffer.push({ channelId, receipt, attempts: 0, receivedAt: new Date() });
    if (this.buffer.length >= FLUSH_AT) this.flushSoon(0);
    else this.flushSoon(FLUSH_EVERY_MS);
  }

  /** Applies everything buffered so far; resolves when it is stored. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.applyBatch());
    return this.flushing;
  }

  /** Receipts still waiting in memory go to the database: a restart loses none. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.flush();
    const rest = [...this.buffer, ...this.parked.values()];
    this.buffer = [];
    this.parked.clear();
    await this.store(rest).catch((error: Error) =>
      this.logger.error(`${rest.length} unmatched receipt(s) not stored at shutdown: ${error.message}`),
    );
  }

  /**
   * Applies receipts matched to messages (by the reconciler too) and publishes what changed; messages the
   * channel says it never got to the operator are sent again.
   */
  async applyMatched(
    matched: MatchedReceipt[],
    inTransaction?: (tx: Parameters<typeof applyReceipts>[0]) => Promise<void>,
  ) {
    const em = this.tenancy.system();
    const applied: Applied = await em.transactional(async (tx) => {
      const result = await applyReceipts(tx, matched);
      if (inTransaction) await inTransaction(tx);
      return result;
    });
    await this.events.publish(applied.changes);
    if (applied.notReceived.length > 0) await this.resender.resend(applied.notReceived);
    return applied;
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private async applyBatch(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return;
    try {
      const missed = await this.apply(batch);
      await this.retryOrStore(missed);
    } catch (error) {
      this.logger.error(`Applying ${batch.length} receipts failed: ${(error as Error).message}; retrying`);
      this.buffer.push(...batch);
      this.flushSoon(MEMORY_RETRY_MS);
    }
  }

  /** One lookup per batch (per channel its list of ids), then the set-based apply; returns the unmatched. */
  private async apply(batch: Pending[]): Promise<Pending[]> {
    const db = new BoundSql(this.tenancy.system());
    const messageIdOf = new Map<string, string>();
    for (const [channelId, list] of groupBy(batch, (p) => p.channelId)) {
      const wanted = [...new Set(list.map((p) => p.receipt.channelMessageId))].map((id) => [id]);
      // A look-up per id (a correlated sub-select: an index probe on the key whatever the table's statistics
      // say). As `= any(…)` or a join, a new installation's stale statistics made the planner read the whole
      // table for every batch during its first campaign.
      const rows = await db.rows<{ channel_message_id: string; message_id: string | null }>(sql`
        select v.id as channel_message_id, (
          select c.message_id from channel_message_ids c where c.channel_message_id = v.id and c.channel_id = ${channelId}
        ) as message_id
        from ${db.values(WANTED_COLUMNS, wanted)}`);
      for (const row of rows) {
        if (row.message_id) messageIdOf.set(receiptKey(channelId, row.channel_message_id), row.message_id);
      }
    }
    const matched: MatchedReceipt[] = [];
    const missed: Pending[] = [];
    for (const pending of batch) {
      const messageId = messageIdOf.get(receiptKey(pending.channelId, pending.receipt.channelMessageId));
      if (messageId) matched.push({ messageId, channelId: pending.channelId, receipt: pending.receipt });
      else missed.push(pending);
    }
    if (matched.length > 0) await this.applyMatched(matched);
    return missed;
  }

  private async retryOrStore(missed: Pending[]): Promise<void> {
    const later: Pending[] = [];
    const store: Pending[] = [];
    for (const p of missed) {
      p.attempts += 1;
      (p.attempts < MEMORY_ATTEMPTS ? later : store).push(p);
    }
    for (const p of later) this.parked.set(receiptKey(p.channelId, p.receipt.channelMessageId), p);
    if (later.length > 0) {
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        this.buffer.push(...this.parked.values());
        this.parked.clear();
        void this.flush();
      }, MEMORY_RETRY_MS);
    }
    try {
      await this.store(store);
    } catch (error) {
      this.logger.error(`Storing ${store.length} unmatched receipt(s) failed: ${(error as Error).message}; retrying`);
      this.buffer.push(...store);
      this.flushSoon(MEMORY_RETRY_MS);
    }
  }

  /**
   * Accepts just stored (their in_transit changes, with the ids the channel gave): the receipts parked for
   * them are applied now, matched in memory. Runs after the pending receipt batches, not inside the
   * publisher's call (the dispatch recorder).
   */
  private releaseParked(changes: StatusChange[]): void {
    if (this.parked.size === 0) return;
    const matched: MatchedReceipt[] = [];
    const released: Pending[] = [];
    for (const c of changes) {
      if (c.status !== 'in_transit' || !c.channelId || !c.channelMessageIds) continue;
      for (const channelMessageId of c.channelMessageIds) {
        const key = receiptKey(c.channelId, channelMessageId);
        const pending = this.parked.get(key);
        if (!pending) continue;
        this.parked.delete(key);
        released.push(pending);
        matched.push({ messageId: c.messageId, channelId: c.channelId, receipt: pending.receipt });
      }
    }
    if (matched.length === 0) return;
    this.flushing = this.flushing
      .then(() => this.applyMatched(matched))
      .then(
        () => undefined,
        (error: Error) => {
          this.logger.error(`Applying ${matched.length} receipts failed: ${error.message}; retrying`);
          this.buffer.push(...released);
          this.flushSoon(MEMORY_RETRY_MS);
        },
      );
  }

  /** One insert for the batch's unmatched receipts; the reconciler takes them from there. */
  private async store(list: Pending[]): Promise<void> {
    if (list.length === 0) return;
    const retryAt = new Date(Date.now() + FIRST_RETRY_MS);
    await this.tenancy.system().insertMany(
      UnmatchedReceipt,
      list.map(({ channelId, receipt, receivedAt }) => ({
        channelId,
        channelMessageId: receipt.channelMessageId.slice(0, 80),
        state: receipt.state,
        errorCode: receipt.errorCode?.slice(0, 40) ?? null,
        handset: receipt.handset?.slice(0, 20) ?? null,
        textExcerpt: receipt.textExcerpt?.slice(0, 160) ?? null,
        receiptAt: receipt.at,
        receivedAt,
        tries: 0,
        retryAt,
      })),
    );
    this.logger.debug(`${list.length} receipt(s) matched no message yet; stored for the reconciler`);
  }
}

/** A receipt's identity: the channel, and the id that channel gave the part. */
function receiptKey(channelId: string, channelMessageId: string): string {
  return `${channelId}\u0000${channelMessageId}`;
}
