import {
  ActorNotAllowedError,
  IllegalTransitionError,
  InconsistentHistoryError,
  ReasonRequiredError,
  UnknownOperatorError,
} from './errors.js';
import { type Actor, isOperatorCode, OPERATOR_NAMES, OPERATORS, type OperatorCode } from './operators.js';

export const AUTHORIZATION_STATES = ['requested', 'submitted', 'active', 'rejected', 'revoked'] as const;
/** One operator's view of one sender name. Only `active` lets messages through to that operator. */
export type AuthorizationState = (typeof AUTHORIZATION_STATES)[number];

/** `reason` is optional where the event explains itself (a batch number, an operator ticket). */
export type AuthorizationEvent =
  | { type: 'submit'; reason?: string } // staff exported it in a batch to the operator
  | { type: 'approve'; reason?: string } // the operator authorized it
  | { type: 'reject'; reason: string } // the operator refused, with its reason
  | { type: 'revoke'; reason: string } // withdrawn after being active
  | { type: 'demand_reauthorization'; reason: string } // platform-wide: active → waiting for the operator again
  | { type: 'rerequest'; reason?: string }; // the customer asks again after rejected/revoked
export type AuthorizationEventType = AuthorizationEvent['type'];

export const AUTHORIZATION_EVENTS = [
  'submit',
  'approve',
  'reject',
  'revoke',
  'demand_reauthorization',
  'rerequest',
] as const satisfies readonly AuthorizationEventType[];

/**
 * The whole state machine. Re-authorization sends an active name back to `submitted`, not `requested`:
 * in May 2020 the provider handed every name in use to the operators at once, so nothing waits on staff.
 */
const TRANSITIONS: Readonly<Record<AuthorizationState, Partial<Record<AuthorizationEventType, AuthorizationState>>>> = {
  requested: { submit: 'submitted' },
  submitted: { approve: 'active', reject: 'rejected' },
  active: { revoke: 'revoked', demand_reauthorization: 'submitted' },
  rejected: { rerequest: 'requested' },
  revoked: { rerequest: 'requested' },
};

/** Who may cause each event; operators' decisions are usually entered by staff, which is also allowed. */
export const EVENT_ACTORS: Readonly<Record<AuthorizationEventType, readonly Actor['kind'][]>> = {
  submit: ['staff', 'system'],
  approve: ['operator', 'staff', 'system'],
  reject: ['operator', 'staff', 'system'],
  revoke: ['operator', 'staff', 'system'],
  demand_reauthorization: ['operator', 'staff', 'system'],
  rerequest: ['customer', 'staff'],
};

const REASON_REQUIRED: ReadonlySet<AuthorizationEventType> = new Set(['reject', 'revoke', 'demand_reauthorization']);

const PAST: Record<AuthorizationEventType, string> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  revoke: 'revoked',
  demand_reauthorization: 'sent back for re-authorization',
  rerequest: 'requested again',
};

const VERBS: Record<AuthorizationEventType, string> = {
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  revoke: 'revoke',
  demand_reauthorization: 'demand re-authorization of',
  rerequest: 'request again',
};

/** One change of one operator's authorization: who, when, why. The API stores these as the history. */
export interface TransitionRecord {
  operator: OperatorCode;
  from: AuthorizationState;
  to: AuthorizationState;
  event: AuthorizationEventType;
  reason: string | null;
  actor: Actor;
  at: Date;
}

/**
 * The state after `event`.
 * @throws IllegalTransitionError when the event cannot happen in `from` (or either is unknown),
 *   ReasonRequiredError when a reject, revoke or re-authorization demand has a blank reason.
 */
export function nextState(from: AuthorizationState, event: AuthorizationEvent): AuthorizationState {
  return next(from, event, null);
}

/**
 * Applies an event to one operator's authorization and returns the record to store.
 * @throws as `nextState`, plus ActorNotAllowedError (a customer cannot approve) and UnknownOperatorError.
 */
export function applyEvent(
  current: AuthorizationState,
  operator: OperatorCode,
  event: AuthorizationEvent,
  actor: Actor,
  at: Date,
): TransitionRecord {
  if (!isOperatorCode(operator)) throw new UnknownOperatorError(String(operator));
  const to = next(current, event, operator);
  const allowed = EVENT_ACTORS[event.type];
  if (!allowed.includes(actor.kind)) {
    throw new ActorNotAllowedError(String(actor.kind), `${VERBS[event.type]} a sender name`, allowed);
  }
  return { operator, from: current, to, event: event.type, reason: reasonOf(event), actor, at };
}

/** Events that can happen in a state, for showing only the buttons that work. */
export function allowedEvents(from: AuthorizationState): AuthorizationEventType[] {
  return isState(from) ? (Object.keys(TRANSITIONS[from]) as AuthorizationEventType[]) : [];
}

/** Every operator at `requested`: a new name, asked of all three. */
export function initialStates(): Record<OperatorCode, AuthorizationState> {
  return { magti: 'requested', silknet: 'requested', cellfie: 'requested' };
}

/**
 * The May 2020 event for one name: every operator where it is active goes back to waiting for that
 * operator; other states are left as they are (a name still waiting has nothing to re-authorize).
 */
export function demandReauthorization(
  states: Readonly<Record<OperatorCode, AuthorizationState>>,
  reason: string,
  actor: Actor,
  at: Date,
  operators: readonly OperatorCode[] = OPERATORS,
): { states: Record<OperatorCode, AuthorizationState>; records: TransitionRecord[] } {
  const event: AuthorizationEvent = { type: 'demand_reauthorization', reason };
  // Checked up front, so a blank reason fails the same way whether or not this name is active anywhere.
  if (reasonOf(event) === null) throw new ReasonRequiredError(`${VERBS[event.type]} a sender name`);
  const after = { ...states };
  const records: TransitionRecord[] = [];
  for (const operator of operators) {
    if (after[operator] !== 'active') continue;
    const record = applyEvent(after[operator], operator, event, actor, at);
    after[operator] = record.to;
    records.push(record);
  }
  return { states: after, records };
}

/**
 * The states a stored history leads to, checking that it chains: each record starts where the previous one
 * for its operator ended, and goes where the machine says.
 * @throws InconsistentHistoryError at the first record that does not.
 */
export function replayHistory(
  records: readonly TransitionRecord[],
  initial: Readonly<Record<OperatorCode, AuthorizationState>> = initialStates(),
): Record<OperatorCode, AuthorizationState> {
  const states = { ...initial };
  records.forEach((record, index) => {
    const current = states[record.operator];
    if (current === undefined) throw new InconsistentHistoryError(index, `unknown operator "${record.operator}"`);
    if (record.from !== current) {
      throw new InconsistentHistoryError(index, `starts at ${record.from} but ${record.operator} was ${current}`);
    }
    const expected = isState(current) ? TRANSITIONS[current][record.event] : undefined;
    if (expected !== record.to) {
      throw new InconsistentHistoryError(index, `${record.event} from ${current} cannot lead to ${record.to}`);
    }
    states[record.operator] = expected;
  });
  return states;
}

function next(from: AuthorizationState, event: AuthorizationEvent, operator: OperatorCode | null): AuthorizationState {
  const type = event?.type;
  if (!isState(from) || !(AUTHORIZATION_EVENTS as readonly string[]).includes(type)) {
    throw new IllegalTransitionError(String(from), String(type), `Unknown state "${from}" or event "${type}"`);
  }
  const to = TRANSITIONS[from][type];
  if (to === undefined) throw new IllegalTransitionError(from, type, illegalMessage(from, type, operator));
  if (REASON_REQUIRED.has(type) && reasonOf(event) === null)
    throw new ReasonRequiredError(`${VERBS[type]} a sender name`);
  return to;
}

function isState(value: unknown): value is AuthorizationState {
  return typeof value === 'string' && (AUTHORIZATION_STATES as readonly string[]).includes(value);
}

function reasonOf(event: AuthorizationEvent): string | null {
  const reason = typeof event.reason === 'string' ? event.reason.trim() : '';
  return reason === '' ? null : reason;
}

function illegalMessage(from: AuthorizationState, type: AuthorizationEventType, operator: OperatorCode | null): string {
  const at = operator ? ` at ${OPERATOR_NAMES[operator]}` : '';
  const possible = allowedEvents(from).map((e) => PAST[e]);
  const article = /^[aeiou]/.test(from) ? 'an' : 'a';
  return `Cannot ${VERBS[type]} a sender name that is ${from}${at}; ${article} ${from} name can only be ${possible.join(' or ')}`;
}

/** What the customer's status column shows for a name across the three operators. */
export type OverallStatus = 'active' | 'partly_active' | 'pending' | 'rejected' | 'revoked';

/**
 * active: usable everywhere; partly_active: usable at some operators; pending: none active and some still
 * waiting; otherwise revoked if any operator withdrew it (it worked once, so that is the news), else rejected.
 */
export function overallStatus(states: Readonly<Record<OperatorCode, AuthorizationState>>): OverallStatus {
  const all = OPERATORS.map((o) => states[o]);
  const active = all.filter((s) => s === 'active').length;
  if (active === all.length) return 'active';
  if (active > 0) return 'partly_active';
  if (all.some((s) => s === 'requested' || s === 'submitted')) return 'pending';
  return all.includes('revoked') ? 'revoked' : 'rejected';
}

/** Nothing is sent under a name that is not active for the destination's operator. */
export function canSendTo(states: Readonly<Record<OperatorCode, AuthorizationState>>, operator: OperatorCode): boolean {
  return states[operator] === 'active';
}
