import { GSM_COST } from './gsm-alphabet.js';
import type { ConcatReference, TextEncoding } from './types.js';

/**
 * Part capacities. A single SMS carries 140 octets: 160 septets or 70 UCS-2 units. A concatenated part
 * gives up 6 octets to the UDH with an 8-bit reference (153 septets after one fill bit, 67 units) or 7
 * with a 16-bit reference (152, 66). TS 23.040 §9.2.3.24, §9.2.3.24.1, §9.2.3.24.8.
 */
export const SINGLE_CAPACITY: Readonly<Record<TextEncoding, number>> = { gsm7: 160, ucs2: 70 };

export const CONCAT_CAPACITY: Readonly<Record<ConcatReference, Readonly<Record<TextEncoding, number>>>> = {
  '8bit': { gsm7: 153, ucs2: 67 },
  '16bit': { gsm7: 152, ucs2: 66 },
};

/** The UDH reference counter is one octet, so no message has more parts. */
export const MAX_PARTS = 255;

export interface PartLayout {
  parts: number;
  unitsPerPart: number;
  unitsLeftInLastPart: number;
}

/**
 * Parts for a text whose units are known. `wide` is the number of two-unit characters (GSM extension
 * characters or surrogate pairs); when it is zero no boundary can fall inside a character and the count
 * is plain arithmetic, otherwise the greedy walk decides.
 */
export function layoutParts(
  text: string,
  encoding: TextEncoding,
  units: number,
  wide: number,
  concat: ConcatReference,
): PartLayout {
  const single = SINGLE_CAPACITY[encoding];
  if (units <= single) {
    return { parts: units === 0 ? 0 : 1, unitsPerPart: single, unitsLeftInLastPart: single - units };
  }
  const capacity = CONCAT_CAPACITY[concat][encoding];
  if (wide === 0) {
    const parts = Math.ceil(units / capacity);
    return { parts, unitsPerPart: capacity, unitsLeftInLastPart: parts * capacity - units };
  }
  const walked = walk(text, encoding, capacity, null);
  return { parts: walked.parts, unitsPerPart: capacity, unitsLeftInLastPart: capacity - walked.lastUnits };
}

/**
 * Code-unit end index (exclusive) of every part, filling each part as far as it goes without cutting an
 * escape sequence or a surrogate pair. Filling greedily in order gives the fewest parts.
 */
export function partEnds(text: string, encoding: TextEncoding, units: number, concat: ConcatReference): number[] {
  if (text.length === 0) return [];
  if (units <= SINGLE_CAPACITY[encoding]) return [text.length];
  const ends: number[] = [];
  walk(text, encoding, CONCAT_CAPACITY[concat][encoding], ends);
  return ends;
}

function walk(
  text: string,
  encoding: TextEncoding,
  capacity: number,
  ends: number[] | null,
): { parts: number; lastUnits: number } {
  const n = text.length;
  const gsm = encoding === 'gsm7';
  let parts = 1;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    let cost = 1;
    let width = 1;
    if (gsm) cost = GSM_COST[unit] as number;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      cost = 2;
      width = 2;
    }
    if (used + cost > capacity) {
      ends?.push(i);
      parts++;
      used = 0;
    }
    used += cost;
    i += width - 1;
  }
  ends?.push(n);
  return { parts, lastUnits: used };
}
