import { raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import {
  assertValidPosting,
  type Balances,
  emptyBalances,
  InsufficientCreditError,
  isCustomerAccount,
  type Posting,
} from '@mtredi/billing';
import { Injectable } from '@nestjs/common';
import { CreditAccount } from './credit-account.entity.js';
import { LedgerPosting } from './ledger-posting.entity.js';

/**
 * The ledger's storage: applies @mtredi/billing postings inside the caller's transaction, so a message and
 * its credit reservation commit or fail together. The rules are the domain package's; this class makes them
 * hold under concurrency (a unique idempotency key, conditional updates on customer balances).
 */
@Injectable()
export class CreditService {
  /** Applies a posting once; returns false when its idempotency key was already posted (nothing changes). */
  async post(tx: SqlEntityManager, posting: Posting): Promise<boolean> {
    assertValidPosting(posting);
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

  async balances(em: SqlEntityManager, organizationId: string): Promise<Balances> {
    const rows = await em.find(CreditAccount, { organizationId });
    const result = emptyBalances();
    for (const row of rows) result[row.account] = row.balance;
    return result;
  }

  private async move(tx: SqlEntityManager, organizationId: string, account: Posting['debit'], delta: number) {
    if (delta < 0 && isCustomerAccount(account)) {
      // One conditional update: concurrent sends can never take a customer balance below zero.
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
