import type { DrillDefinition } from '../run.js';
import { baseScenario } from '../scenarios.js';
import { sendAll } from '../traffic.js';
import { type Limits, numbered, progress, reachedAt, receiptOutcome, seconds } from './common.js';

interface Params extends Limits {
  messages: number;
  /** What the operator accepts per second; above it, ESME_RTHROTTLED. */
  operatorLimit: number;
  /** What the channel is configured to send: faster than the operator now allows. */
  throughput: number;
}

/**
 * Drill 2: the operator throttles at 50 messages per second while the channel was set up for 200.
 * The platform must slow down to what the operator takes and lose nothing to ESME_RTHROTTLED.
 */
export const throttling: DrillDefinition<Params> = {
  name: 'throttling',
  title: 'the operator throttles at 50 messages/s (ESME_RTHROTTLED above it)',
  params: {
    long: {
      messages: 3_000,
      operatorLimit: 50,
      throughput: 200,
      timeLimitMs: 5 * 60_000,
      settleLimitMs: 5 * 60_000,
      quietMs: 10_000,
    },
    short: {
      messages: 300,
      operatorLimit: 50,
      throughput: 200,
      timeLimitMs: 60_000,
      settleLimitMs: 60_000,
      quietMs: 6_000,
    },
  },
  environment: (p) => ({
    scenario: baseScenario({ throttle: { maxPerSecond: p.operatorLimit } }),
    smpp: { throughput: p.throughput },
    credit: p.messages,
  }),
  timeLimitMs: (p) => p.timeLimitMs,
  settleLimitMs: (p) => p.settleLimitMs,
  quietMs: (p) => p.quietMs,
  expect: () => receiptOutcome,

  run(ctx, p) {
    return sendAll(ctx.env.customer, numbered(p.messages, 'throttling'), {
      concurrency: 8,
      deadline: ctx.deadline,
      onProgress: progress(ctx, p.messages, 'accepted by the API'),
    });
  },

  finalChecks(ctx, p, { verdict, views, operator }) {
    const taken = [...views.values()].flatMap((v) => reachedAt(v, 'in_transit') ?? []);
    const spanMs = Math.max(1, Math.max(...taken) - Math.min(...taken));
    const rate = (taken.length / spanMs) * 1000;
    // The operator's token bucket holds one second of burst on top of the rate.
    const allowed = p.operatorLimit * (spanMs / 1000 + 1);
    ctx.checks.push(
      {
        name: 'the operator throttled and the platform slowed down',
        ok: operator.throttled > 0 && verdict.counts.retried > 0,
        detail: `ESME_RTHROTTLED answered ${operator.throttled} time(s); ${verdict.counts.retried} message(s) waited and were retried`,
      },
      {
        name: `the operator took no more than ${p.operatorLimit}/s`,
        ok: taken.length <= allowed,
        detail: `${taken.length} message(s) taken over ${seconds(spanMs)}: ${rate.toFixed(1)}/s`,
      },
    );
    ctx.notes.push(
      `channel set to ${p.throughput}/s, operator limit ${p.operatorLimit}/s; sent at ${rate.toFixed(1)}/s on average`,
    );
  },
};
