import { ActorNotAllowedError, NotOverridableError, ReasonRequiredError } from './errors.js';
import { isGenericName } from './generic.js';
import { type MatchResult, matchOrganization, type OrganizationIdentity } from './match.js';
import type { Actor } from './operators.js';
import { checkSenderName, type NameRuleViolation } from './rules.js';

export type RefusalCode = 'senders/invalid_name' | 'senders/generic_name' | 'senders/no_match';

/** One reason a request is refused; `violations` only for `senders/invalid_name`. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  violations?: NameRuleViolation[];
}

/**
 * The decision on a customer's request. `match` is always there, so the explanation can be stored with the
 * name even when staff later override a mismatch.
 */
export type SenderEvaluation =
  | { acceptable: true; match: MatchResult }
  | { acceptable: false; refusals: Refusal[]; overridable: boolean; match: MatchResult };

/**
 * One decision for a customer's request: valid characters, not a generic word, matches the organization.
 * Every refusal is listed, so the customer fixes everything at once. `overridable` is true only when the
 * sole refusal is the mismatch: staff may then approve with a recorded reason (`overrideNoMatch`); bad
 * characters and generic words are final, as operators would refuse them anyway.
 */
export function evaluateSenderRequest(
  name: string,
  org: OrganizationIdentity,
  genericNames: readonly string[],
): SenderEvaluation {
  const refusals: Refusal[] = [];
  const violations = checkSenderName(name);
  if (violations.length > 0) {
    refusals.push({
      code: 'senders/invalid_name',
      message: violations.map((v) => v.message).join('; '),
      violations,
    });
  }
  if (isGenericName(name, genericNames)) {
    refusals.push({
      code: 'senders/generic_name',
      message: `"${name}" is a generic word that names no company, and the operators refuse such names; use your company's name or web site`,
    });
  }
  const match = matchOrganization(name, org);
  if (!match.matches) refusals.push({ code: 'senders/no_match', message: match.explanation });
  if (refusals.length === 0) return { acceptable: true, match };
  return {
    acceptable: false,
    refusals,
    overridable: refusals.length === 1 && refusals[0]?.code === 'senders/no_match',
    match,
  };
}

/** Staff's acceptance of a name that does not match the organization, kept with the name. */
export interface MatchOverride {
  reason: string;
  actor: Actor;
  at: Date;
  /** Why the check refused it, kept beside the reason it was accepted anyway. */
  explanation: string;
}

/**
 * Records staff's decision to accept a mismatching name ("the brand 'Dentica' belongs to this clinic,
 * certificate seen").
 * @throws NotOverridableError unless the evaluation is refused for the mismatch alone,
 *   ReasonRequiredError for a blank reason, ActorNotAllowedError for anyone but staff.
 */
export function overrideNoMatch(evaluation: SenderEvaluation, reason: string, actor: Actor, at: Date): MatchOverride {
  if (evaluation.acceptable || !evaluation.overridable) {
    throw new NotOverridableError(evaluation.acceptable ? [] : evaluation.refusals.map((r) => r.code));
  }
  if (actor.kind !== 'staff') throw new ActorNotAllowedError(actor.kind, 'override a mismatch', ['staff']);
  const trimmed = reason.trim();
  if (trimmed === '') throw new ReasonRequiredError('accept a name that does not match the organization');
  return { reason: trimmed, actor, at, explanation: evaluation.match.explanation };
}
