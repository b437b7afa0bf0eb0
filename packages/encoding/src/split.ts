import { InvalidOptionError, TooManyPartsError } from './errors.js';
import { ESC, GSM_COST, GSM_SEPTET } from './gsm-alphabet.js';
import { measure } from './measure.js';
import { packSeptets } from './pack.js';
import { MAX_PARTS, partEnds } from './segment.js';
import type { EncodedPart, SplitOptions } from './types.js';
import { concatUdh, fillBits } from './udh.js';

/**
 * Splits a text into SMS parts with their UDH and payload bytes, in the cheapest encoding. No part cuts
 * an escape sequence or a surrogate pair. GSM-7 is unpacked (one septet per octet) unless `packed`;
 * UCS-2 is big-endian. Empty text gives no parts.
 * @throws InvalidTextError for a lone surrogate, TooManyPartsError beyond 255 parts,
 *   InvalidOptionError for a reference out of range.
 */
export function split(text: string, options?: SplitOptions): EncodedPart[] {
  const concat = options?.concatReference ?? '8bit';
  const reference = options?.reference ?? 0;
  const packed = options?.packed ?? false;
  const maxReference = concat === '16bit' ? 0xffff : 0xff;
  if (!Number.isInteger(reference) || reference < 0 || reference > maxReference) {
    throw new InvalidOptionError('reference', `reference must be an integer from 0 to ${maxReference}`);
  }
  const { encoding, units } = measure(text, concat);
  const ends = partEnds(text, encoding, units, concat);
  if (ends.length > MAX_PARTS) throw new TooManyPartsError(ends.length, MAX_PARTS);

  const total = ends.length;
  const parts: EncodedPart[] = [];
  let start = 0;
  for (let k = 0; k < total; k++) {
    const end = ends[k] as number;
    const slice = text.slice(start, end);
    const udh = total > 1 ? concatUdh(concat, reference, total, k + 1) : null;
    if (encoding === 'ucs2') {
      parts.push({ udh, payload: ucs2Bytes(slice), dataCoding: 8, text: slice, units: slice.length });
    } else {
      const septets = gsmSeptetBytes(slice);
      const payload = packed ? packSeptets(septets, fillBits(udh?.length ?? 0)) : septets;
      parts.push({ udh, payload, dataCoding: 0, text: slice, packed, units: septets.length });
    }
    start = end;
  }
  return parts;
}

/** UTF-16 code units as big-endian octets: UCS-2, with surrogate pairs kept as two units. */
function ucs2Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit >> 8;
    out[2 * i + 1] = unit & 0xff;
  }
  return out;
}

/** Septet values, one per octet, with ESC before each extension character. */
function gsmSeptetBytes(text: string): Uint8Array {
  let length = 0;
  for (let i = 0; i < text.length; i++) length += GSM_COST[text.charCodeAt(i)] as number;
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (GSM_COST[unit] === 2) out[at++] = ESC;
    out[at++] = GSM_SEPTET[unit] as number;
  }
  return out;
}
