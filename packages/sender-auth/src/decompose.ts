import type { Reading } from './company.js';

/** A piece of a sender name: the first `length` letters of word `word`. */
export interface Part {
  word: number;
  length: number;
}

/** Longer inputs are not names; matching them word by word would only cost time. */
const MAX_NAME = 64;

const isNumber = (text: string) => /^[0-9]+$/.test(text);

/**
 * Whole words in a row equal to `name` ("dentalclinic" in "tbilisi dental clinic"; connectors may be left
 * out: "bankgeorgia" for "bank of georgia"), starting at the first significant word or spanning at least
 * two significant ones: a lone inner word ("clinic") names nobody.
 */
export function wholeWordRun(name: string, reading: Reading): Part[] | null {
  const all = reading.words.map((_, index) => index);
  const significant = all.filter((index) => !reading.words[index]?.connector);
  return run(name, reading, all) ?? run(name, reading, significant);
}

function run(name: string, reading: Reading, indices: number[]): Part[] | null {
  const { words, firstSignificant } = reading;
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] as number;
    if (words[start]?.connector) continue;
    let joined = '';
    let significant = 0;
    for (let j = i; j < indices.length && joined.length < name.length; j++) {
      const word = words[indices[j] as number];
      if (word === undefined) break;
      joined += word.text;
      if (!word.connector) significant++;
      if (joined === name && !word.connector && (start === firstSignificant || significant >= 2)) {
        return indices.slice(i, j + 1).map((index) => ({ word: index, length: words[index]?.text.length ?? 0 }));
      }
    }
  }
  return null;
}

/** Initials of the significant words, or of all words; numbers count whole ("Studio 21" → "s21"). */
export function initials(reading: Reading, withConnectors: boolean): Part[] {
  return reading.words.flatMap((w, word) =>
    w.connector && !withConnectors ? [] : [{ word, length: isNumber(w.text) ? w.text.length : 1 }],
  );
}

export function partsText(parts: readonly Part[], reading: Reading): string {
  return parts.map((p) => reading.words[p.word]?.text.slice(0, p.length) ?? '').join('');
}

/**
 * The name as starts of words taken in order, words left out allowed ("tbdental" = "tb" of "tbilisi" +
 * "dental"). It must use the first significant word or at least two significant words; numbers are taken
 * whole. Longest starts are tried first, which gives the reading a person would give.
 */
export function abbreviation(name: string, reading: Reading): Part[] | null {
  if (name.length === 0 || name.length > MAX_NAME) return null;
  const { words, firstSignificant } = reading;
  const failed = new Set<string>();

  const search = (i: number, p: number, usedFirst: boolean, significant: number): Part[] | null => {
    if (p === name.length) return usedFirst || significant >= 2 ? [] : null;
    if (i >= words.length) return null;
    const key = `${i},${p},${usedFirst ? 1 : 0},${Math.min(significant, 2)}`;
    if (failed.has(key)) return null;
    const word = words[i] as (typeof words)[number];
    let longest = 0;
    while (longest < word.text.length && word.text[longest] === name[p + longest]) longest++;
    const lengths = isNumber(word.text) ? (longest === word.text.length ? [longest] : []) : range(longest);
    for (const length of lengths) {
      const rest = search(
        i + 1,
        p + length,
        usedFirst || i === firstSignificant,
        significant + (word.connector ? 0 : 1),
      );
      if (rest !== null) return [{ word: i, length }, ...rest];
    }
    const skipped = search(i + 1, p, usedFirst, significant);
    if (skipped !== null) return skipped;
    failed.add(key);
    return null;
  };
  return search(0, 0, false, 0);
}

/** longest, longest-1, …, 1 */
function range(longest: number): number[] {
  return Array.from({ length: longest }, (_, k) => longest - k);
}
