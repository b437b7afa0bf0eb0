import { raw } from '@mikro-orm/core';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { Message } from '../messaging/message.entity.js';
import { type StatusChange, StatusEvents } from '../messaging/status-events.js';
import { StatCounter } from './stat-counter.entity.js';

/** Pending counter increments are written at most this long after the status change. */
const FLUSH_MS = 250;
/** Ids per `in (…)` list, well under every database's limit of bound parameters. */
const IN_LIST = 1000;

/** Upper bounds (ms) of the accept → delivered histogram; the last bucket is everything slower. */
export const LATENCY_BUCKETS = [
  250,
  500,
  1000,
  2000,
  5000,
  10_000,
  30_000,
  60_000,
  300_000,
  3_600_000,
  Number.POSITIVE_INFINITY,
];

const TBILISI_OFFSET_MS = 4 * 3600_000;
const DAY_MS = 86_400_000;
/** The last day computed: changes come in time order, so nearly every call is the same day again. */
let lastDay = { start: 0, end: 0, day: '' };

/** Calendar day in Tbilisi (UTC+4, no daylight saving since 2005), the customers' day. */
export function tbilisiDay(at: Date): string {
  const local = at.getTime() + TBILISI_OFFSET_MS;
  if (local >= lastDay.start && local < lastDay.end) return lastDay.day;
  const start = Math.floor(local / DAY_MS) * DAY_MS;
  lastDay = { start, end: start + DAY_MS, day: new Date(start).toISOString().slice(0, 10) };
  return lastDay.day;
}

/** The counter scopes of one channel: all time, and one Tbilisi day. */
export const channelScope = (channelId: string, day?: string) =>
  day ? `channel:${channelId}:${day}` : `channel:${channelId}`;

/**
 * Keeps the statistics counters with the statuses: every committed status change adds 1 to its counters
 * (per campaign, day, sender, operator, channel, and channel per day), batched into one upsert per counter
 * per batch.
 */
@Injectable()
export class StatisticsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StatisticsService.name);
  private readonly pending = new Map<
    string,
    { key: string; organizationId: string; scope: string; metric: string; count: number }
  >();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Changes whose publisher did not say the channel; looked up in one query when the batch is written. */
  private channelUnknown: StatusChange[] = [];
  /** Changes whose channel had to be looked up so far: a publisher that leaves it out shows here. */
  private channelLookups = 0;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly events: StatusEvents,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((changes) => this.count(changes));
  }

  /**
   * Adds the changes to the pending increments; they are written within FLUSH_MS as one transaction, in a
   * fixed key order. Every status change of a busy organization hits the same few counter rows, so writing
   * each change on its own would make all senders queue behind those row locks.
   */
  async count(changes: StatusChange[]): Promise<void> {
    // Changes are first tallied by everything their counters depend on (a batch of a campaign is a handful
    // of such tuples), then each tuple adds its tally to its counters: the scope strings and counter keys
    // are built per tuple, not per change.
    const tuples = new Map<string, { change: StatusChange; day: string; metric: string | null; count: number }>();
    for (const c of changes) {
      if (c.withdrawnSendAt) {
        this.withdrawSend(c, c.withdrawnSendAt);
        continue;
      }
      // Looked up only for a change whose publisher left the channel out; never for one that names it
      // (or says null), nor for an accepted message, which has no channel yet.
      if (c.channelId === undefined && c.status !== 'queued') this.channelUnknown.push(c);
      const day = tbilisiDay(c.at);
      const metric =
        c.status === 'delivered' && c.acceptedAt ? latencyMetric(c.at.getTime() - c.acceptedAt.getTime()) : null;
      const key = `${c.organizationId}|${day}|${c.campaignId ?? ''}|${c.sender ?? ''}|${c.operator ?? ''}|${c.channelId ?? ''}|${c.status}|${metric ?? ''}`;
      const tuple = tuples.get(key);
      if (tuple) tuple.count++;
      else tuples.set(key, { change: c, day, metric, count: 1 });
    }
    for (const { change: c, day, metric, count } of tuples.values()) {
      for (const scope of scopesOf(c, day)) {
        this.add(c.organizationId, scope, c.status, count);
        if (metric) this.add(c.organizationId, scope, metric, count);
      }
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /**
   * A message sent again after its submit was lost (receipts/resender.ts): its earlier `in_transit` is
   * subtracted where it was counted (that send's day and channel), and its next one counts. Taking the lost
   * send back, rather than skipping a message's second `in_transit`, keeps every counter a plain sum that
   * any process can add to without knowing what was counted before, moves "sent" to the channel and day the
   * message really went out on (a resend may fail over to another channel), and leaves no message "in
   * transit" for ever on the channel that lost it. The resend's `queued` is no new acceptance: not counted.
   */
  private withdrawSend(c: StatusChange, sentAt: Date): void {
    for (const scope of scopesOf(c, tbilisiDay(sentAt))) this.add(c.organizationId, scope, 'in_transit', -1);
  }

  private addAll(c: StatusChange, scopes: string[]): void {
    for (const scope of scopes) {
      this.add(c.organizationId, scope, c.status);
      if (c.status === 'delivered' && c.acceptedAt) {
        this.add(c.organizationId, scope, latencyMetric(c.at.getTime() - c.acceptedAt.getTime()));
      }
    }
  }

  /** How many changes came without their channel and had it looked up (diagnostics, tests). */
  get channelsLookedUp(): number {
    return this.channelLookups;
  }

  /** The channel scopes of changes published without their channel: one lookup per batch, not per change. */
  private async resolveChannels(): Promise<void> {
    const changes = this.channelUnknown;
    this.channelUnknown = [];
    this.channelLookups += changes.length;
    const channelOf = new Map<string, string | null>();
    try {
      const ids = [...new Set(changes.map((c) => c.messageId))];
      for (let i = 0; i < ids.length; i += IN_LIST) {
        const rows = await this.tenancy
          .system()
          .find(Message, { id: { $in: ids.slice(i, i + IN_LIST) } }, { fields: ['id', 'channelId'] });
        for (const row of rows) channelOf.set(row.id, row.channelId ?? null);
      }
    } catch (error) {
      this.logger.error(
        `Channels of ${changes.length} status changes not found, retrying: ${(error as Error).message}`,
      );
      this.channelUnknown.push(...changes);
      return;
    }
    for (const c of changes) {
      const channelId = channelOf.get(c.messageId);
      if (channelId) this.addAll(c, [channelScope(channelId), channelScope(channelId, tbilisiDay(c.at))]);
    }
  }

  /** Writes what is pending; resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.then(async () => {
      if (this.channelUnknown.length > 0) await this.resolveChannels();
      // A send and its withdrawal in the same batch cancel out: nothing to write.
      const batch = [...this.pending.values()].filter((i) => i.count !== 0).sort((a, b) => a.key.localeCompare(b.key));
      this.pending.clear();
      if (batch.length === 0) return;
      try {
        // One statement per thousand counters; each row adds its own increment (`excluded.count`).
        await this.tenancy.system().transactional(async (tx) => {
          for (let i = 0; i < batch.length; i += IN_LIST) {
            await tx
              .createQueryBuilder(StatCounter)
              .insert(
                batch.slice(i, i + IN_LIST).map((inc) => ({
                  organizationId: inc.organizationId,
                  scope: inc.scope,
                  metric: inc.metric,
                  count: inc.count,
                })),
              )
              .onConflict(['organizationId', 'scope', 'metric'])
              .merge({ count: raw('stat_counters.count + excluded.count') })
              .execute('run');
          }
        });
      } catch (error) {
        this.logger.error(`Statistics counters not written (${batch.length}), retrying: ${(error as Error).message}`);
        for (const inc of batch)
          this.pending.set(inc.key, { ...inc, count: inc.count + (this.pending.get(inc.key)?.count ?? 0) });
        this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS * 4);
      }
    });
    return this.writing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private add(organizationId: string, scope: string, metric: string, delta = 1): void {
    const key = `${organizationId}|${scope}|${metric}`;
    const entry = this.pending.get(key) ?? { key, organizationId, scope, metric, count: 0 };
    entry.count += delta;
    this.pending.set(key, entry);
  }

  /**
   * Counters of some scopes, as {scope: {metric: count}}: of one organization, or (null, for staff) the sums
   * over every organization.
   */
  async read(organizationId: string | null, scopes: string[]): Promise<Record<string, Record<string, number>>> {
    await this.flush();
    const result: Record<string, Record<string, number>> = {};
    for (let i = 0; i < scopes.length; i += IN_LIST) {
      const where = { scope: { $in: scopes.slice(i, i + IN_LIST) }, ...(organizationId ? { organizationId } : {}) };
      const rows = await this.tenancy.system().find(StatCounter, where);
      for (const row of rows) {
        const scope = result[row.scope] ?? {};
        scope[row.metric] = (scope[row.metric] ?? 0) + Number(row.count);
        result[row.scope] = scope;
      }
    }
    return result;
  }
}

/** The scopes a change counts in: its (Tbilisi) day, campaign, sender, operator, and channel when it names one. */
function scopesOf(c: StatusChange, day: string): string[] {
  const scopes = [`day:${day}`];
  if (c.campaignId) scopes.push(`campaign:${c.campaignId}`);
  if (c.sender) scopes.push(`sender:${c.sender}`);
  if (c.operator) scopes.push(`operator:${c.operator}`);
  if (c.channelId) scopes.push(channelScope(c.channelId), channelScope(c.channelId, day));
  return scopes;
}

export function latencyMetric(ms: number): string {
  const bound = LATENCY_BUCKETS.find((b) => ms <= b) ?? Number.POSITIVE_INFINITY;
  return `latency:${Number.isFinite(bound) ? bound : 'inf'}`;
}

/** Summary figures from one scope's counters: rates and accept → delivered percentiles (bucket bounds). */
export function summarize(counters: Record<string, number> = {}) {
  const n = (k: string) => counters[k] ?? 0;
  const finals = n('delivered') + n('undelivered') + n('expired') + n('rejected') + n('failed');
  const sent = n('in_transit');
  const histogram = LATENCY_BUCKETS.map((b) => ({ le: b, count: n(latencyMetric(b)) }));
  const total = histogram.reduce((a, b) => a + b.count, 0);
  const percentile = (p: number) => {
    if (total === 0) return null;
    let seen = 0;
    for (const bucket of histogram) {
      seen += bucket.count;
      if (seen >= p * total) return Number.isFinite(bucket.le) ? bucket.le : null;
    }
    return null;
  };
  return {
    accepted: n('queued'),
    sent,
    delivered: n('delivered'),
    undelivered: n('undelivered'),
    expired: n('expired'),
    rejected: n('rejected'),
    failed: n('failed'),
    inTransit: Math.max(0, sent - (n('delivered') + n('undelivered') + n('expired'))),
    deliveryRate: finals ? n('delivered') / finals : null,
    /** Upper bounds of the histogram bucket holding the median and the 95th percentile (ms). */
    timeToDeliverP50Ms: percentile(0.5),
    timeToDeliverP95Ms: percentile(0.95),
  };
}
