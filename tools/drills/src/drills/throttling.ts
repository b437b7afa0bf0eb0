import type { DrillDefinition } from '../run.js';
import { baseScenario } from '../scenarios.js';
import { sendAll } from '../traffic.js';
import { type Limits, numbered, progress, reachedAt, receiptOutcome, seconds } from './common.js';

interface Params extends Limits {
  messages: number;
  /** How long the SMSC holds each answer until the backlog is in place. */
  holdMs: number;
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
      holdMs: 8_000,
      operatorLimit: 50,
      throughput: 200,
      timeLimitMs: 5 * 60_000,
      settleLimitMs: 5 * 60_000,
      quietMs: 10_000,
    },
    short: {
      messages: 300,
      holdMs: 8_000,
      operatorLimit: 50,
      throughput: 200,
      timeLimitMs: 90_000,
      settleLimitMs: 60_000,
      quietMs: 6_000,
    },
  },
  environment: (p) => ({
    // Answers held at first, so every message is waiting when the throttled operator opens up; receipts
    // of the held submits come after their answers, as usual.
    scenario: baseScenario({
      submitLatency: { kind: 'fixed', ms: p.holdMs },
      receipt: { state: 'delivered', delay: { kind: 'uniform', minMs: p.holdMs + 50, maxMs: p.holdMs + 400 } },
    }),
    smpp: { throughput: p.throughput, responseTimeoutMs: p.holdMs + 5_000 },
    credit: p.messages,
  }),
  timeLimitMs: (p) => p.timeLimitMs,
  settleLimitMs: (p) => p.settleLimitMs,
  quietMs: (p) => p.quietMs,
  expect: () => receiptOutcome,

  async run(ctx, p) {
    const results = await sendAll(ctx.env.customer, numbered(p.messages, 'throttling'), {
      concurrency: 8,
      deadline: ctx.deadline,
      onProgress: progress(ctx, p.messages, 'accepted by the API'),
    });
    const early = (await ctx.env.simulator.stats()).accepted;
    ctx.marks.throttledFrom = Date.now();
    await ctx.env.simulator.setScenario(baseScenario({ throttle: { maxPerSecond: p.operatorLimit } }));
    ctx.say(`operator throttles at ${p.operatorLimit}/s; ${p.messages - early} message(s) waiting`);
    ctx.notes.push(
      `the SMSC held its answers ${seconds(p.holdMs)} while the API took the messages (${early} went meanwhile), ` +
        `then answered at once with ESME_RTHROTTLED above ${p.operatorLimit}/s`,
    );
    return results;
  },

  finalChecks(ctx, p, { verdict, views, operator }) {
    // Only what went after the throttle was switched on: the earliest were answered under the hold.
    const from = ctx.marks.throttledFrom ?? 0;
    const taken = [...views.values()].flatMap((v) => reachedAt(v, 'in_transit') ?? []).filter((t) => t >= from);
    const spanMs = Math.max(1, Math.max(...taken) - Math.min(...taken));
    const rate = (taken.length / spanMs) * 1000;
    // The operator’s token bucket holds one second of burst; the window held before the switch adds 10.
    const allowed = p.operatorLimit * (spanMs / 1000 + 1) + 10;
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
