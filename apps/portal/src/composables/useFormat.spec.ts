import { describe, expect, it } from 'vitest';
import { formatGeorgianDateTime, formatPhone } from './useFormat.js';

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
