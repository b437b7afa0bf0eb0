import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { decodeParts } from './decode.js';
import { detectEncoding } from './detect.js';
import { InvalidTextError } from './errors.js';
import { BASIC_CHARS, ESC, EXTENSION_CHARS } from './gsm-alphabet.js';
import { replaceLookalikes } from './lookalikes.js';
import { countParts } from './measure.js';
import { CONCAT_CAPACITY, SINGLE_CAPACITY } from './segment.js';
import { split } from './split.js';
import { transliterate } from './transliterate.js';
import type { ConcatReference, EncodedPart, TextEncoding } from './types.js';

const BASIC = BASIC_CHARS.filter((_, septet) => septet !== ESC);
const EXTENSION = EXTENSION_CHARS.filter((c): c is string => c !== undefined);
const MKHEDRULI = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x10d0 + i));
const MTAVRULI = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x1c90 + i));
const EMOJI = ['😀', '🇬🇪', '👍🏽', '🎉', '❤️', '𝄞'];
const LOOKALIKES = ['“', '”', '„', '’', '‘', '–', '—', '…', '\u00a0', '\u2009', '\t', 'á', 'Ａ', '\u200b'];

/** Short texts and long ones (up to 420 characters, so several parts), to cross every boundary. */
const textOf = (...alphabets: string[][]) => {
  const char = fc.constantFrom(...alphabets.flat());
  return fc
    .oneof(fc.array(char, { maxLength: 20 }), fc.array(char, { maxLength: 420, size: 'max' }))
    .map((chars) => chars.join(''));
};

const gsmText = fc.oneof(textOf(BASIC), textOf(BASIC, EXTENSION), textOf(EXTENSION, ['a']));
const georgianText = fc.oneof(textOf(MKHEDRULI, [' ', ',']), textOf(MKHEDRULI, MTAVRULI, BASIC));
const emojiText = fc.oneof(textOf(EMOJI), textOf(EMOJI, BASIC, EXTENSION), textOf(EMOJI, MKHEDRULI, ['a']));
/**
 * Texts whose units land within a few of a part boundary (k × capacity), wide characters (escapes,
 * surrogate pairs) scattered before it: the cases where arithmetic and a correct split disagree.
 */
function nearBoundary(alphabet: string[], filler: string, encoding: TextEncoding) {
  const capacities = [SINGLE_CAPACITY[encoding], CONCAT_CAPACITY['8bit'][encoding], CONCAT_CAPACITY['16bit'][encoding]];
  return fc
    .tuple(
      fc.array(fc.constantFrom(...alphabet), { minLength: 400, maxLength: 400 }),
      fc.constantFrom(...capacities),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: -3, max: 3 }),
    )
    .map(([chars, capacity, k, delta]) => {
      const target = capacity * k + delta;
      let text = '';
      let units = 0;
      for (const char of chars) {
        const cost = unitsOf(char, encoding);
        if (units + cost > target) break;
        text += char;
        units += cost;
      }
      return text + filler.repeat(target - units);
    });
}

const boundaryText = fc.oneof(
  nearBoundary([...EXTENSION, 'a'], 'a', 'gsm7'),
  nearBoundary(EXTENSION, 'a', 'gsm7'),
  nearBoundary([...EMOJI, 'ა'], 'ა', 'ucs2'),
  nearBoundary(['😀'], 'ა', 'ucs2'),
);
const anyText = fc.oneof(gsmText, georgianText, emojiText, boundaryText);

const splitOptions = fc.record({
  concatReference: fc.constantFrom<ConcatReference>('8bit', '16bit'),
  packed: fc.boolean(),
  reference: fc.integer({ min: 0, max: 255 }),
});

/** Units one character costs: independent of the engine's tables except for GSM membership. */
function unitsOf(char: string, encoding: TextEncoding): number {
  if (encoding === 'ucs2') return char.length;
  return EXTENSION.includes(char) ? 2 : 1;
}

/** Fewest parts by dynamic programming over code points: independent of the greedy walk. */
function minimalParts(text: string, concat: ConcatReference): number {
  const encoding = detectEncoding(text);
  const costs = Array.from(text, (c) => unitsOf(c, encoding));
  const total = costs.reduce((sum, c) => sum + c, 0);
  if (total === 0) return 0;
  if (total <= SINGLE_CAPACITY[encoding]) return 1;
  const capacity = CONCAT_CAPACITY[concat][encoding];
  const best = [0];
  for (let end = 1; end <= costs.length; end++) {
    let fewest = Number.POSITIVE_INFINITY;
    let used = 0;
    for (let start = end - 1; start >= 0; start--) {
      used += costs[start] as number;
      if (used > capacity) break;
      fewest = Math.min(fewest, (best[start] as number) + 1);
    }
    best.push(fewest);
  }
  return best[costs.length] as number;
}

function capacityOf(parts: EncodedPart[], encoding: TextEncoding, concat: ConcatReference): number {
  return parts.length > 1 ? CONCAT_CAPACITY[concat][encoding] : SINGLE_CAPACITY[encoding];
}

describe('properties', () => {
  it('decoding the parts gives back the text', () => {
    fc.assert(
      fc.property(anyText, splitOptions, (text, options) => {
        const parts = split(text, options);
        expect(decodeParts(parts)).toBe(text);
        expect(parts.map((p) => p.text).join('')).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('no part exceeds its capacity, in units and (packed or UCS-2) in 140 octets', () => {
    fc.assert(
      fc.property(anyText, splitOptions, (text, options) => {
        const parts = split(text, options);
        const encoding = detectEncoding(text);
        const capacity = capacityOf(parts, encoding, options.concatReference);
        for (const part of parts) {
          const units = Array.from(part.text).reduce((sum, c) => sum + unitsOf(c, encoding), 0);
          expect(part.units).toBe(units);
          expect(units).toBeLessThanOrEqual(capacity);
          if (encoding === 'ucs2' || options.packed) {
            expect((part.udh?.length ?? 0) + part.payload.length).toBeLessThanOrEqual(140);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('no boundary falls inside an escape sequence or a surrogate pair', () => {
    fc.assert(
      fc.property(anyText, splitOptions, (text, options) => {
        for (const part of split(text, { ...options, packed: false })) {
          const first = part.text.charCodeAt(0);
          const last = part.text.charCodeAt(part.text.length - 1);
          expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
          if (part.dataCoding === 0) expect(part.payload[part.payload.length - 1]).not.toBe(ESC);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the part count is minimal and the same from split, countParts and analyze', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom<ConcatReference>('8bit', '16bit'), (text, concat) => {
        const parts = split(text, { concatReference: concat }).length;
        expect(parts).toBe(minimalParts(text, concat));
        expect(countParts(text, { concatReference: concat })).toBe(parts);
        expect(analyze(text, { concatReference: concat }).parts).toBe(parts);
      }),
      { numRuns: 400 },
    );
  });

  it('analyze agrees with the parts on units, characters and room left', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom<ConcatReference>('8bit', '16bit'), (text, concat) => {
        const result = analyze(text, { concatReference: concat });
        const parts = split(text, { concatReference: concat });
        const units = parts.reduce((sum, p) => sum + (p.units ?? 0), 0);
        expect(result.units).toBe(units);
        expect(result.characters).toBe(Array.from(text).length);
        expect(result.encoding).toBe(detectEncoding(text));
        if (parts.length > 0) {
          const last = parts[parts.length - 1] as EncodedPart;
          expect(result.unitsPerPart).toBe(capacityOf(parts, result.encoding, concat));
          expect(result.unitsLeftInLastPart).toBe(result.unitsPerPart - (last.units ?? 0));
        }
        const forcers = result.ucs2Forcers.map((f) => f.char).join('');
        expect(forcers.length > 0).toBe(result.encoding === 'ucs2');
      }),
      { numRuns: 300 },
    );
  });

  it('every transliteration of Georgian with GSM text is GSM-7 text', () => {
    const scheme = fc.constantFrom('national', 'national_apostrophe', 'latin_georgian' as const);
    fc.assert(
      fc.property(textOf(MKHEDRULI, MTAVRULI, BASIC, EXTENSION), scheme, (text, s) => {
        expect(detectEncoding(transliterate(text, s))).toBe('gsm7');
      }),
    );
  });

  it('look-alike replacement yields GSM-7 and its list rebuilds the output from the input', () => {
    fc.assert(
      fc.property(textOf(LOOKALIKES, BASIC), (text) => {
        const result = replaceLookalikes(text);
        expect(detectEncoding(result.text)).toBe('gsm7');
        let rebuilt = '';
        let at = 0;
        for (const r of result.replacements) {
          expect(text.startsWith(r.from, r.index)).toBe(true);
          rebuilt += text.slice(at, r.index) + r.to;
          at = r.index + r.from.length;
        }
        expect(rebuilt + text.slice(at)).toBe(result.text);
      }),
    );
  });

  it('a lone surrogate anywhere is reported at its index', () => {
    const lone = fc.constantFrom('\ud83d', '\ude00');
    fc.assert(
      fc.property(textOf(BASIC, MKHEDRULI), lone, fc.nat(), (text, surrogate, at) => {
        const index = at % (text.length + 1);
        const broken = text.slice(0, index) + surrogate + text.slice(index);
        expect(() => analyze(broken)).toThrowError(expect.objectContaining({ index }));
        expect(() => split(broken)).toThrow(InvalidTextError);
      }),
    );
  });
});
