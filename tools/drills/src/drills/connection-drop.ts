import type { DrillDefinition } from '../run.js';
import { baseScenario, SMPP_ACCOUNT } from '../scenarios.js';
import { sendAll, waitFor } from '../traffic.js';
import { type Limits, numbered, progress, receiptOutcome, seconds } from './common.js';

interface Params extends Limits {
  messages: number;
  /** SMPP window: how many submits are in flight at once. */
  window: number;
  /** How long the SMSC holds its answers before the drop, so the window is full when the link goes. */
  holdMs: number;
  /**
   * The channel's `unconfirmedWindowSeconds`: a submit whose answer never came and that got no receipt
   * this long after its accept is resent. Longer than the held submits' receipts take (holdMs + 2 s).
   */
  unconfirmedWindowSeconds: number;
}

/**
 * Drill 5: the SMSC holds its answers until a full window of 50 submits is in flight and cuts the TCP
 * connection on reading the 50th (`dropAfterSubmits`): 49 submits it has taken, one it never
 * processed, none answered. The driver must rebind and carry on; a submit whose answer never came must
 * be neither lost nor sent twice: the 49 are matched to their receipts by handset and text, the one
 * never read gets no receipt and is resent once its channel's unconfirmed window has passed.
 */
export const connectionDrop: DrillDefinition<Params> = {
  name: 'connection-drop',
  title: 'the SMPP connection dropped with 50 submits in flight',
  params: {
    long: {
      messages: 5_000,
      window: 50,
      holdMs: 20_000,
      unconfirmedWindowSeconds: 60,
      timeLimitMs: 5 * 60_000,
      settleLimitMs: 3 * 60_000,
      quietMs: 10_000,
    },
    short: {
      messages: 300,
      window: 50,
      holdMs: 5_000,
      unconfirmedWindowSeconds: 15,
      timeLimitMs: 90_000,
      settleLimitMs: 60_000,
      // Outlasts the window: the one submit never read stays in transit that long before it is resent.
      quietMs: 15_000,
    },
  },
  environment: (p) => ({
    // Answers held, and receipts of the held submits due only after the drop, as from a slow SMSC.
    scenario: baseScenario({
      submitLatency: { kind: 'fixed', ms: p.holdMs },
      receipt: { state: 'delivered', delay: { kind: 'fixed', ms: p.holdMs + 2_000 } },
      smpp: { accounts: [SMPP_ACCOUNT], dropAfterSubmits: p.window },
    }),
    // Rebinding waits 3 s, time for the drill to take the fault away before the next session.
    smpp: {
      window: p.window,
      throughput: 1000,
      responseTimeoutMs: p.holdMs + 10_000,
      unconfirmedWindowSeconds: p.unconfirmedWindowSeconds,
      reconnect: { initialMs: 3_000, maxMs: 3_000, bindRefusedMs: 3_000 },
    },
    credit: p.messages,
  }),
  timeLimitMs: (p) => p.timeLimitMs,
  settleLimitMs: (p) => p.settleLimitMs,
  quietMs: (p) => p.quietMs,
  expect: () => receiptOutcome,

  async run(ctx, p) {
    const { env } = ctx;
    const sending = sendAll(env.customer, numbered(p.messages, 'connection-drop'), {
      concurrency: 16,
      deadline: ctx.deadline,
      onProgress: progress(ctx, p.messages, 'accepted by the API'),
    });
    const dropped = await waitFor(
      'the SMSC dropping the link',
      async () => {
        const smsc = await env.simulator.smscStats();
        return smsc.connectionsDropped > 0 ? smsc : undefined;
      },
      Math.max(1000, ctx.deadline - Date.now()),
      50,
    );
    await env.simulator.setScenario(baseScenario());
    // As the SMSC recorded them at the drop: a late look here must not count what the next session sends.
    const submitted = dropped.lastDrop?.sessionSubmits ?? 0;
    const taken = dropped.lastDrop?.acceptedBefore ?? 0;
    const droppedAt = Date.now();
    ctx.say(`the SMSC dropped the link on its submit ${submitted}; it had taken ${taken}, answered none`);
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
      ok: submitted === p.window && taken === p.window - 1 && smsc.connectionsDropped === 1,
      detail:
        `dropped on submit ${submitted}, ${taken} taken by the operator and unanswered, 1 never read; ` +
        `bound again after ${seconds(Date.now() - droppedAt)} (${smsc.bindsAccepted} binds in all)`,
    });
    ctx.notes.push(
      `the SMSC held its answers ${seconds(p.holdMs)}, then dropped the connection on reading submit ${p.window}: ` +
        `${p.window - 1} in flight at the operator, 1 in flight it never processed`,
    );
    return sending;
  },
};
