import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Receipt } from '@mtredi/channel-sdk';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { groupBy } from '../../common/group-by.js';
import { Tenancy } from '../../db/tenancy.js';
import { ChannelRuntime } from '../channels/channel-runtime.service.js';
import { Message } from '../messaging/message.entity.js';
import { ChannelMessageId } from './channel-message-id.entity.js';
import type { MatchedReceipt } from './receipt-applier.js';
import { ReceiptsService } from './receipts.service.js';
import { Resender, UNCONFIRMED_RANGE } from './resender.js';
import { type LooseReceipt, type Placeholder, pairUnconfirmed } from './unconfirmed-matching.js';
import { UnmatchedReceipt } from './unmatched-receipt.entity.js';

/** How often a worker reconciles. Each pass is a handful of indexed queries. */
export const RECONCILE_EVERY_MS = 2000;
/** Stored receipts looked at per pass. */
const BATCH = 5000;
/** A stored receipt is matched by handset only after this long: an accept committing late wins by id. */
const NUMBER_MATCH_AFTER_MS = 2000;
/** Stored receipts are retried for a day (backing off to every 10 minutes), then kept for inspection only. */
const GIVE_UP_AFTER_MS = 24 * 3600_000;
const MAX_BACKOFF_MS = 10 * 60_000;
/** Matching window for channels that declare none (their placeholders are never resent). */
const DEFAULT_WINDOW_MS = 5 * 60_000;
const CHUNK = 1000;
const FINAL = new Set(['delivered', 'undelivered', 'expired', 'rejected', 'failed']);

/**
 * The worker's reconciler of receipts and unknown outcomes, every RECONCILE_EVERY_MS:
 * 1. stored receipts whose channel message id now exists (an accept that committed late) are applied;
 * 2. stored receipts of a channel with parts accepted under unconfirmed ids are paired with them by
 *    handset, time window and text excerpt: applied, and the real id recorded for later receipts;
 * 3. a message whose unconfirmed part got no receipt within its channel's window is sent again; on a
 *    channel that cannot tell (no window declared) it stays in transit, flagged as unknown.
 * Safe with several workers: every change is conditional on the current state.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly tenancy: Tenancy,
    private readonly receipts: ReceiptsService,
    private readonly resender: Resender,
    private readonly channels: ChannelRuntime,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pass(), RECONCILE_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; passes never overlap in a process. */
  pass(): Promise<void> {
    this.running = this.running.then(() =>
      this.reconcile().catch((error: Error) => this.logger.error(`Reconciling failed: ${error.message}`)),
    );
    return this.running;
  }

  private async reconcile(): Promise<void> {
    const now = new Date();
    const due = await this.tenancy
      .system()
      .find(UnmatchedReceipt, { retryAt: { $lte: now } }, { orderBy: { retryAt: 'asc' }, limit: BATCH });
    const left = await this.matchById(due);
    const stillLeft = await this.matchUnconfirmed(left, now);
    await this.backOff(stillLeft, now);
    await this.expireUnconfirmed(now);
  }

  private async matchById(rows: UnmatchedReceipt[]): Promise<UnmatchedReceipt[]> {
    if (rows.length === 0) return rows;
    const ids = await this.tenancy.system().find(ChannelMessageId, {
      $or: [...groupBy(rows, (r) => r.channelId)].map(([channelId, list]) => ({
        channelId,
        channelMessageId: { $in: [...new Set(list.map((r) => r.channelMessageId))] },
      })),
    });
    const messageIdOf = new Map(ids.map((row) => [`${row.channelId}\u0000${row.channelMessageId}`, row.messageId]));
    const matched: { row: UnmatchedReceipt; messageId: string }[] = [];
    const left: UnmatchedReceipt[] = [];
    for (const row of rows) {
      const messageId = row.channelMessageId
        ? messageIdOf.get(`${row.channelId}\u0000${row.channelMessageId}`)
        : undefined;
      if (messageId) matched.push({ row, messageId });
      else left.push(row);
    }
    if (matched.length > 0) {
      await this.receipts.applyMatched(
        matched.map(({ row, messageId }) => ({ messageId, channelId: row.channelId, receipt: receiptOf(row) })),
        (tx) =>
          deleteRows(
            tx,
            matched.map((m) => m.row.id),
          ),
      );
    }
    return left;
  }

  private async matchUnconfirmed(rows: UnmatchedReceipt[], now: Date): Promise<UnmatchedReceipt[]> {
    const candidates = rows.filter((r) => r.handset && r.receivedAt.getTime() <= now.getTime() - NUMBER_MATCH_AFTER_MS);
    if (candidates.length === 0) return rows;
    const placeholders = await this.placeholders([...new Set(candidates.map((r) => r.channelId))]);
    const pairs = pairUnconfirmed(candidates as LooseReceipt[], placeholders);
    if (pairs.length === 0) return rows;
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const matched: MatchedReceipt[] = pairs.map(({ receipt, placeholder }) => ({
      messageId: placeholder.messageId,
      channelId: placeholder.channelId,
      receipt: receiptOf(rowById.get(receipt.id) as UnmatchedReceipt),
    }));
    await this.receipts.applyMatched(matched, async (tx) => {
      for (const { receipt, placeholder } of pairs) {
        const real = (rowById.get(receipt.id) as UnmatchedReceipt).channelMessageId;
        // The real id takes the placeholder's place: later receipts of the part (a final one after an
        // intermediate) match by id, and the part is no longer a candidate for a resend.
        await tx.nativeDelete(ChannelMessageId, {
          channelId: placeholder.channelId,
          channelMessageId: placeholder.channelMessageId,
        });
        if (real) {
          await tx
            .createQueryBuilder(ChannelMessageId)
            .insert({
              channelId: placeholder.channelId,
              channelMessageId: real,
              messageId: placeholder.messageId,
              part: placeholder.part,
            })
            .onConflict(['channelId', 'channelMessageId'])
            .ignore()
            .execute('run');
        }
      }
      await deleteRows(
        tx,
        pairs.map((p) => p.receipt.id),
      );
    });
    this.logger.log(`Matched ${pairs.length} receipt(s) to parts accepted under unconfirmed ids, by handset`);
    const paired = new Set(pairs.map((p) => p.receipt.id));
    return rows.filter((r) => !paired.has(r.id));
  }

  /** Parts under unconfirmed ids of in-transit messages on these channels, with what matching needs. */
  private async placeholders(channelIds: string[]): Promise<Placeholder[]> {
    if (channelIds.length === 0) return [];
    const em = this.tenancy.system();
    const rows = await em.find(ChannelMessageId, {
      channelId: { $in: channelIds },
      channelMessageId: UNCONFIRMED_RANGE,
    });
    if (rows.length === 0) return [];
    const messages: Pick<Message, 'id' | 'to' | 'text' | 'status' | 'updatedAt' | 'errorCode'>[] = [];
    const messageIds = [...new Set(rows.map((r) => r.messageId))];
    for (let i = 0; i < messageIds.length; i += CHUNK) {
      messages.push(
        ...(await em.find(
          Message,
          { id: { $in: messageIds.slice(i, i + CHUNK) } },
          { fields: ['id', 'to', 'text', 'status', 'updatedAt', 'errorCode'] },
        )),
      );
    }
    const byId = new Map(messages.map((m) => [m.id, m]));
    // A message made final by another part's receipt keeps no use for its placeholders.
    const done = rows.filter((row) => FINAL.has(byId.get(row.messageId)?.status ?? ''));
    for (const row of done) {
      await em.nativeDelete(ChannelMessageId, { channelId: row.channelId, channelMessageId: row.channelMessageId });
    }
    return rows.flatMap((row) => {
      const m = byId.get(row.messageId);
      if (m?.status !== 'in_transit') return [];
      return [
        {
          channelId: row.channelId,
          channelMessageId: row.channelMessageId,
          messageId: row.messageId,
          part: row.part,
          to: m.to,
          text: m.text,
          acceptedAt: m.updatedAt,
          windowMs: this.windowMs(row.channelId) ?? DEFAULT_WINDOW_MS,
          flagged: m.errorCode != null,
        },
      ];
    });
  }

  /** The channel's unconfirmed window, when it runs in this process and declares one. */
  private windowMs(channelId: string): number | undefined {
    const seconds = this.channels.get(channelId)?.driver.capabilities.unconfirmedWindowSeconds;
    return seconds === undefined ? undefined : seconds * 1000;
  }

  /**
   * Resends messages whose unconfirmed parts outlived their channel's window with no receipt, and flags
   * those of channels that declare no window. Only channels running in this process: the worker that
   * holds a channel's bind knows its settings.
   */
  private async expireUnconfirmed(now: Date): Promise<void> {
    const running = this.channels.all().map((c) => c.id);
    const expired = await this.placeholders(running);
    const resend = new Set<string>();
    const flag = new Set<string>();
    for (const p of expired) {
      const window = this.windowMs(p.channelId);
      if (window === undefined) {
        if (!p.flagged) flag.add(p.messageId);
      } else if (p.acceptedAt.getTime() + window < now.getTime()) {
        resend.add(p.messageId);
      }
    }
    if (flag.size > 0) await this.resender.flagUnknown([...flag]);
    if (resend.size > 0) await this.resender.resend([...resend]);
  }

  /** Not matched this pass: looked at again later, less and less often, and left alone after a day. */
  private async backOff(rows: UnmatchedReceipt[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    const em = this.tenancy.system();
    const stale = rows.filter((r) => now.getTime() - r.receivedAt.getTime() > GIVE_UP_AFTER_MS);
    const staleIds = new Set(stale.map((r) => r.id));
    if (stale.length > 0) {
      await em.nativeUpdate(UnmatchedReceipt, { id: { $in: [...staleIds] } }, { retryAt: null });
      this.logger.warn(
        `${stale.length} receipt(s) matched no message within a day; kept for inspection (unmatched_receipts)`,
      );
    }
    for (const [tries, list] of groupBy(
      rows.filter((r) => !staleIds.has(r.id)),
      (r) => String(r.tries),
    )) {
      const next = Number(tries) + 1;
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(next, 20));
      await em.nativeUpdate(
        UnmatchedReceipt,
        { id: { $in: list.map((r) => r.id) } },
        { tries: next, retryAt: new Date(now.getTime() + delay) },
      );
    }
  }
}

function receiptOf(row: UnmatchedReceipt): Receipt {
  const receipt: Receipt = { channelMessageId: row.channelMessageId, state: row.state, at: row.receiptAt };
  if (row.errorCode) receipt.errorCode = row.errorCode;
  return receipt;
}

async function deleteRows(tx: SqlEntityManager, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx.nativeDelete(UnmatchedReceipt, { id: { $in: ids.slice(i, i + CHUNK) } });
  }
}
