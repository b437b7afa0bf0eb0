export {
  AUTHORIZATION_EVENTS,
  AUTHORIZATION_STATES,
  type AuthorizationEvent,
  type AuthorizationEventType,
  type AuthorizationState,
  allowedEvents,
  applyEvent,
  canSendTo,
  demandReauthorization,
  EVENT_ACTORS,
  initialStates,
  nextState,
  type OverallStatus,
  overallStatus,
  replayHistory,
  type TransitionRecord,
} from './authorization.js';
export {
  ActorNotAllowedError,
  IllegalTransitionError,
  InconsistentHistoryError,
  InvalidSenderNameError,
  NotOverridableError,
  ReasonRequiredError,
  SenderAuthError,
  UnknownOperatorError,
} from './errors.js';
export {
  evaluateSenderRequest,
  type MatchOverride,
  overrideNoMatch,
  type Refusal,
  type RefusalCode,
  type SenderEvaluation,
} from './evaluate.js';
export { DEFAULT_GENERIC_NAMES, genericNameKey, isGenericName } from './generic.js';
export {
  MAX_EXPLANATION_LENGTH,
  type MatchBasis,
  type MatchResult,
  matchOrganization,
  type OrganizationIdentity,
} from './match.js';
export { type Actor, isOperatorCode, OPERATOR_NAMES, OPERATORS, type OperatorCode } from './operators.js';
export {
  assertSenderName,
  checkSenderName,
  type NameRule,
  type NameRuleViolation,
  SENDER_NAME_MAX_LENGTH,
  SENDER_NAME_MIN_LENGTH,
  SENDER_NAME_PUNCTUATION,
} from './rules.js';
export { suggestSenderNames } from './suggest.js';
export { type SiteName, siteName } from './website.js';
