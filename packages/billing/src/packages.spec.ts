import { describe, expect, it } from 'vitest';
import { InvalidPriceTableError } from './errors.js';
import { type CreditPackage, DEFAULT_PACKAGES, formatGel, pricePerPartTetri, validatePriceTable } from './packages.js';

const pkg = (name: string, parts: number, priceTetri: number): CreditPackage => ({ id: name, name, parts, priceTetri });

describe('price table', () => {
  it('accepts the default table and sorts it by size, each bigger package cheaper per SMS', () => {
    const table = validatePriceTable(DEFAULT_PACKAGES.map((p, i) => ({ ...p, id: String(i) })).reverse());
    expect(table.map((p) => p.name)).toEqual(['Start', 'Business', 'Pro', 'Enterprise']);
    const perPart = table.map(pricePerPartTetri);
    expect(perPart).toEqual([4.5, 4, 3.5, 2.5]);
  });

  it('refuses a bigger package that is not cheaper per SMS, naming it', () => {
    const table = [pkg('Small', 100, 500), pkg('Big', 1000, 5000)];
    expect(() => validatePriceTable(table)).toThrow(InvalidPriceTableError);
    expect(() => validatePriceTable(table)).toThrow(/"Big" \(1000 SMS\) must cost less per SMS than "Small"/);
  });

  it('refuses non-integer or non-positive sizes and prices, and duplicate sizes', () => {
    expect(() => validatePriceTable([pkg('Zero', 0, 100)])).toThrow(/parts must be a positive whole number/);
    expect(() => validatePriceTable([pkg('Free', 10, 0)])).toThrow(/price must be a positive whole number/);
    expect(() => validatePriceTable([pkg('A', 10, 50), pkg('B', 10, 40)])).toThrow(/same size/);
  });

  it('formats tetri as GEL', () => {
    expect(formatGel(4500)).toBe('45.00');
    expect(formatGel(5)).toBe('0.05');
  });
});
