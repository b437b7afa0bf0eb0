import { describe, expect, it } from 'vitest';
import { smsofficeNumber, smsofficeTimestamp } from './smsoffice-format.js';

describe('smsoffice wire formats', () => {
  it('writes callback timestamps as yyyyMMddHHmmss in Tbilisi time (UTC+4)', () => {
    expect(smsofficeTimestamp(new Date('2026-03-05T21:07:09.999Z'))).toBe('20260306010709');
  });

  it('writes numbers without the plus sign', () => {
    expect(smsofficeNumber('+995599123456')).toBe('995599123456');
  });
});
