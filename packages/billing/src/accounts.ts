/**
 * The ledger's accounts, per organization, in SMS parts. Customer accounts hold what the customer owns and
 * can never go below zero; provider accounts are the other side of every entry (where credit came from and
 * where spent credit goes) and may run negative, so that all accounts of an organization always sum to 0.
 */
export const CUSTOMER_ACCOUNTS = ['available', 'reserved'] as const;
export const PROVIDER_ACCOUNTS = ['sales', 'promotions', 'consumed'] as const;
export const ACCOUNTS = [...CUSTOMER_ACCOUNTS, ...PROVIDER_ACCOUNTS] as const;

export type CustomerAccount = (typeof CUSTOMER_ACCOUNTS)[number];
export type LedgerAccount = (typeof ACCOUNTS)[number];

export function isCustomerAccount(account: LedgerAccount): account is CustomerAccount {
  return (CUSTOMER_ACCOUNTS as readonly string[]).includes(account);
}

export type Balances = Record<LedgerAccount, number>;

export function emptyBalances(): Balances {
  return { available: 0, reserved: 0, sales: 0, promotions: 0, consumed: 0 };
}
