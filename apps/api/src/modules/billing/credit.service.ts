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
import { sql } from 'kysely';
import { BoundSql, type BulkColumn } from '../../db/bound-sql.js';
import { CreditAccount } from './credit-account.entity.js';
import { LedgerPosting } from './ledger-posting.entity.js';

const POSTING_COLUMNS: BulkColumn[] = [
  { name: 'organization_id', pgType: 'uuid' },
  { name: 'idempotency_key', pgType: 'text' },
  { name: 'kind', pgType: 'text' },
  { name: 'debit', pgType: 'text' },
  { name: 'credit', pgType: 'text' },
  { name: 'amount', pgType: 'int' },
  { name: 'memo', pgType: 'text' },
  { name: 'created_at', pgType: 'timestamptz' },
];

/** One INSERT of many postings (their rows as one parameter per column). */
function insertPostings(db: BoundSql, list: readonly Posting[], tail = sql``) {
  const at = new Date();
  const rows = list.map((p) => [p.organizationId, p.idempotencyKey, p.kind, p.debit, p.credit, p.amount, p.memo, at]);
  return db.insert('ledger_postings', POSTING_COLUMNS, rows, tail);
}

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

  /**
   * Applies many postings with a few statements instead of a round of them per posting: the postings are
   * inserted together (keys already posted are skipped), then each (organization, account) balance moves
   * once by the sum of what was new, in a fixed order so that concurrent batches cannot deadlock. Throws
   * InsufficientCreditError when a customer balance would go below zero (the caller's transaction rolls back).
   * Returns the idempotency keys that were new.
   */
  async postMany(tx: SqlEntityManager, list: Posting[]): Promise<Set<string>> {
    if (list.length === 0) return new Set();
    for (const posting of list) assertValidPosting(posting);
    const inserted = new Set<string>();
    const db = new BoundSql(tx);
    const tail = sql`on conflict (idempotency_key) do nothing returning idempotency_key`;
    for (const row of await db.rows<{ idempotency_key: string }>(insertPostings(db, list, tail))) {
      inserted.add(row.idempotency_key);
    }
    const deltas = new Map<string, { organizationId: string; account: Posting['debit']; delta: number }>();
    const add = (organizationId: string, account: Posting['debit'], delta: number) => {
      const key = `${organizationId}\u0000${account}`;
      const entry = deltas.get(key) ?? { organizationId, account, delta: 0 };
      entry.delta += delta;
      deltas.set(key, entry);
    };
    for (const posting of list) {
      if (!inserted.has(posting.idempotencyKey)) continue;
      add(posting.organizationId, posting.debit, -posting.amount);
      add(posting.organizationId, posting.credit, posting.amount);
    }
    for (const key of [...deltas.keys()].sort()) {
      const { organizationId, account, delta } = deltas.get(key) as {
        organizationId: string;
        account: Posting['debit'];
        delta: number;
      };
      if (delta !== 0) await this.move(tx, organizationId, account, delta);
    }
    return inserted;
  }

  /**
   * Takes as much of `wanted` (in order) from the organization's available credit as it holds: one
   * conditional update when all fit, else a read of the balance and an update for the part that fits
   * (repeated if a concurrent transaction moved the balance in between). Returns how many items fit.
   * The caller stores the reserve postings of the fitted items with {@link prepaidInsert}.
   */
  async takeAvailable(tx: SqlEntityManager, organizationId: string, wanted: number[]): Promise<number> {
    let fit = wanted.length;
    for (let attempt = 0; attempt < 5; attempt++) {
      const total = wanted.slice(0, fit).reduce((sum, parts) => sum + parts, 0);
      if (total === 0) return fit;
      if (await this.reserve(tx, organizationId, total)) return fit;
      const row = await tx.findOne(CreditAccount, { organizationId, account: 'available' }, { refresh: true });
      let balance = row?.balance ?? 0;
      fit = 0;
      for (const parts of wanted) {
        if (parts > balance) break;
        balance -= parts;
        fit++;
      }
    }
    return 0;
  }

  /**
   * The postings of balance moves already made (by {@link takeAvailable}) as one INSERT, to run with the
   * caller's other statements: their keys are new by construction (fresh message ids), so there is no
   * conflict handling.
   */
  prepaidInsert(db: BoundSql, list: readonly Posting[]) {
    for (const posting of list) assertValidPosting(posting);
    return insertPostings(db, list);
  }

  async balances(em: SqlEntityManager, organizationId: string): Promise<Balances> {
    const rows = await em.find(CreditAccount, { organizationId });
    const result = emptyBalances();
    for (const row of rows) result[row.account] = row.balance;
    return result;
  }

  /**
   * Moves `amount` from the organization's available credit to its reserved credit if it holds that much
   * (false if not): on PostgreSQL one statement, the reserved balance moving only if the available one did.
   */
  private async reserve(tx: SqlEntityManager, organizationId: string, amount: number): Promise<boolean> {
    const db = new BoundSql(tx);
    if (!db.postgres) {
      try {
        await this.move(tx, organizationId, 'available', -amount);
      } catch (error) {
        if (error instanceof InsufficientCreditError) return false;
        throw error;
      }
      await this.move(tx, organizationId, 'reserved', amount);
      return true;
    }
    const moved = await db.run(
      sql`with taken as (
            update credit_accounts set balance = balance - ${amount}::int
            where organization_id = ${organizationId} and account = 'available' and balance >= ${amount}::int
            returning organization_id
          )
          insert into credit_accounts (organization_id, account, balance)
          select organization_id, 'reserved', ${amount}::int from taken
          on conflict (organization_id, account) do update set balance = credit_accounts.balance + excluded.balance`,
    );
    return moved > 0;
  }

  private async move(tx: SqlEntityManager, organizationId: string, account: Posting['debit'], delta: number) {
    const db = new BoundSql(tx);
    if (delta < 0 && isCustomerAccount(account)) {
      // One conditional update: concurrent sends can never take a customer balance below zero.
      const updated = await db.run(
        sql`update credit_accounts set balance = balance + ${delta}
            where organization_id = ${organizationId} and account = ${account} and balance >= ${-delta}`,
      );
      if (updated === 0) throw new InsufficientCreditError(-delta);
      return;
    }
    await db.run(
      sql`insert into credit_accounts (organization_id, account, balance) values (${organizationId}, ${account}, ${delta})
          on conflict (organization_id, account) do update set balance = credit_accounts.balance + excluded.balance`,
    );
  }
}
