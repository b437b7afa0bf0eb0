import { DIRECT } from '../environment.js';
import type { DrillDefinition } from '../run.js';
import { baseScenario } from '../scenarios.js';
import { sendAll, sleep } from '../traffic.js';
import {
  type Limits,
  numbered,
  progress,
  receiptOutcome,
  seconds,
  whenOperatorAccepted,
  whenOperatorStill,
} from './common.js';

interface Params extends Limits {
  messages: number;
  outageMs: number;
  /** Parts per second the SMPP channel sends at most. */
  throughput: number;
  /**
   * The SMSC holds its answers just before it goes down, so the link drops with a full window of
   * submits it has read (all of them at the operator). Without it, the drop catches whatever is in
   * flight, including submits the SMSC never read: the natural case, which the long form keeps.
   */
  holdBeforeOutage: boolean;
}

/** SMPP window of the drill's channel (the environment's default). */
const WINDOW = 10;

/**
 * Drill 1: the operator goes down (the SMSC closes its port and drops the bind) for a while once a
 * third of the messages have reached it. Nothing may be lost: the rest wait, are retried, and go out
 * when the link is back.
 */
export const operatorDown: DrillDefinition<Params> = {
  name: 'operator-down',
  title: 'the operator down in the middle of a send (SMPP channel, outage through the control API)',
  params: {
    long: {
      messages: 10_000,
      outageMs: 60_000,
      throughput: 500,
      holdBeforeOutage: false,
      timeLimitMs: 10 * 60_000,
      settleLimitMs: 5 * 60_000,
      quietMs: 10_000,
    },
    short: {
      messages: 300,
      outageMs: 5_000,
      throughput: 100,
      holdBeforeOutage: true,
      timeLimitMs: 90_000,
      settleLimitMs: 60_000,
      quietMs: 6_000,
    },
  },
  environment: (p) => ({ scenario: baseScenario(), smpp: { throughput: p.throughput }, credit: p.messages }),
  timeLimitMs: (p) => p.timeLimitMs,
  settleLimitMs: (p) => p.settleLimitMs,
  quietMs: (p) => p.quietMs,
  expect: () => receiptOutcome,

  async run(ctx, p) {
    const { env } = ctx;
    const sending = sendAll(env.customer, numbered(p.messages, 'operator-down'), {
      concurrency: 8,
      deadline: ctx.deadline,
      onProgress: progress(ctx, p.messages, 'accepted by the API'),
    });
    let before = await whenOperatorAccepted(ctx, Math.ceil(p.messages / 3));
    if (p.holdBeforeOutage) {
      await env.simulator.setScenario(baseScenario({ submitLatency: { kind: 'fixed', ms: 60_000 } }));
      await whenOperatorAccepted(ctx, before + WINDOW);
      before = await whenOperatorStill(ctx, 500);
      ctx.notes.push(
        `the SMSC held its answers just before the outage, so the link dropped with ${WINDOW} submits it had read`,
      );
    }
    const downAt = Date.now();
    await env.simulator.setScenario(
      baseScenario({ outages: [{ startAfterMs: 0, durationMs: p.outageMs, retryAfterMs: 1000 }] }),
    );
    ctx.say(`operator down for ${seconds(p.outageMs)} after it accepted ${before} message(s)`);
    const sawDown = await env.waitForHealth(DIRECT, 'down', Math.min(p.outageMs, 15_000)).then(
      () => Date.now() - downAt,
      () => undefined,
    );
    await sleep(Math.max(0, downAt + p.outageMs - Date.now()));
    const duringOutage = (await env.simulator.stats()).accepted - before;
    const upAt = Date.now();
    const backAfter = await env.waitForHealth(DIRECT, 'up', 30_000).then(
      () => Date.now() - upAt,
      () => undefined,
    );
    ctx.say(`operator back; the channel was up again after ${backAfter === undefined ? '—' : seconds(backAfter)}`);
    const results = await sending;
    ctx.checks.push(
      {
        name: 'the channel showed the outage',
        ok: sawDown !== undefined && backAfter !== undefined,
        detail: `down ${sawDown === undefined ? 'never seen' : `${seconds(sawDown)} after the outage began`}, up ${backAfter === undefined ? 'never seen again' : `${seconds(backAfter)} after it ended`}`,
      },
      {
        name: 'the rest waited and was retried',
        ok: env.log.retriedMessages.size > 0,
        detail: `${env.log.retriedMessages.size} message(s) handed back to the queue at least once`,
      },
    );
    ctx.notes.push(
      `outage of ${seconds(p.outageMs)} began when the operator had accepted ${before} of ${p.messages}; ` +
        `it accepted ${duringOutage} part(s) while down (the SMSC port was closed)`,
    );
    return results;
  },
};
