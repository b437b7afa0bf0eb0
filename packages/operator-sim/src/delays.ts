import type { Delay, FinalState, ReceiptOutcome, ReceiptSpec } from './scenario.js';

/** Turns a uniform draw in [0, 1) into a delay in whole ms; undefined for "never". */
export function sampleDelay(delay: Delay, u: number): number | undefined {
  switch (delay.kind) {
    case 'fixed':
      return delay.ms;
    case 'uniform':
      return Math.round(delay.minMs + u * (delay.maxMs - delay.minMs));
    case 'exponential': {
      const ms = Math.round(-delay.meanMs * Math.log(1 - u));
      return delay.maxMs === undefined ? ms : Math.min(ms, delay.maxMs);
    }
    case 'never':
      return undefined;
  }
}

/** A receipt policy with every layer merged in: what to draw from for one accepted message. */
export interface ResolvedReceipt {
  outcomes: ReceiptOutcome[];
  totalWeight: number;
  delay: Delay;
  lossProbability: number;
}

const DEFAULT_DELAY: Delay = { kind: 'fixed', ms: 200 };

/** Merges receipt specs, most specific first; a field left out falls through to the next layer. */
export function resolveReceipt(layers: readonly (ReceiptSpec | undefined)[]): ResolvedReceipt {
  let outcomes: ReceiptOutcome[] | undefined;
  let delay: Delay | undefined;
  let lossProbability: number | undefined;
  for (const layer of layers) {
    if (!layer) continue;
    outcomes ??=
      layer.outcomes ?? (layer.state ? [{ state: layer.state, errorCode: layer.errorCode, weight: 1 }] : undefined);
    delay ??= layer.delay;
    lossProbability ??= layer.lossProbability;
  }
  const resolved = outcomes ?? [{ state: 'delivered' as FinalState, weight: 1 }];
  return {
    outcomes: resolved,
    totalWeight: resolved.reduce((sum, o) => sum + o.weight, 0),
    delay: delay ?? DEFAULT_DELAY,
    lossProbability: lossProbability ?? 0,
  };
}

/** Picks an outcome by weight with a uniform draw in [0, 1). */
export function pickOutcome(receipt: ResolvedReceipt, u: number): ReceiptOutcome {
  let remaining = u * receipt.totalWeight;
  for (const outcome of receipt.outcomes) {
    remaining -= outcome.weight;
    if (remaining < 0) return outcome;
  }
  // Floating-point rounding can leave a sliver past the last weight.
  return receipt.outcomes[receipt.outcomes.length - 1] as ReceiptOutcome;
}
