import { hasGeorgianLetters, SCHEMES, type Scheme, words } from './normalize.js';

/** One word of a name as it is compared: Latin, lower case, letters and digits only. */
export interface Word {
  text: string;
  /** "of", "and", "da" (და)…: may be left out of initials and abbreviations. */
  connector: boolean;
}

/** A company name (or a web site's label) read in Latin one way; matching tries every reading. */
export interface Reading {
  words: Word[];
  scheme: Scheme;
  /** The words joined by spaces, shown in explanations when the original was Georgian. */
  latin: string;
  /** Index of the first word that is not a connector, -1 when there is none. */
  firstSignificant: number;
}

/**
 * Legal forms name the kind of company, not the company: LLC and its kin in several languages, and the
 * Georgian შპს (LLC), სს (JSC), სპს / კს (partnerships), ააიპ (non-commercial legal entity) as the
 * national romanization spells them. ი/მ (individual entrepreneur) is two letters and is removed before
 * splitting into words.
 */
const LEGAL_FORMS = new Set([
  'ltd',
  'llc',
  'inc',
  'co',
  'corp',
  'corporation',
  'company',
  'limited',
  'plc',
  'llp',
  'lp',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'gmbh',
  'ag',
  'sa',
  'srl',
  'sarl',
  'bv',
  'nv',
  'spa',
  'pte',
  'pty',
  'shps',
  'ss',
  'sps',
  'ks',
  'aaip',
  'aip',
  'ngo',
]);

const CONNECTORS = new Set(['of', 'and', 'the', 'for', 'da', 'y', 'et', 'und', 'de']);

const INDIVIDUAL_ENTREPRENEUR = /(^|[\s"'«»„“(])(ი|i)\s*[./]\s*(მ|m)\.?(?=$|[\s"'«»„”)])/giu;

/** Words that are left out of, or optional in, a company name's readings. */
export function isLegalFormOrConnector(word: string): boolean {
  return LEGAL_FORMS.has(word) || CONNECTORS.has(word);
}

/** At most this many words are used: names longer than that are descriptions, not names. */
const MAX_WORDS = 24;

/** Every distinct reading of a name: national and informal spelling, with and without camel-case splits. */
export function readings(name: string): Reading[] {
  const cleaned = name.replace(INDIVIDUAL_ENTREPRENEUR, '$1 ');
  const schemes: readonly Scheme[] = hasGeorgianLetters(cleaned) ? SCHEMES : ['national'];
  const out: Reading[] = [];
  const seen = new Set<string>();
  for (const scheme of schemes) {
    for (const camel of [false, true]) {
      const reading = read(cleaned, scheme, camel);
      const key = reading.words.map((w) => w.text).join(' ');
      if (reading.words.length === 0 || seen.has(key)) continue;
      seen.add(key);
      out.push(reading);
    }
  }
  return out;
}

function read(name: string, scheme: Scheme, camel: boolean): Reading {
  const all = words(name, scheme, camel).slice(0, MAX_WORDS);
  const kept = all.filter((w) => !LEGAL_FORMS.has(w));
  // A company called just "AG" keeps its name.
  const list = kept.some((w) => !CONNECTORS.has(w)) ? kept : all;
  const result = list.map((text) => ({ text, connector: CONNECTORS.has(text) }));
  return {
    words: result,
    scheme,
    latin: list.join(' '),
    firstSignificant: result.findIndex((w) => !w.connector),
  };
}
