import type { ApiClient, LedgerEntry, MessageView } from './api.js';
import type { PlatformLog } from './platform-log.js';
import type { OperatorStats } from './simulator.js';
import type { SendResult } from './traffic.js';

/** What the scenario implies for one message: the statuses it may end in, and why. */
export interface Expectation {
  statuses: readonly string[];
  why: string;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** Passed, but only by a documented limitation of the platform that the report must show. */
  known?: boolean;
}

export interface DrillCounts {
  sent: number;
  accepted: number;
  refused: number;
  delivered: number;
  undelivered: number;
  expired: number;
  rejected: number;
  failed: number;
  inTransit: number;
  queued: number;
  /** Messages handed back to the queue at least once (platform log). */
  retried: number;
  /** Hand-backs in all. */
  retries: number;
  /** Messages carried by a channel other than the first of the route. */
  failedOver: number;
  /**
   * Messages still queued at the end, plus submits (SMSC parts, aggregator messages) the platform
   * handed to a channel that the operator never received.
   */
  lost: number;
  chargedTwice: number;
  statusMismatches: number;
}

export interface LedgerCheck {
  /** Parts consumed for the drill's messages. */
  consumed: number;
  /** Parts of the messages a channel took: in transit, delivered, undelivered, expired. */
  expectedConsumed: number;
  released: number;
  expectedReleased: number;
  /** Credit still reserved, and the parts of messages still queued that it should equal. */
  reserved: number;
  expectedReserved: number;
  /** Messages with more than one posting of one kind (reserve, consume or release). */
  duplicatePostings: number;
}

export interface Evidence {
  results: SendResult[];
  views: Map<string, MessageView>;
  expect: (message: SendResult, view: MessageView) => Expectation;
  ledger: { reserve: LedgerEntry[]; consume: LedgerEntry[]; release: LedgerEntry[] };
  balance: { available: number; reserved: number };
  operator: OperatorStats;
  log: PlatformLog;
  /** Ids of messages that went through the reserve channel. */
  failedOver: ReadonlySet<string>;
}

export interface Verdict {
  counts: DrillCounts;
  ledger: LedgerCheck;
  checks: Check[];
  /** A few messages whose status is not what the scenario implies, for the report. */
  mismatches: { id: string; to: string; expected: string; actual: string }[];
}

/** Statuses after which the platform took the message off the queue for good through a channel. */
const CHANNEL_TOOK = new Set(['in_transit', 'delivered', 'undelivered', 'expired']);
const MEMO_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * Reads every accepted message's status from the API (bounded concurrency). Messages whose status is
 * final are not asked again by `settle`.
 */
export async function readStatuses(
  client: ApiClient,
  ids: string[],
  into = new Map<string, MessageView>(),
  concurrency = 16,
): Promise<Map<string, MessageView>> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      into.set(id, await client.message(id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return into;
}

/**
 * Checks the drill's evidence: every accepted message's status against the scenario, nothing lost
 * (still queued at the end, or taken by the platform but never received by the operator), nothing
 * charged twice, and the ledger against the statuses.
 */
export function verify(evidence: Evidence): Verdict {
  const accepted = evidence.results.filter((r) => r.id !== undefined);
  const views = accepted.map((r) => ({ result: r, view: evidence.views.get(r.id as string) }));
  const byStatus = (status: string) => views.filter((v) => v.view?.status === status).length;
  const mismatches: Verdict['mismatches'] = [];
  let statusMismatches = 0;
  let staleInTransit = 0;
  for (const { result, view } of views) {
    if (!view) continue;
    const expected = evidence.expect(result, view);
    if (expected.statuses.includes(view.status)) continue;
    // Expected final, still in transit: a receipt that came back matched no message (see below).
    if (view.status === 'in_transit') staleInTransit++;
    statusMismatches++;
    if (mismatches.length < 5)
      mismatches.push({ id: view.id, to: view.to, expected: expected.statuses.join('|'), actual: view.status });
  }
  const unmatched = evidence.log.unmatchedReceipts;
  const partsOf = (filter: (v: MessageView) => boolean) =>
    views.reduce((sum, { view }) => sum + (view && filter(view) ? view.parts : 0), 0);
  const tookParts = partsOf((v) => CHANNEL_TOOK.has(v.status) || tookThenRejected(v));
  const notTakenParts = partsOf((v) => (v.status === 'rejected' || v.status === 'failed') && !tookThenRejected(v));
  const queuedParts = partsOf((v) => v.status === 'queued');

  const ours = new Set(accepted.map((r) => r.id as string));
  const tally = (entries: LedgerEntry[]) => {
    const perMessage = new Map<string, number>();
    let amount = 0;
    for (const entry of entries) {
      const id = MEMO_ID.exec(entry.memo)?.[0];
      if (!id || !ours.has(id)) continue;
      amount += entry.amount;
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
    }
    return { amount, perMessage, twice: [...perMessage.values()].filter((n) => n > 1).length };
  };
  const consume = tally(evidence.ledger.consume);
  const release = tally(evidence.ledger.release);
  const reserve = tally(evidence.ledger.reserve);
  const consumedAndReleased = [...consume.perMessage.keys()].filter((id) => release.perMessage.has(id)).length;
  const ledger: LedgerCheck = {
    consumed: consume.amount,
    expectedConsumed: tookParts,
    released: release.amount,
    expectedReleased: notTakenParts,
    reserved: evidence.balance.reserved,
    expectedReserved: queuedParts,
    duplicatePostings: consume.twice + release.twice + reserve.twice,
  };

  const queuedAtEnd = byStatus('queued');
  const operatorAccepted = evidence.operator.accepted;
  // The SMSC counts each submit_sm part; the aggregator API counts each message once.
  const tookUnits = views.reduce((sum, { view }) => {
    if (!view || !(CHANNEL_TOOK.has(view.status) || tookThenRejected(view))) return sum;
    return sum + (evidence.failedOver.has(view.id) ? 1 : view.parts);
  }, 0);
  const missingAtOperator = Math.max(0, tookUnits - operatorAccepted);
  // A message wrongly "in transit" either had its receipt unmatched (the operator has it) or never
  // reached the operator (counted as lost, and failed there).
  const explained =
    statusMismatches === staleInTransit && staleInTransit > 0 && staleInTransit <= unmatched + missingAtOperator;
  const staleDelivered = Math.min(staleInTransit, unmatched);
  const counts: DrillCounts = {
    sent: evidence.results.length,
    accepted: accepted.length,
    refused: evidence.results.length - accepted.length,
    delivered: byStatus('delivered'),
    undelivered: byStatus('undelivered'),
    expired: byStatus('expired'),
    rejected: byStatus('rejected'),
    failed: byStatus('failed'),
    inTransit: byStatus('in_transit'),
    queued: queuedAtEnd,
    retried: [...evidence.log.retriedMessages].filter((id) => ours.has(id)).length,
    retries: evidence.log.retries,
    failedOver: [...evidence.failedOver].filter((id) => ours.has(id)).length,
    lost: queuedAtEnd + missingAtOperator,
    chargedTwice: consume.twice + consumedAndReleased,
    statusMismatches,
  };

  const checks: Check[] = [
    {
      name: 'nothing lost',
      ok: counts.lost === 0,
      detail:
        `${queuedAtEnd} still queued at the end; the platform handed ${tookUnits} submit(s) to channels, ` +
        `the operator accepted ${operatorAccepted}` +
        (missingAtOperator ? ` — ${missingAtOperator} charged and shown "in transit", never at the operator` : ''),
    },
    {
      name: 'nothing sent twice',
      ok: operatorAccepted <= tookUnits,
      detail: `${Math.max(0, operatorAccepted - tookUnits)} submit(s) more at the operator than the platform handed over`,
    },
    {
      name: 'nothing charged twice',
      ok: counts.chargedTwice === 0 && ledger.duplicatePostings === 0,
      detail: `${consume.twice} consumed twice, ${consumedAndReleased} consumed and returned, ${ledger.duplicatePostings} duplicate posting(s)`,
    },
    {
      name: 'consumed = parts of messages in transit, delivered, undelivered',
      ok: ledger.consumed === ledger.expectedConsumed,
      detail: `consumed ${ledger.consumed}, expected ${ledger.expectedConsumed}`,
    },
    {
      name: 'credit of refused messages returned, of queued ones still reserved',
      ok: ledger.released === ledger.expectedReleased && ledger.reserved === ledger.expectedReserved,
      detail: `returned ${ledger.released} (expected ${ledger.expectedReleased}), reserved ${ledger.reserved} (expected ${ledger.expectedReserved})`,
    },
    {
      name: 'every status is what the scenario implies',
      ok: (statusMismatches === 0 || explained) && views.every((v) => v.view !== undefined),
      ...(explained && staleDelivered > 0 ? { known: true } : {}),
      detail:
        statusMismatches === 0
          ? `${accepted.length} message(s) checked one by one`
          : explained && staleDelivered === 0
            ? `the ${staleInTransit} message(s) wrongly "in transit" never reached the operator (lost, above)`
            : explained
              ? `${staleDelivered} message(s) stay in transit although the operator sent their receipts (${unmatched} receipt(s) ` +
                'matched no message). Either the submit’s answer never came (link dropped, answer too late): driver-smpp records ' +
                'it as accepted under a placeholder id and never resends it, so the operator’s id in the receipt is unknown to the ' +
                'platform; or the receipt came before the accept was stored and outlasted the receipt matcher’s retries (about 4 s)' +
                (staleInTransit > staleDelivered
                  ? `; ${staleInTransit - staleDelivered} more never reached the operator (lost, above)`
                  : '')
              : `${statusMismatches} differ, e.g. ${mismatches.map((m) => `${m.to}: ${m.actual} (expected ${m.expected})`).join('; ')}`,
    },
  ];
  return { counts, ledger, checks, mismatches };
}

/** Rejected by a receipt after a channel had taken it (the credit stays consumed). */
function tookThenRejected(view: MessageView): boolean {
  return view.status === 'rejected' && view.history.some((h) => h.status === 'in_transit');
}
