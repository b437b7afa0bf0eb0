import { describe, expect, it } from 'vitest';
import type { LedgerEntry, MessageView } from './api.js';
import { PlatformLog } from './platform-log.js';
import type { OperatorStats } from './simulator.js';
import type { SendResult } from './traffic.js';
import { type Evidence, verify } from './verify.js';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const AT = '2026-11-22T10:00:00.000Z';

function message(n: number, status: string, parts = 1): { result: SendResult; view: MessageView } {
  const to = `+995599${String(100_000 + n)}`;
  const history = [{ status: 'queued', at: AT }, ...(status === 'queued' ? [] : [{ status: 'in_transit', at: AT }])];
  if (!['queued', 'in_transit'].includes(status)) history.push({ status, at: AT });
  return {
    result: { to, text: `m${n}`, id: ID(n), parts },
    view: { id: ID(n), to, text: `m${n}`, status, parts, createdAt: AT, updatedAt: AT, history },
  };
}

const posting = (kind: LedgerEntry['kind'], n: number, amount = 1): LedgerEntry => ({
  id: n,
  kind,
  amount,
  memo: kind === 'consume' ? `Message ${ID(n)} accepted by the operator` : `Reserved for message ${ID(n)}`,
});

const operator = (accepted: number): OperatorStats => ({
  submitted: accepted,
  accepted,
  rejected: 0,
  throttled: 0,
  unavailable: 0,
  receiptsSent: accepted,
  receiptsLost: 0,
  receiptsWithheld: 0,
  receiptsPending: 0,
  duplicatesDropped: 0,
  receiptStates: { delivered: accepted, undelivered: 0, expired: 0, rejected: 0 },
});

function evidence(messages: ReturnType<typeof message>[], overrides: Partial<Evidence> = {}, logLines: string[] = []) {
  const log = new PlatformLog({ onLine: () => () => undefined });
  for (const line of logLines) log.read(line);
  return {
    results: messages.map((m) => m.result),
    views: new Map(messages.map((m) => [m.view.id, m.view])),
    expect: () => ({ statuses: ['delivered'], why: 'test' }),
    ledger: {
      reserve: messages.map((_, i) => posting('reserve', i)),
      consume: messages.flatMap((m, i) => (m.view.status === 'queued' ? [] : [posting('consume', i)])),
      release: [],
    },
    balance: { available: 0, reserved: messages.filter((m) => m.view.status === 'queued').length },
    operator: operator(messages.filter((m) => m.view.status !== 'queued').length),
    log,
    failedOver: new Set<string>(),
    ...overrides,
  } satisfies Evidence;
}

const failed = (v: ReturnType<typeof verify>) => v.checks.filter((c) => !c.ok).map((c) => c.name);

describe('verify', () => {
  it('passes a drill where every message was delivered once and consumed once', () => {
    const verdict = verify(evidence([0, 1, 2].map((n) => message(n, 'delivered'))));
    expect(failed(verdict)).toEqual([]);
    expect(verdict.counts).toMatchObject({ accepted: 3, delivered: 3, lost: 0, chargedTwice: 0 });
  });

  it('counts as lost a message the platform handed over but the operator never received', () => {
    const messages = [0, 1, 2].map((n) => message(n, 'in_transit'));
    const verdict = verify(evidence(messages, { operator: operator(2) }));
    expect(verdict.counts.lost).toBe(1);
    expect(failed(verdict)).toContain('nothing lost');
  });

  it('counts a message still queued at the end as lost, and wants its credit still reserved', () => {
    const verdict = verify(evidence([message(0, 'delivered'), message(1, 'queued')]));
    expect(verdict.counts.lost).toBe(1);
    expect(verdict.ledger).toMatchObject({ reserved: 1, expectedReserved: 1 });
  });

  it('finds a message consumed twice', () => {
    const messages = [message(0, 'delivered'), message(1, 'delivered')];
    const base = evidence(messages);
    const verdict = verify({
      ...base,
      ledger: { ...base.ledger, consume: [...base.ledger.consume, posting('consume', 1)] },
    });
    expect(verdict.counts.chargedTwice).toBe(1);
    expect(failed(verdict)).toEqual(
      expect.arrayContaining([
        'nothing charged twice',
        'consumed = parts of messages in transit, delivered, undelivered',
      ]),
    );
  });

  it('counts the aggregator per message and the SMSC per part', () => {
    const long = message(0, 'delivered', 3);
    const viaReserve = verify(evidence([long], { operator: operator(1), failedOver: new Set([ID(0)]) }));
    expect(viaReserve.counts.lost).toBe(0);
    expect(verify(evidence([long], { operator: operator(1) })).counts.lost).toBe(2);
  });

  it('accepts a stale "in transit" only when as many receipts matched no message, and marks it known', () => {
    const messages = [message(0, 'delivered'), message(1, 'in_transit')];
    expect(failed(verify(evidence(messages)))).toEqual(['every status is what the scenario implies']);
    const unmatched = '{"msg":"Receipt 1F on channel 5b7e matches no message; kept"}';
    const verdict = verify(evidence(messages, {}, [unmatched]));
    expect(failed(verdict)).toEqual([]);
    expect(verdict.checks.find((c) => c.known)?.name).toBe('every status is what the scenario implies');
  });

  it('puts a stale "in transit" that never reached the operator under lost, not under statuses', () => {
    const messages = [message(0, 'delivered'), message(1, 'in_transit')];
    const verdict = verify(evidence(messages, { operator: operator(1) }));
    expect(verdict.counts.lost).toBe(1);
    expect(failed(verdict)).toEqual(['nothing lost']);
  });

  it('counts retries per message from the platform log', () => {
    const retry = (n: number) => `{"msg":"Message ${ID(n)} retried in 5000 ms: no channel of the route is up"}`;
    const verdict = verify(
      evidence([message(0, 'delivered'), message(1, 'delivered')], {}, [retry(0), retry(0), retry(1)]),
    );
    expect(verdict.counts).toMatchObject({ retried: 2, retries: 3 });
  });
});
