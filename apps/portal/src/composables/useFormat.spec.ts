import { describe, expect, it } from 'vitest';
import { formatPhone } from './useFormat.js';

describe('formatPhone', () => {
  it('groups a Georgian mobile number the way it is written in Georgia', () => {
    expect(formatPhone('+995599123456')).toBe('+995 599 12 34 56');
  });

  it('leaves anything else as it came', () => {
    expect(formatPhone('+37491234567')).toBe('+37491234567');
    expect(formatPhone('599123456')).toBe('599123456');
  });
});
