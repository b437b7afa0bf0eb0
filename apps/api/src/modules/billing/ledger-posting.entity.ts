import { defineEntity, p } from '@mikro-orm/core';
import { ACCOUNTS } from '@mtredi/billing';

/** One append-only double entry: `amount` parts moved from `debit` to `credit`. */
export const LedgerPostingSchema = defineEntity({
  name: 'LedgerPosting',
  tableName: 'ledger_postings',
  indexes: [{ properties: ['organizationId', 'createdAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    organizationId: p.uuid(),
    /** Replaying a posting with the same key changes nothing. */
    idempotencyKey: p.string().length(120).unique(),
    kind: p.enum(['trial', 'top_up', 'reserve', 'consume', 'release', 'refund'] as const),
    debit: p.enum(ACCOUNTS),
    credit: p.enum(ACCOUNTS),
    amount: p.integer(),
    memo: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class LedgerPosting extends LedgerPostingSchema.class {}
LedgerPostingSchema.setClass(LedgerPosting);
