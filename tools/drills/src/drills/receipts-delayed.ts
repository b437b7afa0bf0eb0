import type { DrillDefinition } from '../run.js';
import { baseScenario } from '../scenarios.js';
import { sendAll } from '../traffic.js';
import { type Limits, numbered, percentile, progress, receiptOutcome, seconds, statusLag } from './common.js';

interface Params extends Limits {
  messages: number;
  minDelayMs: number;
  maxDelayMs: number;
}

/** Slack on the measured receipt delay: the submit answer and the batch that stores the status. */
const EARLY_SLACK_MS = 1_000;
const LATE_SLACK_MS = 3_000;

/**
 * Drill 3: receipts come 5–30 s after the submit (uniformly). Messages stay in transit meanwhile, then
 * each gets its final status; the time between the two must match the delay the operator applied.
 */
export const receiptsDelayed: DrillDefinition<Params> = {
  name: 'receipts-delayed',
  title: 'receipts delayed 5–30 s',
  params: {
    long: {
      messages: 2_000,
      minDelayMs: 5_000,
      maxDelayMs: 30_000,
      timeLimitMs: 5 * 60_000,
      settleLimitMs: 3 * 60_000,
      quietMs: 10_000,
    },
    short: {
      messages: 300,
      minDelayMs: 500,
      maxDelayMs: 3_000,
      timeLimitMs: 60_000,
      settleLimitMs: 60_000,
      quietMs: 5_000,
    },
  },
  environment: (p) => ({
    scenario: baseScenario({
      receipt: { state: 'delivered', delay: { kind: 'uniform', minMs: p.minDelayMs, maxMs: p.maxDelayMs } },
    }),
    credit: p.messages,
  }),
  timeLimitMs: (p) => p.timeLimitMs,
  settleLimitMs: (p) => p.settleLimitMs,
  quietMs: (p) => p.quietMs,
  expect: () => receiptOutcome,

  run(ctx, p) {
    return sendAll(ctx.env.customer, numbered(p.messages, 'receipts-delayed'), {
      concurrency: 8,
      deadline: ctx.deadline,
      onProgress: progress(ctx, p.messages, 'accepted by the API'),
    });
  },

  finalChecks(ctx, p, { views }) {
    const delays = [...views.values()].flatMap((v) => statusLag(v) ?? []);
    const [low, p50, p95, high] = [0, 50, 95, 100].map((q) => percentile(delays, q)) as [
      number,
      number,
      number,
      number,
    ];
    ctx.checks.push({
      name: `statuses followed the receipts ${seconds(p.minDelayMs)}–${seconds(p.maxDelayMs)} later`,
      ok: delays.length === views.size && low >= p.minDelayMs - EARLY_SLACK_MS && high <= p.maxDelayMs + LATE_SLACK_MS,
      detail: `in transit → final: min ${seconds(low)}, p50 ${seconds(p50)}, p95 ${seconds(p95)}, max ${seconds(high)} over ${delays.length} message(s)`,
    });
  },
};
