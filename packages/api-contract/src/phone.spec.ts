import fc from 'fast-check';
import { PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { GeorgianMobile, isGeorgianMobileNsn } from './phone.js';

/** The rule as libphonenumber alone states it: what GeorgianMobile must answer, however it gets there. */
function byLibphonenumber(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim().replace(/^00/, '+'), 'GE');
  if (!parsed?.isValid() || parsed.country !== 'GE') return null;
  const type = parsed.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? parsed.number : null;
}

describe('isGeorgianMobileNsn', () => {
  it('accepts exactly what getType() calls mobile', () => {
    expect(isGeorgianMobileNsn).not.toBeNull();
    fc.assert(
      fc.property(fc.stringMatching(/^(5|7|3|9|0)[0-9]{8}$/), (nsn) => {
        const type = new PhoneNumber(`+995${nsn}`).getType();
        expect(isGeorgianMobileNsn?.(nsn)).toBe(type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE');
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('GeorgianMobile', () => {
  it.each([
    '599123456',
    '599 12 34 56',
    '0599123456',
    '995599123456',
    '+995599123456',
    '+995 599 12 34 56',
    '00995599123456',
    '  599123456 ',
    '(599) 12-34-56',
    '+995 (599) 123-456',
  ])('%j is +995599123456', (raw) => {
    expect(GeorgianMobile.parse(raw)).toBe('+995599123456');
  });

  it.each([
    ['+995322123456', 'is not a Georgian mobile number'],
    ['0322123456', 'is not a Georgian mobile number'],
    ['544123456', 'is not a valid Georgian phone number'],
    ['59912345', 'is not a valid Georgian phone number'],
    ['+79161234567', 'is not a valid Georgian phone number'],
    ['გიორგი', 'is not a valid Georgian phone number'],
  ])('refuses %j: %s', (raw, message) => {
    const result = GeorgianMobile.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`"${raw}" ${message}`);
  });

  it('answers as libphonenumber does for any 8- to 10-digit number behind any usual prefix, spaced or not', () => {
    const spaced = (n: string) => n.replace(/(\d{3})(\d{2})(\d{2})/, '$1 $2 $3 ');
    fc.assert(
      fc.property(
        fc.constantFrom('', '0', '995', '+995', '00995', '+995 ', ' 00 995 '),
        fc.stringMatching(/^[0-9]{8,10}$/),
        fc.boolean(),
        (prefix, digits, space) => {
          const raw = prefix + (space ? spaced(digits) : digits);
          const result = GeorgianMobile.safeParse(raw);
          expect(result.success ? result.data : null).toBe(byLibphonenumber(raw));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
