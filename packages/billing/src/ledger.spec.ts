import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, CUSTOMER_ACCOUNTS } from './accounts.js';
import { InsufficientCreditError, InvalidPostingError } from './errors.js';
import { Ledger } from './ledger.js';
import { type Posting, postings, TRIAL_CREDITS } from './postings.js';

const ORG = 'org-1';

/** One step a customer's credit can take, as the platform would post it. */
const step = fc.oneof(
  fc.record({
    op: fc.constant('topUp' as const),
    id: fc.integer({ min: 0, max: 20 }),
    amount: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    op: fc.constant('reserve' as const),
    id: fc.integer({ min: 0, max: 30 }),
    amount: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    op: fc.constant('consume' as const),
    id: fc.integer({ min: 0, max: 30 }),
    amount: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    op: fc.constant('release' as const),
    id: fc.integer({ min: 0, max: 30 }),
    amount: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    op: fc.constant('refund' as const),
    id: fc.integer({ min: 0, max: 30 }),
    amount: fc.integer({ min: 1, max: 8 }),
  }),
);

function toPosting(s: { op: string; id: number; amount: number }): Posting {
  const message = `m${s.id}`;
  switch (s.op) {
    case 'topUp':
      return postings.topUp(ORG, `t${s.id}`, s.amount, `REF-${s.id}`);
    case 'reserve':
      return postings.reserve(ORG, message, s.amount);
    case 'consume':
      return postings.consume(ORG, message, s.amount);
    case 'refund':
      return postings.refund(ORG, message, s.amount, 'rejected when sent again');
    default:
      return postings.release(ORG, message, s.amount, 'rejected');
  }
}

describe('Ledger', () => {
  it('keeps every invariant over random sequences of top-up, reserve, consume and release', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), fc.boolean(), (steps, replay) => {
        const ledger = new Ledger();
        ledger.post(postings.trial(ORG));
        for (const s of steps) {
          const posting = toPosting(s);
          const before = ledger.balance();
          try {
            ledger.post(posting);
          } catch (error) {
            // Not enough credit, or a refund of a message never consumed.
            expect(error).toSatisfy((e) => e instanceof InsufficientCreditError || e instanceof InvalidPostingError);
            expect(ledger.balance()).toEqual(before); // a refused posting changes nothing
          }
          if (replay) {
            const afterFirst = ledger.balance();
            try {
              expect(ledger.post(posting)).toBe(false);
            } catch (error) {
              // The first attempt was refused too.
              expect(error).toSatisfy((e) => e instanceof InsufficientCreditError || e instanceof InvalidPostingError);
            }
            expect(ledger.balance()).toEqual(afterFirst);
          }
          const balance = ledger.balance();
          expect(ACCOUNTS.reduce((sum, a) => sum + balance[a], 0)).toBe(0);
          for (const a of CUSTOMER_ACCOUNTS) expect(balance[a]).toBeGreaterThanOrEqual(0);
        }
        // Credit only ever comes from trial and top-ups; what the customer holds plus what it spent equals that.
        const balance = ledger.balance();
        const granted = -(balance.promotions + balance.sales);
        expect(balance.available + balance.reserved + balance.consumed).toBe(granted);
        expect(balance.promotions).toBe(-TRIAL_CREDITS);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to reserve more than is available, and says how much was needed', () => {
    const ledger = new Ledger();
    ledger.post(postings.trial(ORG));
    expect(() => ledger.post(postings.reserve(ORG, 'big', 11))).toThrow(InsufficientCreditError);
    try {
      ledger.post(postings.reserve(ORG, 'big', 11));
    } catch (error) {
      expect((error as InsufficientCreditError).code).toBe('billing/insufficient_credit');
      expect((error as InsufficientCreditError).needed).toBe(11);
    }
    expect(ledger.post(postings.reserve(ORG, 'ok', 10))).toBe(true);
    expect(ledger.balance()).toMatchObject({ available: 0, reserved: 10 });
  });

  it('returns released credit and keeps consumed credit', () => {
    const ledger = new Ledger();
    ledger.post(postings.trial(ORG));
    ledger.post(postings.reserve(ORG, 'a', 3));
    ledger.post(postings.reserve(ORG, 'b', 2));
    ledger.post(postings.consume(ORG, 'a', 3));
    ledger.post(postings.release(ORG, 'b', 2, 'ESME_RINVDSTADR'));
    expect(ledger.balance()).toEqual({ available: 7, reserved: 0, consumed: 3, promotions: -10, sales: 0 });
    expect(ledger.history().map((p) => p.kind)).toEqual(['trial', 'reserve', 'reserve', 'consume', 'release']);
  });

  it('refunds consumed credit of a message refused when sent again, once, and only if it was consumed', () => {
    const ledger = new Ledger();
    ledger.post(postings.trial(ORG));
    ledger.post(postings.reserve(ORG, 'a', 2));
    ledger.post(postings.consume(ORG, 'a', 2));
    // Sent again after an unconfirmed accept: the second consume is a replay, nothing is charged twice.
    expect(ledger.post(postings.consume(ORG, 'a', 2))).toBe(false);
    // Refused the second time: the release finds no reservation, the refund returns the consumed parts.
    expect(() => ledger.post(postings.release(ORG, 'a', 2, 'ESME_RINVDSTADR'))).toThrow(InsufficientCreditError);
    expect(ledger.post(postings.refund(ORG, 'a', 2, 'ESME_RINVDSTADR'))).toBe(true);
    expect(ledger.post(postings.refund(ORG, 'a', 2, 'ESME_RINVDSTADR'))).toBe(false);
    expect(ledger.balance()).toEqual({ available: 10, reserved: 0, consumed: 0, promotions: -10, sales: 0 });
    expect(() => ledger.post(postings.refund(ORG, 'never-sent', 1, 'x'))).toThrow(
      /never consumed \(no consume:never-sent\)/,
    );
  });

  it('rejects malformed postings with a clear reason', () => {
    const ledger = new Ledger();
    expect(() => ledger.post({ ...postings.trial(ORG), amount: 0 })).toThrow(InvalidPostingError);
    expect(() => ledger.post({ ...postings.trial(ORG), amount: 1.5 })).toThrow(/whole number/);
    expect(() => ledger.post({ ...postings.trial(ORG), credit: 'promotions' })).toThrow(/different accounts/);
  });
});
