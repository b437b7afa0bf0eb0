import { gsmSeptets, surrogatePairs } from './detect.js';
import { layoutParts, type PartLayout } from './segment.js';
import type { AnalyzeOptions, ConcatReference, TextEncoding } from './types.js';

export interface Measure extends PartLayout {
  encoding: TextEncoding;
  units: number;
  characters: number;
}

/**
 * Encoding, units, characters and part layout of a text, in one pass for GSM-7 texts (the common case)
 * and two for UCS-2 ones.
 * @throws InvalidTextError when the text holds a lone surrogate.
 */
export function measure(text: string, concat: ConcatReference): Measure {
  const septets = gsmSeptets(text);
  if (septets >= 0) {
    const layout = layoutParts(text, 'gsm7', septets, septets - text.length, concat);
    return {
      encoding: 'gsm7',
      units: septets,
      characters: text.length,
      parts: layout.parts,
      unitsPerPart: layout.unitsPerPart,
      unitsLeftInLastPart: layout.unitsLeftInLastPart,
    };
  }
  const pairs = surrogatePairs(text);
  const layout = layoutParts(text, 'ucs2', text.length, pairs, concat);
  return {
    encoding: 'ucs2',
    units: text.length,
    characters: text.length - pairs,
    parts: layout.parts,
    unitsPerPart: layout.unitsPerPart,
    unitsLeftInLastPart: layout.unitsLeftInLastPart,
  };
}

/**
 * Parts the text needs, never splitting an escape sequence or a surrogate pair; 0 for empty text.
 * @throws InvalidTextError when the text holds a lone surrogate.
 */
export function countParts(text: string, options?: Pick<AnalyzeOptions, 'concatReference'>): number {
  return measure(text, options?.concatReference ?? '8bit').parts;
}
