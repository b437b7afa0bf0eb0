/**
 * Scenario documents for the simulator's `PUT /scenario` (JSON; the simulator validates them against
 * its schema, apps/simulator/README.md). Outcomes hang on the destination's last digit, so every
 * message's expected status is known in advance and each one can be checked.
 */
export type ScenarioDoc = Record<string, unknown>;

export const SMPP_ACCOUNT = { systemId: 'mtredi', password: 'drill' } as const;
export const SENDER = 'Mtredi';
/** The provider's own name the reserve channel may send under (April 2020). */
export const PROVIDER_NAME = 'SMSOFFICE';

/** Numbers ending in 9 get an "undelivered" receipt (error 069): one in ten. */
export const UNDELIVERED_RULE = {
  name: 'undelivered-ending-9',
  match: { regex: '9$' },
  receipt: { state: 'undelivered', errorCode: '069' },
};

/** A Magti number (prefix 599, reference/georgia.md) in E.164, unique per index. */
export function magtiNumber(index: number): string {
  return `+995599${String(100_000 + (index % 900_000)).padStart(6, '0')}`;
}

export function lastDigit(number: string): number {
  return Number(number.at(-1));
}

/** What a normal operator day looks like: quick answers and receipts, one in ten undelivered. */
export function baseScenario(overrides: ScenarioDoc = {}): ScenarioDoc {
  return {
    name: 'drill',
    seed: 42,
    submitLatency: { kind: 'uniform', minMs: 1, maxMs: 5 },
    receipt: { state: 'delivered', delay: { kind: 'uniform', minMs: 50, maxMs: 400 } },
    rules: [UNDELIVERED_RULE],
    smpp: { accounts: [SMPP_ACCOUNT] },
    ...overrides,
  };
}

/** Final status a receipt gives each number under `baseScenario`. */
export function baseOutcome(number: string): 'delivered' | 'undelivered' {
  return lastDigit(number) === 9 ? 'undelivered' : 'delivered';
}
