import { GSM_COST, isGsmChar } from './gsm-alphabet.js';
import type { Replacement } from './types.js';

/**
 * Characters that look like a GSM-7 character (or like nothing) but force UCS-2. Word processors and
 * phones insert them silently: curly quotes, dashes, the ellipsis, no-break and typographic spaces.
 */
const GROUPS: ReadonlyArray<readonly [string, string]> = [
  ["'", '\u2018\u2019\u201a\u201b\u2032\u2035\u02b9\u02bb\u02bc\u02bd\u02c8\u00b4\u0060\u2039\u203a'],
  ['"', '\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e'],
  ['-', '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\u2022'],
  ['...', '\u2026'],
  [' ', '\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000'],
  ['\n', '\u2028\u2029'],
  // Invisible: soft hyphen, zero-width space, word joiner, byte-order mark.
  ['', '\u00ad\u200b\u2060\ufeff'],
  ['^', '\u02c6'],
  ['~', '\u02dc\u223c'],
  ['/', '\u2044\u2215'],
  ['x', '\u00d7'],
  ['!!', '\u203c'],
  // Symbols and Greek capitals drawn like GSM characters (GSM has Δ Ω and the Greek capitals that
  // differ from Latin; the ones that look Latin are written with Latin letters).
  ['Δ', '\u2206'],
  ['Ω', '\u2126'],
  ['A', 'Α'],
  ['B', 'Β'],
  ['E', 'Ε'],
  ['Z', 'Ζ'],
  ['H', 'Η'],
  ['I', 'Ι'],
  ['K', 'Κ'],
  ['M', 'Μ'],
  ['N', 'Ν'],
  ['O', 'Ο'],
  ['P', 'Ρ'],
  ['T', 'Τ'],
  ['Y', 'Υ'],
  ['X', 'Χ'],
];

const TABLE = new Map<number, string>();
for (const [to, froms] of GROUPS) {
  for (const from of froms) TABLE.set(from.charCodeAt(0), to);
}

const isCombining = (unit: number) => unit >= 0x0300 && unit <= 0x036f;

/** GSM replacement for one non-GSM code unit, or undefined when it has none. */
function replaceUnit(unit: number, char: string): string | undefined {
  const listed = TABLE.get(unit);
  if (listed !== undefined) return listed;
  if (isCombining(unit)) return '';
  // Fullwidth forms U+FF01–U+FF5E are ASCII shifted by 0xFEE0.
  if (unit >= 0xff01 && unit <= 0xff5e && GSM_COST[unit - 0xfee0] !== 0) return String.fromCharCode(unit - 0xfee0);
  // A Latin letter with diacritics GSM lacks (á, ş, ā…) becomes its base letter.
  if ((unit >= 0x00c0 && unit <= 0x024f) || (unit >= 0x1e00 && unit <= 0x1eff)) {
    const decomposed = char.normalize('NFD');
    const base = decomposed.charCodeAt(0);
    const isAsciiLetter = (base | 0x20) >= 0x61 && (base | 0x20) <= 0x7a;
    if (decomposed.length > 1 && isAsciiLetter && allCombining(decomposed, 1)) return decomposed.charAt(0);
  }
  return undefined;
}

function allCombining(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) if (!isCombining(text.charCodeAt(i))) return false;
  return true;
}

/** A base character followed by combining marks: its composed GSM form (e + ◌́ → é), or the bare base. */
function replaceCluster(cluster: string): string | undefined {
  const composed = cluster.normalize('NFC');
  if (isGsmChar(composed)) return composed;
  const base = cluster.charCodeAt(0);
  if (GSM_COST[base] !== 0) return cluster.charAt(0);
  return replaceUnit(base, cluster.charAt(0));
}

/**
 * Replaces look-alike characters by GSM-7 ones ("smart encoding"), so a Latin text pasted from a word
 * processor stays at 160 characters per part. Each replacement is listed with its code-unit index in
 * the input so the portal can show it before sending.
 */
export function replaceLookalikes(text: string): { text: string; replacements: Replacement[] } {
  const replacements: Replacement[] = [];
  const n = text.length;
  let out = '';
  let copied = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    const marked = i + 1 < n && isCombining(text.charCodeAt(i + 1));
    if (GSM_COST[unit] !== 0 && !marked) continue;
    let end = i + 1;
    while (marked && end < n && isCombining(text.charCodeAt(end))) end++;
    const from = text.slice(i, end);
    const to = end - i > 1 ? replaceCluster(from) : replaceUnit(unit, from);
    if (to !== undefined) {
      replacements.push({ index: i, from, to });
      out += text.slice(copied, i) + to;
      copied = end;
    }
    i = end - 1;
  }
  return { text: copied === 0 ? text : out + text.slice(copied), replacements };
}
