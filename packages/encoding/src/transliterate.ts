import type { TransliterationScheme } from './types.js';

/**
 * Georgian to Latin. The 33 modern letters ა (U+10D0) … ჰ (U+10F0) in alphabet order; Mtavruli capitals
 * (U+1C90 … U+1CB0, Mkhedruli + 0x0BC0) map the same way, since Georgian has no letter case to keep and
 * upper-casing Latin output would not say the same thing. Archaic letters and other characters pass
 * through unchanged.
 *
 * national: the 2002 national romanization (State Department of Geodesy and Cartography of Georgia and
 * the Institute of Linguistics; BGN/PCGN since 2009), with ejectives marked by an ASCII apostrophe in
 * `national_apostrophe` (U+2019 would force UCS-2) and unmarked in `national`.
 * latin_georgian: the informal spelling of Georgian SMS and chat — one Latin letter where the Georgian
 * keyboard gives one (ქ q, წ w, ყ y, ხ x, ფ f, ც c) and digraphs for the shifted letters
 * (შ sh, ჩ/ჭ ch, ღ gh, ჟ zh, ძ dz). Lower case only: the case-sensitive keyboard forms (T, W, R, S, J,
 * Z, C) read as shouting to most recipients.
 */
/** Latin for each of the 33 letters, in alphabet order (ა ბ გ დ ე ვ ზ თ ი კ ლ მ ნ ო პ ჟ რ ს ტ უ ფ ქ ღ ყ შ ჩ ც ძ წ ჭ ხ ჯ ჰ). */
const NATIONAL_APOSTROPHE = "a b g d e v z t i k' l m n o p' zh r s t' u p k gh q' sh ch ts dz ts' ch' kh j h".split(
  ' ',
);
const NATIONAL = NATIONAL_APOSTROPHE.map((latin) => latin.replace("'", ''));
const LATIN_GEORGIAN = 'a b g d e v z t i k l m n o p zh r s t u f q gh y sh ch c dz w ch x j h'.split(' ');

const TABLES: Readonly<Record<TransliterationScheme, readonly string[]>> = {
  national: NATIONAL,
  national_apostrophe: NATIONAL_APOSTROPHE,
  latin_georgian: LATIN_GEORGIAN,
};

const MKHEDRULI_AN = 0x10d0;
const MTAVRULI_AN = 0x1c90;
const LETTERS = 33;

/** Alphabet position (0–32) of a modern Georgian letter in either case, or -1. */
export function georgianLetter(unit: number): number {
  if (unit >= MKHEDRULI_AN && unit < MKHEDRULI_AN + LETTERS) return unit - MKHEDRULI_AN;
  if (unit >= MTAVRULI_AN && unit < MTAVRULI_AN + LETTERS) return unit - MTAVRULI_AN;
  return -1;
}

/** True when the text has at least one modern Georgian letter (Mkhedruli or Mtavruli). */
export function hasGeorgian(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (georgianLetter(text.charCodeAt(i)) >= 0) return true;
  }
  return false;
}

/** Georgian letters replaced by Latin per `scheme`; everything else is kept as it is. */
export function transliterate(text: string, scheme: TransliterationScheme): string {
  const table = TABLES[scheme];
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const letter = georgianLetter(text.charCodeAt(i));
    if (letter < 0) continue;
    out += text.slice(copied, i) + table[letter];
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
