import { defineEntity, p } from '@mikro-orm/core';
import { ACCOUNTS } from '@mtredi/billing';

/**
 * The running balance of one ledger account of one organization, in SMS parts. Kept beside the postings so
 * that "is there enough credit" is one conditional update, not a sum over history.
 */
export const CreditAccountSchema = defineEntity({
  name: 'CreditAccount',
  tableName: 'credit_accounts',
  properties: {
    organizationId: p.uuid().primary(),
    account: p.enum(ACCOUNTS).primary(),
    balance: p.integer().default(0),
  },
});
export class CreditAccount extends CreditAccountSchema.class {}
CreditAccountSchema.setClass(CreditAccount);
