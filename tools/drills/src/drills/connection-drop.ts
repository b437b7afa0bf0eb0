import type { DrillDefinition } from '../run.js';
import { baseScenario } from '../scenarios.js';
import { type SendResult, sendAll, waitFor } from '../traffic.js';
import { type Limits, numbered, progress, receiptOutcome, seconds, whenOperatorAccepted } from './common.js';

interface Params extends Limits {
  messages: number;
  /** SMPP window: how many submits are in flight at once. */
  window: number;
  /** How long the SMSC holds its answers before the drop, so the window is full when the link goes. */
  holdMs: number;
}

/**
 * Drill 5: the SMSC holds its answers until a full window of 50 submits is in flight and a backlog waits
 * behind it, then the TCP connection is cut. The driver must rebind and carry on; a submit whose answer
 * never came must be neither lost nor sent twice.
 */
export const connectionDrop: DrillDefinition<Params> = {
  name: 'connection-drop',
  title: 'the SMPP connection dropped with 50 submits in flight',
  params: {
    long: {
      messages: 5_000,
      window: 50,
      holdMs: 20_000,
      timeLimitMs: 5 * 60_000,
      settleLimitMs: 3 * 60_000,
      quietMs: 10_000,
    },
    short: { messages: 300, window: 50, holdMs: 20_000, timeLimitMs: 90_000, settleLimitMs: 60_000, quietMs: 10_000 },
  },
  environment: (p) => ({
    // Answers held, and receipts of the held submits due only after the drop, as from a slow SMSC.
    scenario: baseScenario({
      submitLatency: { kind: 'fixed', ms: p.holdMs },
      receipt: { state: 'delivered', delay: { kind: 'fixed', ms: p.holdMs + 2_000 } },
    }),
    smpp: { window: p.window, throughput: 1000, responseTimeoutMs: p.holdMs + 10_000 },
    credit: p.messages,
  }),
  timeLimitMs: (p) => p.timeLimitMs,
  settleLimitMs: (p) => p.settleLimitMs,
  quietMs: (p) => p.quietMs,
  expect: () => receiptOutcome,

  async run(ctx, p) {
    const { env } = ctx;
    let answered = 0;
    const report = progress(ctx, p.messages, 'accepted by the API');
    const sending: Promise<SendResult[]> = sendAll(env.customer, numbered(p.messages, 'connection-drop'), {
      concurrency: 16,
      deadline: ctx.deadline,
      onProgress: (n) => {
        answered = n;
        report(n);
      },
    });
    const inFlight = await whenOperatorAccepted(ctx, p.window);
    // A backlog behind the full window, so the driver has work the moment it is bound again.
    await waitFor(
      'a backlog behind the window',
      async () => (answered >= 2 * p.window || answered === p.messages ? true : undefined),
      60_000,
    );
    const before = await env.simulator.stats();
    const killed = await env.simulator.dropConnections();
    ctx.say(`dropped ${killed} SMPP connection(s) with ${before.accepted} submit(s) taken by the SMSC and unanswered`);
    await env.simulator.setScenario(baseScenario());
    const rebound = Date.now();
    const smsc = await waitFor(
      'the driver bound again',
      async () => {
        const stats = await env.simulator.smscStats();
        return stats.bindsAccepted >= 2 && stats.sessions > 0 ? stats : undefined;
      },
      30_000,
    );
    ctx.checks.push({
      name: `the link was dropped with ${p.window} submits in flight and bound again`,
      ok: killed > 0 && before.accepted === p.window && inFlight === p.window,
      detail: `${killed} connection(s) dropped holding ${before.accepted} unanswered submit(s); bound again after ${seconds(Date.now() - rebound)} (${smsc.bindsAccepted} binds in all)`,
    });
    ctx.notes.push(
      `the SMSC held its answers ${seconds(p.holdMs)}, so exactly the window (${p.window}) was in flight at the drop; ` +
        'then it answered at once again',
    );
    return sending;
  },
};
