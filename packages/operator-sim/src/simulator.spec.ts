import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import type { ScenarioInput } from './scenario.js';
import { OperatorSimulator, type SimReceipt, type SimReply, type SubmitDecision } from './simulator.js';

const T0 = Date.UTC(2026, 0, 1);

function sim(scenario: ScenarioInput = {}, extra: { historyLimit?: number } = {}) {
  const clock = new ManualClock(T0);
  const s = new OperatorSimulator({ scenario, clock, idPrefix: 'sim', ...extra });
  const receipts: SimReceipt[] = [];
  const replies: SimReply[] = [];
  const availability: boolean[] = [];
  s.onReceipt((r) => receipts.push(r));
  s.onReply((r) => replies.push(r));
  s.onAvailability((a) => availability.push(a));
  return { s, clock, receipts, replies, availability };
}

const send = (s: OperatorSimulator, to = '+995599000001', text = 'hi', parts = 1, from = 'Mtredi') =>
  s.submit({ to, from, text, parts });

const ids = (d: SubmitDecision): string[] => (d.kind === 'accepted' ? d.messageIds : []);

describe('OperatorSimulator: default scenario', () => {
  it('accepts with one id per part and delivers every part after 200 ms', () => {
    const { s, clock, receipts } = sim();
    const d = send(s, '+995599000001', 'long', 3);
    expect(d).toEqual({
      kind: 'accepted',
      messageIds: ['sim00000001', 'sim00000002', 'sim00000003'],
      respondAfterMs: 0,
    });
    clock.advance(199);
    expect(receipts).toHaveLength(0);
    clock.advance(1);
    expect(receipts.map((r) => [r.messageId, r.state, r.doneAt.getTime() - r.submittedAt.getTime()])).toEqual([
      ['sim00000001', 'delivered', 200],
      ['sim00000002', 'delivered', 200],
      ['sim00000003', 'delivered', 200],
    ]);
    expect(s.stats()).toMatchObject({ submitted: 3, accepted: 3, receiptsSent: 3, receiptsPending: 0 });
    expect(s.stats().receiptStates.delivered).toBe(3);
  });

  it('gives two simulators different id prefixes by default', () => {
    const a = new OperatorSimulator();
    const b = new OperatorSimulator();
    const [ia, ib] = [ids(send(a))[0], ids(send(b))[0]];
    expect(ia).toMatch(/^[0-9a-f]{16}$/);
    expect(ia).not.toBe(ib);
    a.dispose();
    b.dispose();
  });
});

describe('OperatorSimulator: rules', () => {
  it('matches prefixes with or without +, regexes and senders; first match wins', () => {
    const { s } = sim({
      rules: [
        { name: 'bad-sender', match: { sender: ['SMS', 'Info'] }, submit: { outcome: 'reject', status: 'RINVSRCADR' } },
        { name: 'magti', match: { prefix: ['+99559', '99555'] }, submit: { outcome: 'reject', status: 0x45 } },
        { name: 'nine', match: { regex: '9$' }, submit: { outcome: 'unavailable', retryAfterMs: 777 } },
        { name: 'never-reached', match: { prefix: '995' }, submit: { outcome: 'reject', status: 8 } },
      ],
    });
    expect(send(s, '+995511000000', 'x', 1, 'Info')).toMatchObject({
      kind: 'rejected',
      statusName: 'ESME_RINVSRCADR',
      rule: 'bad-sender',
    });
    expect(send(s, '995591000000')).toMatchObject({ kind: 'rejected', status: 0x45, rule: 'magti' });
    expect(send(s, '+995551000000')).toMatchObject({ kind: 'rejected', status: 0x45, rule: 'magti' });
    expect(send(s, '+995571000009')).toMatchObject({ kind: 'unavailable', retryAfterMs: 777, rule: 'nine' });
    expect(send(s, '+995571000000')).toMatchObject({ kind: 'rejected', status: 8, rule: 'never-reached' });
    expect(send(s, '+15550000000').kind).toBe('accepted');
    expect(s.stats()).toMatchObject({ submitted: 6, rejected: 4, unavailable: 1, accepted: 1 });
  });

  it('requires every criterion of one match', () => {
    const { s } = sim({
      rules: [{ match: { prefix: '99559', sender: 'Promo' }, submit: { outcome: 'reject', status: 0x0b } }],
    });
    expect(send(s, '+995599000000', 'x', 1, 'Promo').kind).toBe('rejected');
    expect(send(s, '+995599000000', 'x', 1, 'Bank').kind).toBe('accepted');
    expect(send(s, '+995577000000', 'x', 1, 'Promo').kind).toBe('accepted');
  });

  it('overrides the scenario receipt per rule, keeping the fields the rule leaves out', () => {
    const { s, clock, receipts } = sim({
      receipt: { delay: { kind: 'fixed', ms: 50 } },
      rules: [{ match: { prefix: '99555' }, receipt: { state: 'expired', errorCode: '027' } }],
    });
    send(s, '+995551000000');
    send(s, '+995591000000');
    clock.advance(50);
    expect(receipts.map((r) => [r.to, r.state, r.errorCode])).toEqual([
      ['+995551000000', 'expired', '027'],
      ['+995591000000', 'delivered', undefined],
    ]);
  });
});

describe('OperatorSimulator: throttling', () => {
  it('answers ESME_RTHROTTLED above N parts per second and says when to retry', () => {
    const { s, clock } = sim({ throttle: { maxPerSecond: 10 } });
    const kinds = Array.from({ length: 12 }, () => send(s).kind);
    expect(kinds.filter((k) => k === 'accepted')).toHaveLength(10);
    expect(send(s)).toEqual({ kind: 'throttled', status: 0x58, retryAfterMs: 100, respondAfterMs: 0 });
    clock.advance(100);
    expect(send(s).kind).toBe('accepted');
    expect(send(s).kind).toBe('throttled');
    expect(s.stats()).toMatchObject({ accepted: 11, throttled: 4 });
  });

  it('counts parts, and lets a message bigger than the bucket through on a full bucket', () => {
    const { s, clock } = sim({ throttle: { maxPerSecond: 2 } });
    expect(send(s, '+995599000001', 'x', 2).kind).toBe('accepted');
    expect(send(s).kind).toBe('throttled');
    clock.advance(1000);
    expect(send(s, '+995599000001', 'x', 5).kind).toBe('accepted');
    clock.advance(1000);
    expect(send(s).kind).toBe('throttled');
  });
});

describe('OperatorSimulator: outages', () => {
  it('is unavailable inside a scheduled window and announces both edges', () => {
    const { s, clock, availability } = sim({ outages: [{ startAfterMs: 1000, durationMs: 2000, retryAfterMs: 3000 }] });
    expect(send(s).kind).toBe('accepted');
    clock.advance(1000);
    expect(s.isAvailable()).toBe(false);
    expect(send(s)).toMatchObject({ kind: 'unavailable', retryAfterMs: 3000 });
    clock.advance(1999);
    expect(send(s).kind).toBe('unavailable');
    clock.advance(1);
    expect(send(s).kind).toBe('accepted');
    expect(availability).toEqual([false, true]);
    expect(s.stats().unavailable).toBe(2);
  });

  it('with no duration stays down until the scenario changes', () => {
    const { s, clock, availability } = sim();
    s.setScenario({ outages: [{}] });
    clock.advance(3_600_000);
    expect(send(s).kind).toBe('unavailable');
    s.setScenario({});
    expect(send(s).kind).toBe('accepted');
    expect(availability).toEqual([false, true]);
  });
});

describe('OperatorSimulator: receipts', () => {
  it('draws outcomes by weight with the error code of each', () => {
    const { s, clock, receipts } = sim({
      seed: 7,
      receipt: {
        outcomes: [
          { state: 'delivered', weight: 8 },
          { state: 'undelivered', errorCode: '069', weight: 1 },
          { state: 'rejected', errorCode: '011', weight: 1 },
        ],
      },
    });
    for (let i = 0; i < 5000; i++) send(s);
    clock.advance(200);
    const counts = s.stats().receiptStates;
    expect(counts.delivered + counts.undelivered + counts.rejected).toBe(5000);
    expect(counts.delivered / 5000).toBeCloseTo(0.8, 1);
    expect(counts.undelivered / 5000).toBeCloseTo(0.1, 1);
    expect(receipts.filter((r) => r.state === 'undelivered').every((r) => r.errorCode === '069')).toBe(true);
    expect(receipts.filter((r) => r.state === 'rejected').every((r) => r.errorCode === '011')).toBe(true);
  });

  it('spreads uniform delays over the range and caps exponential ones', () => {
    const uniform = sim({ receipt: { delay: { kind: 'uniform', minMs: 3000, maxMs: 12_000 } } });
    for (let i = 0; i < 500; i++) send(uniform.s);
    uniform.clock.advance(2999);
    expect(uniform.receipts).toHaveLength(0);
    uniform.clock.advance(4501);
    expect(uniform.receipts.length).toBeGreaterThan(150);
    expect(uniform.receipts.length).toBeLessThan(350);
    uniform.clock.advance(4500);
    expect(uniform.receipts).toHaveLength(500);

    const expo = sim({ receipt: { delay: { kind: 'exponential', meanMs: 1000, maxMs: 4000 } } });
    for (let i = 0; i < 2000; i++) send(expo.s);
    expo.clock.advance(1000);
    // P(X ≤ mean) = 1 − 1/e ≈ 0.632 for an exponential distribution.
    expect(expo.receipts.length / 2000).toBeCloseTo(0.632, 1);
    expo.clock.advance(3000);
    expect(expo.receipts).toHaveLength(2000);
  });

  it('loses receipts with the given probability and withholds "never" ones', () => {
    const { s, clock } = sim({ receipt: { lossProbability: 0.3 } });
    for (let i = 0; i < 2000; i++) send(s);
    clock.advance(200);
    const st = s.stats();
    expect(st.receiptsLost + st.receiptsSent).toBe(2000);
    expect(st.receiptsLost / 2000).toBeCloseTo(0.3, 1);

    const never = sim({ receipt: { delay: { kind: 'never' } } });
    send(never.s);
    never.clock.advance(86_400_000);
    expect(never.receipts).toHaveLength(0);
    expect(never.s.stats()).toMatchObject({ receiptsWithheld: 1, receiptsPending: 0, receiptsSent: 0 });
    expect(never.clock.pending).toBe(0);
  });

  it('is deterministic for a seed', () => {
    const scenario: ScenarioInput = {
      receipt: {
        outcomes: [{ state: 'delivered' }, { state: 'expired' }],
        delay: { kind: 'uniform', minMs: 0, maxMs: 1000 },
        lossProbability: 0.2,
      },
    };
    const run = (seed: number) => {
      const { s, clock, receipts } = sim({ ...scenario, seed });
      for (let i = 0; i < 200; i++) send(s);
      clock.advance(1000);
      return receipts.map((r) => `${r.messageId}:${r.state}:${r.doneAt.getTime()}`);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });
});

describe('OperatorSimulator: duplicates, replies, history, latency', () => {
  it('drops the same text to the same number inside the window, silently', () => {
    const { s, clock, receipts } = sim({ duplicateWindowSeconds: 10 });
    const first = ids(send(s, '+995599000001', 'same'));
    expect(send(s, '995599000001', 'same').kind).toBe('accepted');
    send(s, '+995599000001', 'other');
    clock.advance(10_000);
    const later = ids(send(s, '+995599000001', 'same'));
    clock.advance(200);
    expect(receipts.map((r) => r.messageId)).toEqual([first[0], 'sim00000003', later[0]]);
    expect(s.stats().duplicatesDropped).toBe(1);
  });

  it('sends replies from the destination, echoing {text}, with the given probability', () => {
    const { s, clock, replies } = sim({
      rules: [
        { match: { prefix: '995591' }, reply: { text: 're: {text}', delay: { kind: 'fixed', ms: 30 } } },
        { match: { prefix: '995592' }, reply: { text: 'STOP', probability: 0 } },
      ],
    });
    const [id] = ids(send(s, '+995591000000', 'გამარჯობა'));
    send(s, '+995592000000');
    clock.advance(29);
    expect(replies).toHaveLength(0);
    clock.advance(1);
    expect(replies).toEqual([
      { from: '+995591000000', to: 'Mtredi', text: 're: გამარჯობა', receivedAt: new Date(T0 + 30), inReplyTo: id },
    ]);
    clock.advance(1000);
    expect(s.stats().repliesSent).toBe(1);
  });

  it('remembers the last accepted messages under every part id', () => {
    const { s } = sim({}, { historyLimit: 4 });
    const [a1, a2] = ids(send(s, '+995599000001', 'two parts', 2));
    expect(s.lookup(a2 as string)).toMatchObject({ text: 'two parts', messageIds: [a1, a2], to: '+995599000001' });
    send(s, '+995599000002', 'x', 3);
    expect(s.lookup(a1 as string)).toBeUndefined();
    expect(s.lookup(a2 as string)?.text).toBe('two parts');
  });

  it('samples the submit latency', () => {
    const { s } = sim({ submitLatency: { kind: 'uniform', minMs: 10, maxMs: 20 } });
    const latencies = Array.from({ length: 100 }, () => send(s).respondAfterMs);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(20);
    expect(new Set(latencies).size).toBeGreaterThan(3);
  });
});

describe('OperatorSimulator: lifecycle', () => {
  it('switches scenario live; receipts already scheduled keep their outcome', () => {
    const { s, clock, receipts } = sim();
    send(s);
    s.setScenario({ receipt: { state: 'undelivered', delay: { kind: 'fixed', ms: 10 } } });
    send(s);
    clock.advance(200);
    expect(receipts.map((r) => r.state)).toEqual(['undelivered', 'delivered']);
  });

  it('keeps the old scenario when the new one is invalid', () => {
    const { s } = sim({ rules: [{ match: { prefix: '1' }, submit: { outcome: 'reject', status: 8 } }] });
    expect(() => s.setScenario({ seed: 1.5 })).toThrow();
    expect(send(s, '+1555').kind).toBe('rejected');
  });

  it('reset cancels pending receipts and zeroes counters', () => {
    const { s, clock, receipts } = sim();
    send(s);
    s.reset();
    clock.advance(1000);
    expect(receipts).toHaveLength(0);
    expect(s.stats()).toMatchObject({ submitted: 0, accepted: 0, receiptsPending: 0 });
    expect(clock.pending).toBe(0);
  });

  it('after dispose answers unavailable and emits nothing', () => {
    const { s, clock, receipts } = sim({ outages: [{ startAfterMs: 10, durationMs: 10 }] });
    send(s);
    s.dispose();
    expect(send(s).kind).toBe('unavailable');
    expect(s.isAvailable()).toBe(false);
    clock.advance(1000);
    expect(receipts).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });
});

describe('OperatorSimulator: operator limits', () => {
  it('refuses sender names the operator has not authorized, before any rule', () => {
    const { s } = sim({ authorizedSenders: ['Mtredi', 'Bank'], rules: [{ match: { sender: 'Shop' } }] });
    expect(send(s, '+995599000001', 'hi', 1, 'Mtredi').kind).toBe('accepted');
    expect(send(s, '+995599000001', 'hi', 1, 'Shop')).toMatchObject({
      kind: 'rejected',
      status: 0x0a,
      statusName: 'ESME_RINVSRCADR',
      reason: 'sender name "Shop" is not authorized by this operator',
    });
    expect(s.stats().rejected).toBe(1);
  });

  it('answers ESME_RMSGQFUL while its receipt queue is at the limit', () => {
    const { s, clock } = sim({
      queueLimit: { maxPending: 2, retryAfterMs: 700 },
      receipt: { delay: { kind: 'fixed', ms: 100 } },
    });
    expect(send(s).kind).toBe('accepted');
    expect(send(s).kind).toBe('accepted');
    expect(send(s)).toMatchObject({ kind: 'throttled', status: 0x14, retryAfterMs: 700 });
    clock.advance(100);
    expect(send(s).kind).toBe('accepted');
  });

  it('keeps an smpp section for the SMSC front end with its defaults filled in', () => {
    const { s } = sim({ smpp: { bind: 'ignore', receipts: { idFormat: { base: 10 } } } });
    expect(s.currentScenario.smpp).toMatchObject({
      bind: 'ignore',
      accounts: [],
      answerEnquireLink: true,
      receipts: { idFormat: { base: 10, letterCase: 'upper', padTo: 0 }, content: 'both', textLabel: 'Text' },
    });
  });
});
