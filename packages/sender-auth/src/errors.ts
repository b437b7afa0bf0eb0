import type { NameRuleViolation } from './rules.js';

/** Errors are values with stable codes (`senders/...`); callers match on `code`, never on the message. */
export class SenderAuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The name breaks one or more character rules; `violations` says which rule and which character. */
export class InvalidSenderNameError extends SenderAuthError {
  override readonly code = 'senders/invalid_name' as const;
  constructor(readonly violations: NameRuleViolation[]) {
    super('senders/invalid_name', violations.map((v) => v.message).join('; '));
  }
}

/** The event cannot happen in the current state (e.g. approving a name nobody submitted yet). */
export class IllegalTransitionError extends SenderAuthError {
  override readonly code = 'senders/illegal_transition' as const;
  constructor(
    readonly from: string,
    readonly event: string,
    message: string,
  ) {
    super('senders/illegal_transition', message);
  }
}

/** Rejections, revocations, re-authorization demands and overrides must say why. */
export class ReasonRequiredError extends SenderAuthError {
  override readonly code = 'senders/reason_required' as const;
  constructor(readonly action: string) {
    super('senders/reason_required', `A reason is required to ${action}`);
  }
}

/** This kind of actor may not cause this event (a customer cannot approve their own name). */
export class ActorNotAllowedError extends SenderAuthError {
  override readonly code = 'senders/actor_not_allowed' as const;
  constructor(
    readonly actorKind: string,
    readonly action: string,
    allowed: readonly string[],
  ) {
    super('senders/actor_not_allowed', `A ${actorKind} may not ${action}; only ${allowed.join(' or ')} may`);
  }
}

export class UnknownOperatorError extends SenderAuthError {
  override readonly code = 'senders/unknown_operator' as const;
  constructor(readonly operator: string) {
    super('senders/unknown_operator', `Unknown operator "${operator}"; expected magti, silknet or cellfie`);
  }
}

/** Staff tried to override a refusal other than a mismatch (invalid characters and generic words are final). */
export class NotOverridableError extends SenderAuthError {
  override readonly code = 'senders/not_overridable' as const;
  constructor(readonly refusalCodes: readonly string[]) {
    super(
      'senders/not_overridable',
      refusalCodes.length === 0
        ? 'The name was accepted; there is nothing to override'
        : `Only a mismatch with the organization can be overridden; this name was refused for: ${refusalCodes.join(', ')}`,
    );
  }
}

/** A stored history whose records do not chain (a `from` that is not the previous `to`, or a wrong `to`). */
export class InconsistentHistoryError extends SenderAuthError {
  override readonly code = 'senders/inconsistent_history' as const;
  constructor(
    readonly index: number,
    message: string,
  ) {
    super('senders/inconsistent_history', `History record ${index + 1}: ${message}`);
  }
}
