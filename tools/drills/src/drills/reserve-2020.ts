import type { MessageView } from '../api.js';
import { DIRECT, RESERVE } from '../environment.js';
import type { DrillContext, DrillDefinition } from '../run.js';
import { baseScenario, magtiNumber, PROVIDER_NAME, SENDER, SMPP_ACCOUNT } from '../scenarios.js';
import { type Outgoing, type SendResult, sendAll, waitFor } from '../traffic.js';
import { readStatuses } from '../verify.js';
import { type Limits, percentile, receiptOutcome, seconds, statusLag } from './common.js';

interface Params extends Limits {
  /** Georgian one-part texts, and Latin texts of 300 characters: the reserve takes both. */
  georgian: number;
  latin: number;
  /** Georgian texts of 400 characters: over the reserve's 320, so they wait for the direct channel. */
  longGeorgian: number;
  /** The same text again to the same number: the reserve would drop it, so it waits for the direct channel. */
  repeats: number;
  /** Messages after the direct channel is back. */
  after: number;
  pollIntervalSeconds: number;
}

type Kind = 'reserve' | 'too-long' | 'repeat' | 'direct';

/** Three-hour repeat window of the reserve channel (25 April 2020). */
const REPEAT_WINDOW_SECONDS = 10_800;
const GEORGIAN_400 = 'ყურადღება! მტრედის სერვისი დროებით სარეზერვო არხით მუშაობს. '.repeat(8).slice(0, 400);
const LATIN_300 = 'Mtredi: your order is ready. '.repeat(11).slice(0, 300);

/**
 * Drill 6, April–May 2020 (seeds/TRANSLATION.md): the direct SMPP channel is down and traffic goes
 * through the reserve aggregator with its rules — Georgian at most 320 and Latin 480 characters, the
 * same text to the same number within 3 hours dropped, delivery possibly under the provider's name,
 * statuses every minute (or none) — then the direct channel comes back. Nothing may be lost: what the
 * reserve cannot carry waits for the direct channel instead of being dropped.
 */
function reserveDrill(receipts: 'polling' | 'none'): DrillDefinition<Params> {
  const kinds = new Map<string, Kind>();
  const poll = receipts === 'polling';
  return {
    name: poll ? 'reserve-2020' : 'reserve-2020-no-receipts',
    title: poll
      ? 'April–May 2020: direct channel down, reserve aggregator (320/480, 3-hour repeats, SMSOFFICE, statuses every minute), direct back'
      : 'April 2020: direct channel down, reserve aggregator without statuses (messages stay "in transit"), direct back',
    params: {
      long: {
        georgian: 600,
        latin: 100,
        longGeorgian: 100,
        repeats: 100,
        after: 1_000,
        pollIntervalSeconds: 60,
        timeLimitMs: 10 * 60_000,
        settleLimitMs: 5 * 60_000,
        quietMs: 15_000,
      },
      short: {
        georgian: 60,
        latin: 10,
        longGeorgian: 10,
        repeats: 10,
        after: 50,
        pollIntervalSeconds: 1,
        timeLimitMs: 2 * 60_000,
        settleLimitMs: 60_000,
        quietMs: 6_000,
      },
    },
    environment: (p) => ({
      scenario: aprilScenario(),
      reserve: { receiptMode: receipts, pollIntervalSeconds: p.pollIntervalSeconds },
      directHealth: 'down',
      credit: p.georgian + 2 * p.latin + 6 * p.longGeorgian + p.repeats + p.after,
    }),
    timeLimitMs: (p) => p.timeLimitMs,
    settleLimitMs: (p) => p.settleLimitMs + p.pollIntervalSeconds * 2000,
    quietMs: (p) => p.quietMs + p.pollIntervalSeconds * 1500,
    expect: () => (message: SendResult, view: MessageView) => {
      const kind = kinds.get(message.tag ?? '');
      if (kind === 'reserve' && !poll) {
        return {
          statuses: ['in_transit'],
          why: 'the reserve gives no statuses: it stays "in transit" (22 April 2020)',
        };
      }
      return receiptOutcome(message, view);
    },

    async run(ctx, p) {
      const { env } = ctx;
      kinds.clear();
      const tagged = (kind: Kind, messages: Outgoing[]) =>
        messages.map((m) => {
          const tag = `${kind}:${kinds.size}`;
          kinds.set(tag, kind);
          return { ...m, tag };
        });
      const reserveable = tagged('reserve', [
        ...Array.from({ length: p.georgian }, (_, i) => ({
          to: magtiNumber(i),
          text: `მტრედი: შეკვეთა №${i + 1} მზადაა`,
        })),
        ...Array.from({ length: p.latin }, (_, i) => ({
          to: magtiNumber(10_000 + i),
          text: `${LATIN_300.slice(0, 290)} #${i}`,
        })),
      ]);
      const tooLong = tagged(
        'too-long',
        Array.from({ length: p.longGeorgian }, (_, i) => ({ to: magtiNumber(20_000 + i), text: GEORGIAN_400 })),
      );
      ctx.say(`direct channel down; sending ${reserveable.length + tooLong.length} message(s)`);
      const first = await sendAll(env.customer, [...reserveable, ...tooLong], {
        concurrency: 8,
        deadline: ctx.deadline,
      });
      // The repeats go once their first copies have gone through the reserve.
      const originals = first.filter((r) => r.id && kinds.get(r.tag ?? '') === 'reserve').slice(0, p.repeats);
      await waitForStatus(ctx, originals, (s) => s !== 'queued', 'the reserve took the first copies');
      const repeats = await sendAll(
        env.customer,
        tagged(
          'repeat',
          originals.map((r) => ({ to: r.to, text: r.text })),
        ),
        { concurrency: 8, deadline: ctx.deadline },
      );
      await waitFor(
        'every message the reserve can carry taken',
        async () => {
          const views = await readStatuses(
            env.customer,
            ids(first.filter((r) => kinds.get(r.tag ?? '') === 'reserve')),
          );
          return [...views.values()].every((v) => v.status !== 'queued') ? true : undefined;
        },
        Math.max(1000, ctx.deadline - Date.now()),
        1000,
      );
      const waiting = [...tooLong.map((m) => first.find((r) => r.tag === m.tag)), ...repeats].filter(
        (r): r is SendResult => r?.id !== undefined,
      );
      const held = await readStatuses(env.customer, ids(waiting));
      const stillQueued = [...held.values()].filter((v) => v.status === 'queued').length;
      const atReserve = (await Promise.all(ids(waiting).map((id) => env.simulator.aggregatorMessage(id)))).filter(
        Boolean,
      );
      ctx.checks.push({
        name: 'what the reserve cannot carry waits for the direct channel',
        ok: stillQueued === waiting.length && atReserve.length === 0 && waiting.length === p.longGeorgian + p.repeats,
        detail: `${stillQueued} of ${waiting.length} (${p.longGeorgian} Georgian texts of 400 characters, ${p.repeats} repeats within 3 hours) queued, ${atReserve.length} sent to the reserve`,
      });

      ctx.say('direct channel back (6 May 2020: sender names authorized again)');
      const backAt = Date.now();
      await env.simulator.setScenario(baseScenario({ authorizedSenders: [SENDER, PROVIDER_NAME] }));
      await env.waitForHealth(DIRECT, 'up', 30_000);
      ctx.notes.push(`the direct channel was up ${seconds(Date.now() - backAt)} after the SMSC opened again`);
      const after = await sendAll(
        env.customer,
        tagged(
          'direct',
          Array.from({ length: p.after }, (_, i) => ({
            to: magtiNumber(30_000 + i),
            text: `Mtredi: direct again, message ${i + 1}`,
          })),
        ),
        { concurrency: 8, deadline: ctx.deadline },
      );
      return [...first, ...repeats, ...after];
    },

    async finalChecks(ctx, p, { views, results, failedOver }) {
      const byKind = (kind: Kind) =>
        results.filter((r) => r.id && kinds.get(r.tag ?? '') === kind).map((r) => r.id as string);
      const reserveIds = byKind('reserve');
      const viaReserve = reserveIds.filter((id) => failedOver.has(id));
      const asProvider = (await Promise.all(viaReserve.map((id) => ctx.env.simulator.aggregatorMessage(id)))).filter(
        (m) => m?.deliveredAs === PROVIDER_NAME,
      ).length;
      const others = [...byKind('too-long'), ...byKind('repeat'), ...byKind('direct')];
      ctx.checks.push(
        {
          name: 'the reserve carried what it could, under the provider’s name',
          ok: viaReserve.length === reserveIds.length && asProvider === viaReserve.length,
          detail: `${viaReserve.length} of ${reserveIds.length} through ${RESERVE}, ${asProvider} delivered as ${PROVIDER_NAME} (the sender ${SENDER} was not authorized then)`,
        },
        {
          name: 'the rest went through the direct channel',
          ok: others.every((id) => !failedOver.has(id)),
          detail: `${others.filter((id) => failedOver.has(id)).length} of ${others.length} at the reserve`,
        },
      );
      if (poll) {
        const lags = viaReserve.flatMap((id) => {
          const v = views.get(id);
          return (v && statusLag(v)) ?? [];
        });
        const limit = p.pollIntervalSeconds * 1000 + 10_000;
        ctx.checks.push({
          name: `reserve statuses arrived with the polls (every ${p.pollIntervalSeconds} s)`,
          ok: lags.length === viaReserve.length && percentile(lags, 100) <= limit,
          detail: `taken by the reserve → status stored: p50 ${seconds(percentile(lags, 50))}, max ${seconds(percentile(lags, 100))}`,
        });
      } else {
        ctx.notes.push(
          `${viaReserve.length} message(s) went through the reserve and stay "in transit" (გზაშია): it gives no statuses, as on 22 April 2020`,
        );
      }
      ctx.notes.push(
        `reserve limits honoured before sending: ${p.longGeorgian} Georgian text(s) of 400 characters and ${p.repeats} repeat(s) waited for the direct channel`,
      );
    },
  };
}

/** 14–25 April 2020: the operator's SMSC refuses connections; only the provider's own name is authorized. */
function aprilScenario() {
  return baseScenario({
    authorizedSenders: [PROVIDER_NAME],
    duplicateWindowSeconds: REPEAT_WINDOW_SECONDS,
    smpp: { accounts: [SMPP_ACCOUNT], refuseConnections: true },
  });
}

function ids(results: (SendResult | undefined)[]): string[] {
  return results.flatMap((r) => (r?.id ? [r.id] : []));
}

async function waitForStatus(
  ctx: DrillContext,
  results: SendResult[],
  done: (status: string) => boolean,
  what: string,
): Promise<void> {
  await waitFor(
    what,
    async () => {
      const views = await readStatuses(ctx.env.customer, ids(results));
      return [...views.values()].every((v) => done(v.status)) ? true : undefined;
    },
    Math.max(1000, ctx.deadline - Date.now()),
    500,
  );
}

export const reserve2020 = reserveDrill('polling');
export const reserve2020NoReceipts = reserveDrill('none');
