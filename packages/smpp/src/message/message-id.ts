/**
 * How the ids in submit_sm_resp and in receipts relate on a given SMSC (reference/smpp.md §2.9):
 * - `exact`: the same string;
 * - `case_zeros`: same value, but case and leading zeros may differ (jasmin #1129);
 * - `hex_to_decimal`: submit_sm_resp in hex, receipts in decimal (Kannel msg-id-type 1, jsmpp #56);
 * - `decimal_to_hex`: submit_sm_resp in decimal, receipts in hex (Kannel msg-id-type 2).
 * Both sides are normalised to one canonical form, so the id the channel reports at submit and the id
 * in the receipt compare equal.
 */
export type MessageIdMatching = 'exact' | 'case_zeros' | 'hex_to_decimal' | 'decimal_to_hex';

const caseZeros = (id: string): string =>
  id
    .trim()
    .toUpperCase()
    .replace(/^0+(?=.)/, '');

function asNumber(id: string, base: 10 | 16): string | undefined {
  const s = id.trim();
  if (base === 16 ? !/^[0-9a-f]+$/i.test(s) : !/^\d+$/.test(s)) return undefined;
  return BigInt(base === 16 ? `0x${s}` : s).toString(10);
}

/** The canonical form of an id from submit_sm_resp. */
export function normalizeSubmitId(id: string, mode: MessageIdMatching): string {
  switch (mode) {
    case 'exact':
      return id;
    case 'case_zeros':
      return caseZeros(id);
    case 'hex_to_decimal':
      return asNumber(id, 16) ?? caseZeros(id);
    case 'decimal_to_hex':
      return asNumber(id, 10) ?? caseZeros(id);
  }
}

/** The canonical form of an id from a receipt (receipted_message_id or the text's `id:`). */
export function normalizeReceiptId(id: string, mode: MessageIdMatching): string {
  switch (mode) {
    case 'exact':
      return id;
    case 'case_zeros':
      return caseZeros(id);
    case 'hex_to_decimal':
      return asNumber(id, 10) ?? caseZeros(id);
    case 'decimal_to_hex':
      return asNumber(id, 16) ?? caseZeros(id);
  }
}

export interface MessageIdFormat {
  base: 10 | 16;
  /** Hex letters; default upper. */
  letterCase?: 'upper' | 'lower';
  /** Left-pad with zeros to this many characters; default none. */
  padTo?: number;
}

/** Writes a numeric id in a given format, for SMSC simulators that must reproduce real SMSCs' habits. */
export function formatMessageId(value: bigint | number, format: MessageIdFormat): string {
  let s = BigInt(value).toString(format.base);
  s = format.letterCase === 'lower' ? s.toLowerCase() : s.toUpperCase();
  return format.padTo ? s.padStart(format.padTo, '0') : s;
}
