import { InvalidTextError } from './errors.js';
import { GSM_COST } from './gsm-alphabet.js';
import type { TextEncoding } from './types.js';

/**
 * Septets the text needs in GSM-7, or -1 when some code unit is outside the default alphabet and its
 * extension table. One typed-array read per code unit, no allocation.
 */
export function gsmSeptets(text: string): number {
  const n = text.length;
  let septets = 0;
  for (let i = 0; i < n; i++) {
    const cost = GSM_COST[text.charCodeAt(i)] as number;
    if (cost === 0) return -1;
    septets += cost;
  }
  return septets;
}

/**
 * Number of surrogate pairs in the text (each is one character but two UCS-2 units).
 * @throws InvalidTextError at the first lone surrogate.
 */
export function surrogatePairs(text: string): number {
  const n = text.length;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (unit > 0xdbff || next < 0xdc00 || next > 0xdfff) throw new InvalidTextError(i, unit);
    pairs++;
    i++;
  }
  return pairs;
}

/**
 * The cheapest encoding that carries the text: GSM-7 when every character is in the default alphabet or
 * its extension table, UCS-2 otherwise. Georgian is never in GSM-7, so it is always UCS-2.
 * @throws InvalidTextError when the text holds a lone surrogate.
 */
export function detectEncoding(text: string): TextEncoding {
  if (gsmSeptets(text) >= 0) return 'gsm7';
  surrogatePairs(text);
  return 'ucs2';
}

/** Every character that is not in GSM-7, with its code-unit index; surrogate pairs are reported whole. */
export function ucs2Forcers(text: string): { char: string; index: number }[] {
  const found: { char: string; index: number }[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (GSM_COST[unit] !== 0) continue;
    const width = unit >= 0xd800 && unit <= 0xdbff && i + 1 < n ? 2 : 1;
    found.push({ char: text.slice(i, i + width), index: i });
    i += width - 1;
  }
  return found;
}
