import { GeorgianMobile } from '@mtredi/api-contract';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type ParsedNumber =
  | { kind: 'georgian'; raw: string; e164: string }
  | { kind: 'foreign'; raw: string }
  | { kind: 'invalid'; raw: string };

/**
 * One entry of smsoffice's `destination` list: international format without `+` or `00`
 * (`995577123456`). Forms integrators also send by habit (`+995…`, `00995…`, 9 national digits) are
 * accepted too; a valid number of another country is told apart from a malformed one (codes 10 and 76).
 */
export function parseDestination(raw: string): ParsedNumber {
  const compact = raw.replace(/[\s()-]/g, '');
  const international = compact.startsWith('+')
    ? compact
    : compact.startsWith('00')
      ? `+${compact.slice(2)}`
      : /^995\d{9}$/.test(compact)
        ? `+${compact}`
        : compact;
  const georgian = GeorgianMobile.safeParse(international);
  if (georgian.success) return { kind: 'georgian', raw, e164: georgian.data };
  const asForeign = parsePhoneNumberFromString(international.startsWith('+') ? international : `+${international}`);
  if (asForeign?.isValid() && asForeign.country !== 'GE') return { kind: 'foreign', raw };
  return { kind: 'invalid', raw };
}

/** The comma-separated list, split, parsed and without repeats (a number is messaged once per send). */
export function parseDestinations(list: string): ParsedNumber[] {
  const seen = new Set<string>();
  const parsed: ParsedNumber[] = [];
  for (const raw of list.split(/[,;]/).map((s) => s.trim())) {
    if (!raw) continue;
    const number = parseDestination(raw);
    const key = number.kind === 'georgian' ? number.e164 : number.raw;
    if (seen.has(key)) continue;
    seen.add(key);
    parsed.push(number);
  }
  return parsed;
}
