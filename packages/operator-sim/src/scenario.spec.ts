import { describe, expect, it } from 'vitest';
import { pickOutcome, resolveReceipt, sampleDelay } from './delays.js';
import { mulberry32 } from './random.js';
import { DEFAULT_SCENARIO, Scenario, ScenarioInput } from './scenario.js';
import { smppStatusFromName, smppStatusName } from './smpp-status.js';

const firstIssue = (input: unknown) => {
  const result = Scenario.safeParse(input);
  if (result.success) throw new Error('expected the scenario to be refused');
  const issue = result.error.issues[0];
  return { path: issue?.path.join('.'), message: issue?.message };
};

describe('Scenario schema', () => {
  it('defaults to accept everything, delivered after 200 ms, nothing lost', () => {
    expect(DEFAULT_SCENARIO).toEqual({
      version: 1,
      seed: 1,
      submitLatency: { kind: 'fixed', ms: 0 },
      outages: [],
      duplicateWindowSeconds: 0,
      receipt: {},
      rules: [],
    });
    expect(resolveReceipt([DEFAULT_SCENARIO.receipt])).toEqual({
      outcomes: [{ state: 'delivered', weight: 1 }],
      totalWeight: 1,
      delay: { kind: 'fixed', ms: 200 },
      lossProbability: 0,
    });
  });

  it('requires version 1 in a file but not in an input', () => {
    expect(firstIssue({}).path).toBe('version');
    expect(firstIssue({ version: 2 }).path).toBe('version');
    expect(ScenarioInput.parse({}).version).toBe(1);
  });

  it('takes SMPP statuses by number or by name, and names what is wrong', () => {
    const parse = (status: unknown) =>
      Scenario.parse({ version: 1, rules: [{ match: { prefix: '1' }, submit: { outcome: 'reject', status } }] })
        .rules[0]?.submit;
    expect(parse(0x0b)).toEqual({ outcome: 'reject', status: 11 });
    expect(parse('RINVDSTADR')).toEqual({ outcome: 'reject', status: 11 });
    expect(parse('ESME_RTHROTTLED')).toEqual({ outcome: 'reject', status: 0x58 });
    const bad = firstIssue({
      version: 1,
      rules: [{ match: { prefix: '1' }, submit: { outcome: 'reject', status: 'NOPE' } }],
    });
    expect(bad.path).toBe('rules.0.submit.status');
    expect(bad.message).toContain('not an SMPP error status: "NOPE"');
  });

  it('refuses a rule without criteria, a broken regex, inverted bounds and state with outcomes', () => {
    expect(firstIssue({ version: 1, rules: [{ match: {} }] }).message).toBe('a match needs prefix, regex or sender');
    expect(firstIssue({ version: 1, rules: [{ match: { regex: '([' } }] }).path).toBe('rules.0.match.regex');
    expect(firstIssue({ version: 1, receipt: { delay: { kind: 'uniform', minMs: 5, maxMs: 1 } } }).path).toBe(
      'receipt.delay.maxMs',
    );
    expect(firstIssue({ version: 1, receipt: { state: 'delivered', outcomes: [{ state: 'expired' }] } }).path).toBe(
      'receipt.outcomes',
    );
    expect(firstIssue({ version: 1, receipt: { lossProbability: 1.5 } }).path).toBe('receipt.lossProbability');
  });
});

describe('SMPP status names', () => {
  it('maps names both ways and prints unknown codes as hex', () => {
    expect(smppStatusFromName('RINVSRCADR')).toBe(0x0a);
    expect(smppStatusFromName('esme_rmsgqful')).toBe(0x14);
    expect(smppStatusFromName('RBOGUS')).toBeUndefined();
    expect(smppStatusName(0x45)).toBe('ESME_RSUBMITFAIL');
    expect(smppStatusName(0x4a)).toBe('0x0000004A');
  });
});

describe('mulberry32', () => {
  it('is deterministic for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = mulberry32(42);
    expect([a(), a()]).toEqual([0.6011037519201636, 0.44829055899754167]);
    const b = mulberry32(43);
    expect(b()).not.toBe(0.6011037519201636);
    const c = mulberry32(7);
    for (let i = 0; i < 10_000; i++) {
      const u = c();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('delays and outcomes', () => {
  it('samples each delay kind', () => {
    expect(sampleDelay({ kind: 'fixed', ms: 70 }, 0.9)).toBe(70);
    expect(sampleDelay({ kind: 'uniform', minMs: 3000, maxMs: 12_000 }, 0)).toBe(3000);
    expect(sampleDelay({ kind: 'uniform', minMs: 3000, maxMs: 12_000 }, 0.5)).toBe(7500);
    expect(sampleDelay({ kind: 'exponential', meanMs: 1000 }, 1 - Math.exp(-1))).toBe(1000);
    expect(sampleDelay({ kind: 'exponential', meanMs: 1000, maxMs: 1500 }, 0.999)).toBe(1500);
    expect(sampleDelay({ kind: 'never' }, 0.5)).toBeUndefined();
  });

  it('merges receipt layers field by field, most specific first', () => {
    const merged = resolveReceipt([
      { state: 'undelivered', errorCode: '069' },
      { delay: { kind: 'fixed', ms: 5 }, lossProbability: 0.5, state: 'expired' },
    ]);
    expect(merged.outcomes).toEqual([{ state: 'undelivered', errorCode: '069', weight: 1 }]);
    expect(merged.delay).toEqual({ kind: 'fixed', ms: 5 });
    expect(merged.lossProbability).toBe(0.5);
  });

  it('picks outcomes by weight', () => {
    const r = resolveReceipt([
      {
        outcomes: [
          { state: 'delivered', weight: 3 },
          { state: 'expired', weight: 1 },
        ],
      },
    ]);
    expect(pickOutcome(r, 0).state).toBe('delivered');
    expect(pickOutcome(r, 0.74).state).toBe('delivered');
    expect(pickOutcome(r, 0.75).state).toBe('expired');
    expect(pickOutcome(r, 0.999_999_999).state).toBe('expired');
  });
});

describe('Scenario schema: unknown keys', () => {
  it('refuses a misspelt field instead of ignoring it', () => {
    expect(firstIssue({ version: 1, reciept: {} }).message).toContain('reciept');
    expect(firstIssue({ version: 1, rules: [{ match: { prefix: '1', prefx: '2' } }] }).path).toBe('rules.0.match');
  });
});
