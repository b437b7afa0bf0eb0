import type { LedgerAccount } from './accounts.js';
import { InvalidPostingError } from './errors.js';

/**
 * One double entry: `amount` parts leave `debit` and arrive in `credit`. The idempotency key makes a
 * posting safe to replay: a ledger applies each key at most once.
 */
export interface Posting {
  organizationId: string;
  idempotencyKey: string;
  kind: PostingKind;
  debit: LedgerAccount;
  credit: LedgerAccount;
  amount: number;
  memo: string;
}

export type PostingKind = 'trial' | 'top_up' | 'reserve' | 'consume' | 'release' | 'refund';

export function assertValidPosting(posting: Posting): void {
  if (!Number.isSafeInteger(posting.amount) || posting.amount <= 0) {
    throw new InvalidPostingError(`amount must be a positive whole number of parts, got ${posting.amount}`);
  }
  if (posting.debit === posting.credit) throw new InvalidPostingError('debit and credit must be different accounts');
  if (!posting.idempotencyKey) throw new InvalidPostingError('a posting needs an idempotency key');
}

/** Free SMS every new organization gets to try the service (the FAQ: 10 for testing). */
export const TRIAL_CREDITS = 10;

/**
 * The postings of the credit lifecycle. Sending reserves at accept, consumes when a channel accepts,
 * and releases (returns) when the platform or the operator rejects before accepting. A message whose
 * accept turned out unconfirmed (the operator never read it) is sent again while already consumed; if
 * that second attempt is rejected, `refund` returns the consumed credit (its reservation is long gone,
 * so `release` would take another message's). Unused credit is never refunded in money: there is
 * deliberately no posting that takes credit back out to the provider.
 */
export const postings = {
  trial(organizationId: string, amount = TRIAL_CREDITS): Posting {
    return {
      organizationId,
      idempotencyKey: `trial:${organizationId}`,
      kind: 'trial',
      debit: 'promotions',
      credit: 'available',
      amount,
      memo: 'Free trial SMS',
    };
  },
  topUp(organizationId: string, requestId: string, amount: number, reference: string): Posting {
    return {
      organizationId,
      idempotencyKey: `top_up:${requestId}`,
      kind: 'top_up',
      debit: 'sales',
      credit: 'available',
      amount,
      memo: `Top-up ${reference}`,
    };
  },
  reserve(organizationId: string, messageId: string, parts: number): Posting {
    return {
      organizationId,
      idempotencyKey: `reserve:${messageId}`,
      kind: 'reserve',
      debit: 'available',
      credit: 'reserved',
      amount: parts,
      memo: `Reserved for message ${messageId}`,
    };
  },
  consume(organizationId: string, messageId: string, parts: number): Posting {
    return {
      organizationId,
      idempotencyKey: `consume:${messageId}`,
      kind: 'consume',
      debit: 'reserved',
      credit: 'consumed',
      amount: parts,
      memo: `Message ${messageId} accepted by the operator`,
    };
  },
  release(organizationId: string, messageId: string, parts: number, reason: string): Posting {
    return {
      organizationId,
      idempotencyKey: `release:${messageId}`,
      kind: 'release',
      debit: 'reserved',
      credit: 'available',
      amount: parts,
      memo: `Message ${messageId} not accepted (${reason}); credit returned`,
    };
  },
  /** Consumed credit back to the customer: a message charged once, then refused when it was sent again. */
  refund(organizationId: string, messageId: string, parts: number, reason: string): Posting {
    return {
      organizationId,
      idempotencyKey: `refund:${messageId}`,
      kind: 'refund',
      debit: 'consumed',
      credit: 'available',
      amount: parts,
      memo: `Message ${messageId} charged, then refused when sent again (${reason}); credit returned`,
    };
  },
};

/** The consume posting's key that a refund of the same message returns (`refund:<id>` → `consume:<id>`). */
export function refundedConsumeKey(posting: Posting): string | undefined {
  return posting.kind === 'refund' ? `consume:${posting.idempotencyKey.slice('refund:'.length)}` : undefined;
}
