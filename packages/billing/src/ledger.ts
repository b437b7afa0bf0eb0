import { type Balances, emptyBalances, isCustomerAccount } from './accounts.js';
import { InsufficientCreditError, InvalidPostingError } from './errors.js';
import { assertValidPosting, type Posting, refundedConsumeKey } from './postings.js';

/**
 * The ledger's rules over one organization's balances, without storage: the reference the database
 * implementation (conditional updates plus a unique idempotency key) must agree with, and what the
 * property tests exercise.
 */
export class Ledger {
  private readonly balances: Balances = emptyBalances();
  private readonly applied = new Set<string>();
  private readonly journal: Posting[] = [];

  /** Applies a posting; returns false for a replayed idempotency key (nothing changes). */
  post(posting: Posting): boolean {
    assertValidPosting(posting);
    if (this.applied.has(posting.idempotencyKey)) return false;
    const consumed = refundedConsumeKey(posting);
    if (consumed !== undefined && !this.applied.has(consumed)) {
      throw new InvalidPostingError(
        `${posting.idempotencyKey} returns credit that was never consumed (no ${consumed})`,
      );
    }
    if (isCustomerAccount(posting.debit) && this.balances[posting.debit] < posting.amount) {
      throw new InsufficientCreditError(posting.amount);
    }
    this.balances[posting.debit] -= posting.amount;
    this.balances[posting.credit] += posting.amount;
    this.applied.add(posting.idempotencyKey);
    this.journal.push(posting);
    return true;
  }

  balance(): Readonly<Balances> {
    return { ...this.balances };
  }

  history(): readonly Posting[] {
    return this.journal;
  }
}
