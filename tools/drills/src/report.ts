import type { OperatorStats } from './simulator.js';
import type { Check, DrillCounts, LedgerCheck } from './verify.js';

export type DrillForm = 'long' | 'short';

/** What a drill prints at the end, and what its test asserts on. */
export interface DrillReport {
  drill: string;
  title: string;
  form: DrillForm;
  database: 'SQLite' | 'PostgreSQL';
  durationMs: number;
  counts: DrillCounts;
  ledger: LedgerCheck;
  operator: OperatorStats;
  /** Receipts the platform could match to no message (its own log). */
  unmatchedReceipts: number;
  retryReasons: { reason: string; times: number }[];
  /** The shared checks (lost, charged twice, ledger, statuses) and the drill's own. */
  checks: Check[];
  /** What the reader should know: phases, timings, why some messages stay in transit. */
  notes: string[];
  ok: boolean;
}

const pad = (label: string) => `${label}:`.padEnd(22);

/** The report as plain text, the same in a terminal, a CI log and a pasted ticket. */
export function formatReport(r: DrillReport): string {
  const c = r.counts;
  const lines = [
    `Drill ${r.drill} (${r.form} form) — ${r.title}`,
    `  ${r.database}, ${(r.durationMs / 1000).toFixed(1)} s`,
    '',
    `  ${pad('sent')}${c.sent}`,
    `  ${pad('accepted')}${c.accepted}${c.refused ? ` (${c.refused} refused at accept, nothing charged)` : ''}`,
    `  ${pad('delivered')}${c.delivered}`,
    `  ${pad('undelivered')}${c.undelivered}`,
    ...(c.expired ? [`  ${pad('expired')}${c.expired}`] : []),
    ...(c.rejected || c.failed ? [`  ${pad('rejected / failed')}${c.rejected} / ${c.failed}`] : []),
    `  ${pad('retried')}${c.retried} message(s), ${c.retries} hand-back(s) to the queue`,
    `  ${pad('failed over')}${c.failedOver}`,
    `  ${pad('still in transit')}${c.inTransit}`,
    ...(c.queued ? [`  ${pad('still queued')}${c.queued}`] : []),
    `  ${pad('lost')}${c.lost}`,
    `  ${pad('charged twice')}${c.chargedTwice}`,
    '',
    `  ledger: consumed ${r.ledger.consumed} part(s) (expected ${r.ledger.expectedConsumed}), returned ${r.ledger.released}, ` +
      `still reserved ${r.ledger.reserved}, duplicate postings ${r.ledger.duplicatePostings}`,
    `  operator: accepted ${r.operator.accepted}, throttled ${r.operator.throttled}, unavailable ${r.operator.unavailable}, ` +
      `receipts sent ${r.operator.receiptsSent}, lost ${r.operator.receiptsLost}, withheld ${r.operator.receiptsWithheld}, ` +
      `repeats dropped ${r.operator.duplicatesDropped}`,
    ...(r.unmatchedReceipts ? [`  receipts matching no message (platform log): ${r.unmatchedReceipts}`] : []),
    ...(r.retryReasons.length
      ? [`  retry reasons: ${r.retryReasons.map((x) => `${x.reason} (${x.times})`).join('; ')}`]
      : []),
    '',
    ...r.checks.map(
      (check) => `  [${check.ok ? (check.known ? 'KNOWN' : 'ok') : 'FAIL'}] ${check.name}: ${check.detail}`,
    ),
    ...(r.notes.length ? ['', ...r.notes.map((n) => `  · ${n}`)] : []),
    '',
    `  ${r.ok ? 'PASSED' : 'FAILED'}${r.ok && r.checks.some((c) => c.known) ? ' (with a known limitation, marked KNOWN above)' : ''}`,
  ];
  return lines.join('\n');
}
