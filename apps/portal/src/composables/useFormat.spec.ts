import { describe, expect, it } from 'vitest';
import { formatCount, formatGel, formatGeorgianDateTime, formatPerPart, formatPhone } from './useFormat.js';

describe('formatPhone', () => {
  it('groups a Georgian mobile number the way it is written in Georgia', () => {
    expect(formatPhone('+995599123456')).toBe('+995 599 12 34 56');
  });

  it('leaves anything else as it came', () => {
    expect(formatPhone('+37491234567')).toBe('+37491234567');
    expect(formatPhone('599123456')).toBe('599123456');
  });
});

describe('formatGeorgianDateTime', () => {
  it('writes day.month.year and a 24-hour clock with leading zeros', () => {
    expect(formatGeorgianDateTime(new Date(2026, 0, 5, 9, 7, 3))).toBe('05.01.2026 09:07:03');
    expect(formatGeorgianDateTime(new Date(2026, 10, 22, 15, 46, 28))).toBe('22.11.2026 15:46:28');
  });
});

describe('money and counts', () => {
  it('writes tetri as lari with two decimals', () => {
    expect(formatGel(4500)).toBe('45.00 ₾');
    expect(formatGel(5)).toBe('0.05 ₾');
  });

  it('writes the price of one SMS to the tetri hundredth, as the price list does', () => {
    expect(formatPerPart(4.5)).toBe('0.045 ₾');
    expect(formatPerPart(4.25)).toBe('0.0425 ₾');
    expect(formatPerPart(5)).toBe('0.050 ₾');
  });

  it('groups thousands the Georgian or the English way', () => {
    expect(formatCount(1234567, 'ka')).toBe('1\u00a0234\u00a0567');
    expect(formatCount(12500, 'en')).toBe('12,500');
    expect(formatCount(-1000, 'en')).toBe('-1,000');
    expect(formatCount(999, 'ka')).toBe('999');
  });
});
