export {
  ACCOUNTS,
  type Balances,
  CUSTOMER_ACCOUNTS,
  type CustomerAccount,
  emptyBalances,
  isCustomerAccount,
  type LedgerAccount,
  PROVIDER_ACCOUNTS,
} from './accounts.js';
export { BillingError, InsufficientCreditError, InvalidPostingError, InvalidPriceTableError } from './errors.js';
export { Ledger } from './ledger.js';
export {
  type CreditPackage,
  DEFAULT_PACKAGES,
  formatGel,
  pricePerPartTetri,
  validatePriceTable,
} from './packages.js';
export {
  assertValidPosting,
  type Posting,
  type PostingKind,
  postings,
  refundedConsumeKey,
  TRIAL_CREDITS,
} from './postings.js';
