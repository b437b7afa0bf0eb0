import { raw } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { CreditAccount, type CreditAccountName } from './credit-account.entity.js';
import { LedgerPosting } from './ledger-posting.entity.js';

/** Accounts that belong to the customer and therefore may never go below zero. */
const CUSTOMER_ACCOUNTS: ReadonlySet<CreditAccountName> = new Set(['available', 'reserved']);

export class InsufficientCreditError extends DomainError {
  constructor(needed: number) {
    super('billing/insufficient_credit', `Not enough credit: this needs ${needed} SMS part(s); top up to send`, 402);
  }
}

export interface Posting {
  organizationId: string;
  idempotencyKey: string;
  debit: CreditAccountName;
  credit: CreditAccountName;
  amount: number;
  memo: string;
}

/**
 * The credit ledger's write side: each posting moves parts between two accounts of one organization and
 * runs inside the caller's transaction, so a message and its credit reservation commit or fail together.
 */
@Injectable()
export class CreditService {
  /** Applies a posting once; returns false when the idempotency key was already posted (nothing changes). */
  async post(tx: SqlEntityManager, posting: Posting): Promise<boolean> {
    if (posting.amount <= 0) throw new Error(`posting amount must be positive, got ${posting.amount}`);
    const inserted = await tx
      .createQueryBuilder(LedgerPosting)
      .insert({ ...posting, createdAt: new Date() })
      .onConflict('idempotencyKey')
      .ignore()
      .execute('run');
    if (inserted.affectedRows === 0) return false;

    await this.move(tx, posting.organizationId, posting.debit, -posting.amount);
    await this.move(tx, posting.organizationId, posting.credit, posting.amount);
    return true;
  }

  async balances(tx: SqlEntityManager, organizationId: string): Promise<Record<CreditAccountName, number>> {
    const rows = await tx.find(CreditAccount, { organizationId });
    const result = { available: 0, reserved: 0, consumed: 0, promotions: 0, sales: 0 };
    for (const row of rows) result[row.account] = row.balance;
    return result;
  }

  private async move(tx: SqlEntityManager, organizationId: string, account: CreditAccountName, delta: number) {
    if (delta < 0 && CUSTOMER_ACCOUNTS.has(account)) {
      // One conditional update: concurrent sends can never take the balance below zero.
      const updated = await tx.nativeUpdate(
        CreditAccount,
        { organizationId, account, balance: { $gte: -delta } },
        { balance: raw('balance + ?', [delta]) },
      );
      if (updated === 0) throw new InsufficientCreditError(-delta);
      return;
    }
    await tx
      .createQueryBuilder(CreditAccount)
      .insert({ organizationId, account, balance: delta })
      .onConflict(['organizationId', 'account'])
      .merge({ balance: raw('credit_accounts.balance + ?', [delta]) })
      .execute('run');
  }
}
