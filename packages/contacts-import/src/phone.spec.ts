import { GeorgianMobile } from '@mtredi/api-contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeGeorgianMobile } from './phone.js';

describe('normalizeGeorgianMobile', () => {
  it.each([
    ['599123456'],
    ['599 12 34 56'],
    ['599-12-34-56'],
    ['(599) 12-34-56'],
    ['0599123456'],
    ['0 599 12 34 56'],
    ['995599123456'],
    ['995 599 12 34 56'],
    ['+995599123456'],
    ['+995 599 12 34 56'],
    ['+995 (599) 123 456'],
    ['+995 (0) 599 12 34 56'],
    ['00995599123456'],
    ['00 995 599 12 34 56'],
    ["'599123456"],
    ['="0599123456"'],
    ['\u00a0599\u00a0123\u00a0456\t'],
  ])('%j is +995599123456', (raw) => {
    expect(normalizeGeorgianMobile(raw)).toEqual({ ok: true, e164: '+995599123456' });
  });

  it('reads numbers stored as Excel numbers, integers and floats alike', () => {
    expect(normalizeGeorgianMobile(599123456)).toEqual({ ok: true, e164: '+995599123456' });
    expect(normalizeGeorgianMobile(995599123456)).toEqual({ ok: true, e164: '+995599123456' });
    expect(normalizeGeorgianMobile(9.95599123456e11)).toEqual({ ok: true, e164: '+995599123456' });
    expect(normalizeGeorgianMobile(599123456.0)).toEqual({ ok: true, e164: '+995599123456' });
  });

  it('accepts every mobile range the metadata knows and refuses the rest with a reason', () => {
    expect(normalizeGeorgianMobile('555123456')).toMatchObject({ ok: true });
    expect(normalizeGeorgianMobile('790123456')).toMatchObject({ ok: true });
    expect(normalizeGeorgianMobile('511123456')).toMatchObject({ ok: true });
  });

  it.each([
    ['', 'phone/missing'],
    ['   ', 'phone/missing'],
    ['9.95599E+11', 'phone/scientific_notation'],
    ['5.99123E+8', 'phone/scientific_notation'],
    ['599123456, 577123456', 'phone/several_numbers'],
    ['599123456 / 577123456', 'phone/several_numbers'],
    ['599123456 577123456', 'phone/several_numbers'],
    ['გიორგი', 'phone/not_a_number'],
    ['599-12-34-56 ext 7', 'phone/not_a_number'],
    ['59912345', 'phone/too_short'],
    ['5991234567', 'phone/too_long'],
    ['+79161234567', 'phone/not_georgian'],
    ['0079161234567', 'phone/not_georgian'],
    ['322123456', 'phone/landline'],
    ['0322123456', 'phone/landline'],
    ['+995322123456', 'phone/landline'],
    ['800123456', 'phone/not_mobile'],
    ['544123456', 'phone/unassigned'],
    ['122123456', 'phone/unassigned'],
  ])('%j is refused as %s', (raw, code) => {
    const result = normalizeGeorgianMobile(raw);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok === false && result.reason.length).toBeGreaterThan(5);
  });

  it('refuses fractions and negative numbers stored as Excel numbers', () => {
    expect(normalizeGeorgianMobile(599123456.5)).toMatchObject({ ok: false, code: 'phone/not_a_number' });
    expect(normalizeGeorgianMobile(-599123456)).toMatchObject({ ok: false, code: 'phone/not_a_number' });
    expect(normalizeGeorgianMobile(Number.NaN)).toMatchObject({ ok: false, code: 'phone/not_a_number' });
  });

  it('says how many digits a wrong-length number has', () => {
    expect(normalizeGeorgianMobile('+99559912345')).toMatchObject({ reason: expect.stringContaining('8 digits') });
  });

  it('agrees with the API rule (api-contract GeorgianMobile) on every form of any 9-digit number', () => {
    const forms = [
      (n: string) => n,
      (n: string) => `0${n}`,
      (n: string) => `995${n}`,
      (n: string) => `+995${n}`,
      (n: string) => `00995${n}`,
      (n: string) => `+995 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}`,
    ];
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{9}$/),
        fc.constantFrom(...forms),
        fc.constantFrom('5', '7', '3', '8', ''),
        (digits, form, lead) => {
          const national = (lead + digits).slice(0, 9);
          const raw = form(national);
          const ours = normalizeGeorgianMobile(raw);
          const api = GeorgianMobile.safeParse(raw);
          expect(ours.ok).toBe(api.success);
          if (ours.ok && api.success) expect(ours.e164).toBe(api.data);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
