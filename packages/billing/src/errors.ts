/** Errors are values with stable codes; callers match on `code`, never on the message. */
export class BillingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InsufficientCreditError extends BillingError {
  constructor(readonly needed: number) {
    super('billing/insufficient_credit', `Not enough credit: this needs ${needed} SMS part(s); top up to send`);
  }
}

export class InvalidPostingError extends BillingError {
  constructor(reason: string) {
    super('billing/invalid_posting', reason);
  }
}

export class InvalidPriceTableError extends BillingError {
  constructor(
    reason: string,
    readonly packageName: string,
  ) {
    super('billing/invalid_price_table', reason);
  }
}
