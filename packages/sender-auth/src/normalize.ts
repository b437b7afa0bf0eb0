import { transliterate } from '@mtredi/encoding';

/**
 * Georgian company names are read in two Latin spellings: the 2002 national romanization (what the brief
 * and official documents use: ც → ts, ქ → k) and the informal SMS spelling (ც → c, ქ → q) that many
 * businesses pick for their brand. Matching tries both, national first.
 */
export const SCHEMES = ['national', 'latin_georgian'] as const;
export type Scheme = (typeof SCHEMES)[number];

const APOSTROPHES = /['’ʼ‘`´]/g;

/** Georgian transliterated, accents dropped (é → e), apostrophes removed, lower case. Keeps separators. */
export function latinize(text: string, scheme: Scheme): string {
  return transliterate(text, scheme).normalize('NFKD').replace(/\p{M}/gu, '').replace(APOSTROPHES, '').toLowerCase();
}

/** Only a–z and 0–9: how names are compared ("TBC-Bank" and "tbc bank" are the same). */
export function compact(text: string, scheme: Scheme = 'national'): string {
  return latinize(text, scheme).replace(/[^a-z0-9]/g, '');
}

/** Words of a text in Latin; with `camel`, "MagtiCom" and "TBCBank" also split into "magti com", "tbc bank". */
export function words(text: string, scheme: Scheme, camel: boolean): string[] {
  const source = camel
    ? text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    : text;
  return latinize(source, scheme)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * Spelling-insensitive key for Latin-Georgian words: the informal spellings of one Georgian letter fold to
 * one letter (ყ: y/q/k, ღ: gh/g, ხ: kh/x, ფ: f/ph/p, ც/წ: ts/c/w, ჩ/ჭ: ch/c, შ: sh/s, ჟ: zh/j, ძ: dz/z),
 * so "Kuradgeba", "Yuradgeba" and "Quradgheba" are one word. Both sides of a comparison are folded, which
 * is why the occasional English collision this causes ("buy" → "buk") is harmless.
 */
export function foldSpelling(text: string): string {
  return compact(text, 'latin_georgian')
    .replace(/ts|ch|w/g, 'c')
    .replace(/sh/g, 's')
    .replace(/zh/g, 'j')
    .replace(/dz/g, 'z')
    .replace(/gh/g, 'g')
    .replace(/kh|x|q|y/g, 'k')
    .replace(/ph|f/g, 'p');
}

/** True when the text has a Georgian letter (Mkhedruli, Mtavruli or the older scripts). */
export function hasGeorgianLetters(text: string): boolean {
  return /[\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]/u.test(text);
}
