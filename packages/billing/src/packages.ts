import { InvalidPriceTableError } from './errors.js';

/** A credit package customers buy: `parts` SMS for `priceTetri` (1 GEL = 100 tetri; integers, no rounding). */
export interface CreditPackage {
  id: string;
  name: string;
  parts: number;
  priceTetri: number;
}

/** Price of one SMS part in tetri, to a hundredth of a tetri (what the price table shows). */
export function pricePerPartTetri(pkg: CreditPackage): number {
  return Math.round((pkg.priceTetri * 100) / pkg.parts) / 100;
}

/** "12.50" style amount in GEL from tetri. */
export function formatGel(tetri: number): string {
  return (tetri / 100).toFixed(2);
}

/**
 * The seed's promise as a rule: the bigger the package, the lower the price per SMS. Returns the packages
 * sorted by size; throws naming the first package that breaks the rule.
 */
export function validatePriceTable(packages: readonly CreditPackage[]): CreditPackage[] {
  const sorted = [...packages].sort((a, b) => a.parts - b.parts);
  for (const pkg of sorted) {
    if (!Number.isSafeInteger(pkg.parts) || pkg.parts <= 0) {
      throw new InvalidPriceTableError(`"${pkg.name}": parts must be a positive whole number`, pkg.name);
    }
    if (!Number.isSafeInteger(pkg.priceTetri) || pkg.priceTetri <= 0) {
      throw new InvalidPriceTableError(`"${pkg.name}": price must be a positive whole number of tetri`, pkg.name);
    }
  }
  for (let i = 1; i < sorted.length; i++) {
    const smaller = sorted[i - 1] as CreditPackage;
    const bigger = sorted[i] as CreditPackage;
    if (bigger.parts === smaller.parts) {
      throw new InvalidPriceTableError(`"${bigger.name}" and "${smaller.name}" have the same size`, bigger.name);
    }
    // Compare exactly by cross-multiplying instead of dividing.
    if (bigger.priceTetri * smaller.parts >= smaller.priceTetri * bigger.parts) {
      throw new InvalidPriceTableError(
        `"${bigger.name}" (${bigger.parts} SMS) must cost less per SMS than "${smaller.name}" (${smaller.parts} SMS)`,
        bigger.name,
      );
    }
  }
  return sorted;
}

/** A starting price table for a new installation (GEL per SMS falls from 0.045 to 0.025). */
export const DEFAULT_PACKAGES: readonly Omit<CreditPackage, 'id'>[] = [
  { name: 'Start', parts: 1_000, priceTetri: 4_500 },
  { name: 'Business', parts: 10_000, priceTetri: 40_000 },
  { name: 'Pro', parts: 50_000, priceTetri: 175_000 },
  { name: 'Enterprise', parts: 200_000, priceTetri: 500_000 },
];
