import { isGeorgianMobileNsn } from '@mtredi/api-contract';
import { PhoneNumber } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max';
import type { RowErrorCode } from './errors.js';

export type PhoneResult = { ok: true; e164: string } | { ok: false; code: RowErrorCode; reason: string };

// Spaces of every kind, dashes, dots, brackets and slashes people put between digit groups.
const SEPARATORS = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\-\u2010-\u2015.()[\]/]/g;
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;

/**
 * A Georgian mobile number in any common form — `599123456`, `599 12 34 56`, `0599…`, `995599…`, `+995 599…`,
 * `00995…`, or an Excel number such as 599123456 or 9.95599123456E+11 — as E.164 (`+995599123456`).
 *
 * The same rule as the API's `GeorgianMobile` (packages/api-contract/src/phone.ts): libphonenumber's full metadata,
 * type MOBILE only, because SMS to Georgian landlines is not delivered, checked with the API's compiled patterns.
 * The number is built from the national number directly instead of parsing free text, which is ten times faster (an
 * import checks a million of them) and lets each rejection say exactly what is wrong.
 */
export function normalizeGeorgianMobile(raw: string | number): PhoneResult {
  const digits = typeof raw === 'number' ? numberDigits(raw) : textDigits(raw);
  if (!digits.ok) return digits;
  const national = nationalNumber(digits.value);
  if (!national.ok) return national;
  const nsn = national.value;
  if (nsn.length < 9) return fail('phone/too_short', `Too short: ${nsn.length} digits, a Georgian mobile number has 9`);
  if (nsn.length > 9) return fail('phone/too_long', `Too long: ${nsn.length} digits, a Georgian mobile number has 9`);
  if (isGeorgianMobileNsn?.(nsn)) return { ok: true, e164: `+995${nsn}` };
  const type = new PhoneNumber(`+995${nsn}`, metadata).getType();
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return { ok: true, e164: `+995${nsn}` };
  if (type === 'FIXED_LINE')
    return fail('phone/landline', 'A Georgian landline number: SMS reaches mobile numbers only');
  if (type)
    return fail('phone/not_mobile', `A Georgian ${type.toLowerCase().replaceAll('_', ' ')} number, not a mobile`);
  return fail('phone/unassigned', 'Not in any Georgian mobile number range');
}

type Step = { ok: true; value: string } | { ok: false; code: RowErrorCode; reason: string };

function fail(code: RowErrorCode, reason: string): { ok: false; code: RowErrorCode; reason: string } {
  return { ok: false, code, reason };
}

function numberDigits(value: number): Step {
  if (!Number.isFinite(value) || value < 0) return fail('phone/not_a_number', 'Not a phone number');
  // 599123456.7 is a number someone computed or typed wrongly, not a phone number.
  if (!Number.isInteger(value)) return fail('phone/not_a_number', 'Not a phone number: a fraction');
  if (value > Number.MAX_SAFE_INTEGER) return fail('phone/too_long', 'Too long for a phone number');
  return { ok: true, value: String(value) };
}

function textDigits(raw: string): Step {
  let text = raw.trim();
  // Excel's "keep as text" marks: a leading apostrophe, or the CSV trick ="0599123456".
  if (text.startsWith("'")) text = text.slice(1).trim();
  const quoted = /^="(.*)"$/.exec(text);
  if (quoted) text = (quoted[1] ?? '').trim();
  if (text === '') return fail('phone/missing', 'No phone number');
  if (SCIENTIFIC.test(text)) {
    return fail(
      'phone/scientific_notation',
      'Saved in scientific notation (like 9.95599E+11), which lost the last digits: format the column as text and save again',
    );
  }
  if (/[,;|\n]/.test(text) || (text.match(/\d{9,}/g) ?? []).length > 1) {
    return fail('phone/several_numbers', 'More than one number in the cell: put one number in a row');
  }
  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact))
    return fail('phone/not_a_number', 'Not a phone number: it has characters other than digits');
  return { ok: true, value: compact };
}

/** The 9-digit national significant number, from any international or trunk-prefixed form. */
function nationalNumber(digits: string): Step {
  let international: string | null = null;
  if (digits.startsWith('+')) international = digits.slice(1);
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (digits.startsWith('995') && digits.length === 12) international = digits;
  if (international !== null) {
    if (!international.startsWith('995')) return fail('phone/not_georgian', 'Not a Georgian number (+995)');
    const rest = international.slice(3);
    // +995 (0) 599… keeps the trunk prefix in brackets.
    return { ok: true, value: rest.length === 10 && rest.startsWith('0') ? rest.slice(1) : rest };
  }
  // 0 is Georgia's trunk prefix: 0599 12 34 56 is how many people still write a mobile number.
  if (digits.startsWith('0') && digits.length === 10) return { ok: true, value: digits.slice(1) };
  return { ok: true, value: digits };
}
