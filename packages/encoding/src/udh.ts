import type { ConcatReference } from './types.js';

/**
 * User Data Header for concatenated messages, TS 23.040 §9.2.3.24:
 * - IEI 0x00, 8-bit reference (§9.2.3.24.1): `05 00 03 ref total seq`
 * - IEI 0x08, 16-bit reference (§9.2.3.24.8): `06 08 04 refHi refLo total seq`
 * The first octet is the UDHL (header length without itself).
 */
export function concatUdh(concat: ConcatReference, reference: number, total: number, sequence: number): Uint8Array {
  if (concat === '16bit') {
    return Uint8Array.of(0x06, 0x08, 0x04, (reference >> 8) & 0xff, reference & 0xff, total, sequence);
  }
  return Uint8Array.of(0x05, 0x00, 0x03, reference & 0xff, total, sequence);
}

export interface ConcatInfo {
  concat: ConcatReference;
  reference: number;
  total: number;
  sequence: number;
}

/**
 * The concatenation element of a UDH, or null when it has none. Other information elements are
 * skipped. Returns 'malformed' when the element lengths run past the header.
 */
export function parseConcatUdh(udh: Uint8Array): ConcatInfo | null | 'malformed' {
  const udhl = udh[0];
  if (udhl === undefined || udhl + 1 !== udh.length) return 'malformed';
  let found: ConcatInfo | null = null;
  let i = 1;
  while (i < udh.length) {
    const iei = udh[i];
    const length = udh[i + 1];
    if (iei === undefined || length === undefined || i + 2 + length > udh.length) return 'malformed';
    const at = (k: number) => udh[i + 2 + k] as number;
    if (iei === 0x00 && length === 3) {
      found = { concat: '8bit', reference: at(0), total: at(1), sequence: at(2) };
    } else if (iei === 0x08 && length === 4) {
      found = { concat: '16bit', reference: (at(0) << 8) | at(1), total: at(2), sequence: at(3) };
    }
    i += 2 + length;
  }
  return found;
}

/** Fill bits that align the first septet after a UDH of `udhOctets` octets (TS 23.040 §9.2.3.24). */
export function fillBits(udhOctets: number): number {
  return (7 - ((udhOctets * 8) % 7)) % 7;
}
