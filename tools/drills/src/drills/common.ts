import type { MessageView } from '../api.js';
import type { DrillContext } from '../run.js';
import { baseOutcome, magtiNumber } from '../scenarios.js';
import type { Outgoing, SendResult } from '../traffic.js';
import { waitFor } from '../traffic.js';
import type { Expectation } from '../verify.js';

/** Time limits and settling of one form of a drill. */
export interface Limits {
  timeLimitMs: number;
  settleLimitMs: number;
  quietMs: number;
}

/** `count` one-part Latin messages to distinct Magti numbers, starting at number `from`. */
export function numbered(count: number, label: string, from = 0): Outgoing[] {
  return Array.from({ length: count }, (_, i) => ({
    to: magtiNumber(from + i),
    text: `Mtredi drill ${label}: message ${from + i + 1}`,
  }));
}

/** The scenario's receipt for the number: delivered, or undelivered for numbers ending in 9. */
export function receiptOutcome(message: SendResult, _view?: MessageView): Expectation {
  const status = baseOutcome(message.to);
  return {
    statuses: [status],
    why: status === 'undelivered' ? 'numbers ending in 9 get an undelivered receipt' : 'the operator delivers it',
  };
}

/** Resolves once the operator has accepted at least `parts` parts (the simulator's counter). */
export function whenOperatorAccepted(ctx: DrillContext, parts: number): Promise<number> {
  return waitFor(
    `operator accepted ${parts} part(s)`,
    async () => {
      const { accepted } = await ctx.env.simulator.stats();
      return accepted >= parts ? accepted : undefined;
    },
    Math.max(1000, ctx.deadline - Date.now()),
    100,
  );
}

/**
 * Resolves once the operator has accepted nothing new for `quietMs` (its window is full of held
 * submits, or nothing is coming); with the count then.
 */
export async function whenOperatorStill(ctx: DrillContext, quietMs: number): Promise<number> {
  let last = -1;
  return waitFor(
    'the operator taking nothing more',
    async () => {
      const { accepted } = await ctx.env.simulator.stats();
      if (accepted === last) return accepted;
      last = accepted;
      return undefined;
    },
    15_000,
    quietMs,
  );
}

/** Progress every tenth of the way, so a long drill shows it is alive. */
export function progress(ctx: DrillContext, total: number, what: string): (done: number) => void {
  const step = Math.max(1, Math.floor(total / 10));
  return (done) => {
    if (done % step === 0 || done === total) ctx.say(`  ${what}: ${done}/${total}`);
  };
}

/** Seconds with one decimal, for notes. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Percentile of a list of numbers (nearest rank); NaN for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** When the message reached `status`, from its history (epoch ms), if it did. */
export function reachedAt(view: MessageView, status: string): number | undefined {
  const change = view.history.find((h) => h.status === status);
  return change ? Date.parse(change.at) : undefined;
}

/** How long after the channel took it the message's final status was stored (ms), if it is final. */
export function statusLag(view: MessageView): number | undefined {
  const sent = reachedAt(view, 'in_transit');
  if (sent === undefined || view.status === 'in_transit' || view.status === 'queued') return undefined;
  return Date.parse(view.updatedAt) - sent;
}
