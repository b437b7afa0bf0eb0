import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_EVENTS,
  AUTHORIZATION_STATES,
  type AuthorizationEvent,
  type AuthorizationEventType,
  type AuthorizationState,
  allowedEvents,
  applyEvent,
  canSendTo,
  demandReauthorization,
  initialStates,
  nextState,
  overallStatus,
  replayHistory,
  type TransitionRecord,
} from './authorization.js';
import {
  ActorNotAllowedError,
  IllegalTransitionError,
  InconsistentHistoryError,
  ReasonRequiredError,
  UnknownOperatorError,
} from './errors.js';
import type { Actor, OperatorCode } from './operators.js';

const staff: Actor = { kind: 'staff', id: 'staff-1' };
const operator: Actor = { kind: 'operator', id: 'magti via staff-1' };
const customer: Actor = { kind: 'customer', id: 'user-9' };
const at = new Date('2020-05-05T09:00:00Z');

const EVENTS: Record<AuthorizationEventType, AuthorizationEvent> = {
  submit: { type: 'submit' },
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: 'name does not match the company' },
  revoke: { type: 'revoke', reason: 'complaint about spam' },
  demand_reauthorization: { type: 'demand_reauthorization', reason: 'state of emergency: all names again' },
  rerequest: { type: 'rerequest' },
};

const LEGAL: [AuthorizationState, AuthorizationEventType, AuthorizationState][] = [
  ['requested', 'submit', 'submitted'],
  ['submitted', 'approve', 'active'],
  ['submitted', 'reject', 'rejected'],
  ['active', 'revoke', 'revoked'],
  ['active', 'demand_reauthorization', 'submitted'],
  ['rejected', 'rerequest', 'requested'],
  ['revoked', 'rerequest', 'requested'],
];

const states = (magti: AuthorizationState, silknet: AuthorizationState, cellfie: AuthorizationState) => ({
  magti,
  silknet,
  cellfie,
});

describe('authorization state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, EVENTS[event])).toBe(to);
    expect(allowedEvents(from)).toContain(event);
  });

  const illegal = AUTHORIZATION_STATES.flatMap((from) =>
    AUTHORIZATION_EVENTS.filter((event) => !LEGAL.some(([f, e]) => f === from && e === event)).map(
      (event) => [from, event] as const,
    ),
  );

  it('has exactly 23 illegal pairs of state and event', () => {
    expect(illegal).toHaveLength(AUTHORIZATION_STATES.length * AUTHORIZATION_EVENTS.length - LEGAL.length);
    expect(illegal).toHaveLength(23);
  });

  it.each(illegal)('refuses %s --%s--> with a stable code, the state and the event', (from, event) => {
    let error: unknown;
    try {
      nextState(from, EVENTS[event]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toMatchObject({ code: 'senders/illegal_transition', from, event });
    expect(allowedEvents(from)).not.toContain(event);
  });

  it('says what is possible instead, naming the operator', () => {
    expect(() => applyEvent('requested', 'magti', { type: 'approve' }, operator, at)).toThrow(
      'Cannot approve a sender name that is requested at Magti; a requested name can only be submitted',
    );
    expect(() => nextState('active', { type: 'rerequest' })).toThrow(
      'Cannot request again a sender name that is active; an active name can only be revoked or sent back for re-authorization',
    );
  });

  it('refuses unknown states and events at run time', () => {
    expect(() => nextState('deleted' as AuthorizationState, { type: 'submit' })).toThrow(IllegalTransitionError);
    expect(() => nextState('toString' as AuthorizationState, { type: 'submit' })).toThrow(IllegalTransitionError);
    expect(() => nextState('requested', { type: 'delete' } as unknown as AuthorizationEvent)).toThrow(
      IllegalTransitionError,
    );
    expect(allowedEvents('deleted' as AuthorizationState)).toEqual([]);
  });

  it.each(['reject', 'revoke', 'demand_reauthorization'] as const)('%s needs a non-blank reason', (type) => {
    const from = type === 'reject' ? 'submitted' : 'active';
    expect(() => nextState(from, { type, reason: '  ' })).toThrow(ReasonRequiredError);
    expect(() => nextState(from, { type } as AuthorizationEvent)).toThrow(ReasonRequiredError);
  });
});

describe('applyEvent', () => {
  it('keeps who, when and why, with the reason trimmed', () => {
    expect(
      applyEvent('submitted', 'silknet', { type: 'reject', reason: ' not the company name ' }, operator, at),
    ).toEqual({
      operator: 'silknet',
      from: 'submitted',
      to: 'rejected',
      event: 'reject',
      reason: 'not the company name',
      actor: operator,
      at,
    } satisfies TransitionRecord);
  });

  it('records an optional note on events that need none, and null without one', () => {
    expect(applyEvent('requested', 'magti', { type: 'submit', reason: 'batch 2020-05-06' }, staff, at).reason).toBe(
      'batch 2020-05-06',
    );
    expect(applyEvent('requested', 'magti', { type: 'submit' }, staff, at).reason).toBeNull();
  });

  it('lets each kind of actor do only its part', () => {
    expect(() => applyEvent('submitted', 'magti', { type: 'approve' }, customer, at)).toThrow(ActorNotAllowedError);
    expect(() => applyEvent('requested', 'magti', { type: 'submit' }, customer, at)).toThrow(
      'A customer may not submit a sender name; only staff or system may',
    );
    expect(() => applyEvent('rejected', 'magti', { type: 'rerequest' }, operator, at)).toThrow(ActorNotAllowedError);
    expect(applyEvent('rejected', 'magti', { type: 'rerequest' }, customer, at).to).toBe('requested');
    expect(applyEvent('submitted', 'magti', { type: 'approve' }, staff, at).to).toBe('active');
    expect(applyEvent('submitted', 'magti', { type: 'approve' }, operator, at).to).toBe('active');
  });

  it('refuses an unknown operator', () => {
    expect(() => applyEvent('requested', 'beeline' as OperatorCode, { type: 'submit' }, staff, at)).toThrow(
      UnknownOperatorError,
    );
  });
});

describe('re-authorization demanded (May 2020)', () => {
  it('moves every active operator back to waiting for the operator; nothing can be sent meanwhile', () => {
    const before = states('active', 'active', 'submitted');
    const { states: after, records } = demandReauthorization(before, 'operators demand all names again', staff, at);
    expect(after).toEqual(states('submitted', 'submitted', 'submitted'));
    expect(records).toEqual([
      {
        operator: 'magti',
        from: 'active',
        to: 'submitted',
        event: 'demand_reauthorization',
        reason: 'operators demand all names again',
        actor: staff,
        at,
      },
      {
        operator: 'silknet',
        from: 'active',
        to: 'submitted',
        event: 'demand_reauthorization',
        reason: 'operators demand all names again',
        actor: staff,
        at,
      },
    ]);
    expect(before).toEqual(states('active', 'active', 'submitted'));
    expect(canSendTo(after, 'magti')).toBe(false);
    expect(overallStatus(after)).toBe('pending');
  });

  it('leaves names that are not active as they are, and can target some operators', () => {
    const before = states('rejected', 'requested', 'active');
    expect(demandReauthorization(before, 'why', staff, at).states).toEqual(
      states('rejected', 'requested', 'submitted'),
    );
    const onlyMagti = demandReauthorization(states('active', 'active', 'active'), 'why', staff, at, ['magti']);
    expect(onlyMagti.states).toEqual(states('submitted', 'active', 'active'));
    expect(onlyMagti.records).toHaveLength(1);
  });

  it('needs a reason even when there is nothing active', () => {
    expect(() => demandReauthorization(states('requested', 'rejected', 'submitted'), ' ', staff, at)).toThrow(
      ReasonRequiredError,
    );
  });

  it('the operator answering again brings the name back', () => {
    let current = demandReauthorization(states('active', 'active', 'active'), 'emergency', staff, at).states;
    current = { ...current, magti: nextState(current.magti, { type: 'approve' }) };
    expect(overallStatus(current)).toBe('partly_active');
    expect(canSendTo(current, 'magti')).toBe(true);
    expect(canSendTo(current, 'silknet')).toBe(false);
  });
});

describe('history', () => {
  it('replays a chain of records to the current states', () => {
    const records: TransitionRecord[] = [];
    let current: AuthorizationState = 'requested';
    for (const event of [
      EVENTS.submit,
      EVENTS.approve,
      EVENTS.demand_reauthorization,
      EVENTS.reject,
      EVENTS.rerequest,
    ]) {
      const record = applyEvent(current, 'cellfie', event, staff, at);
      records.push(record);
      current = record.to;
    }
    expect(replayHistory(records)).toEqual(states('requested', 'requested', 'requested'));
    expect(replayHistory(records.slice(0, 2))).toEqual(states('requested', 'requested', 'active'));
  });

  it('finds a record that does not start where the previous one ended, or goes where it cannot', () => {
    const submit = applyEvent('requested', 'magti', EVENTS.submit, staff, at);
    const approve = applyEvent('submitted', 'magti', EVENTS.approve, operator, at);
    expect(() => replayHistory([approve])).toThrow(InconsistentHistoryError);
    expect(() => replayHistory([submit, approve, approve])).toThrow(
      'History record 3: starts at submitted but magti was active',
    );
    expect(() => replayHistory([{ ...submit, to: 'active' }])).toThrow('submit from requested cannot lead to active');
  });
});

describe('overall status and sending', () => {
  it.each([
    [states('active', 'active', 'active'), 'active'],
    [states('active', 'rejected', 'submitted'), 'partly_active'],
    [states('requested', 'submitted', 'rejected'), 'pending'],
    [states('rejected', 'rejected', 'rejected'), 'rejected'],
    [states('revoked', 'rejected', 'revoked'), 'revoked'],
    [initialStates(), 'pending'],
  ] as const)('%o → %s', (s, status) => {
    expect(overallStatus(s)).toBe(status);
  });

  it('sends only where the name is active for the destination operator', () => {
    const s = states('active', 'submitted', 'revoked');
    expect(canSendTo(s, 'magti')).toBe(true);
    expect(canSendTo(s, 'silknet')).toBe(false);
    expect(canSendTo(s, 'cellfie')).toBe(false);
    for (const state of AUTHORIZATION_STATES) {
      expect(canSendTo(states(state, state, state), 'magti')).toBe(state === 'active');
    }
  });
});
