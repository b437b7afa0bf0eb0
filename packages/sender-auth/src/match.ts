import { type Reading, readings } from './company.js';
import { abbreviation, initials, type Part, partsText, wholeWordRun } from './decompose.js';
import { compact, hasGeorgianLetters } from './normalize.js';
import { type SiteName, siteName } from './website.js';

/** What the platform knows of the customer: the registered company name and, if given, its web site. */
export interface OrganizationIdentity {
  companyName: string;
  website?: string | null;
}

export type MatchBasis = 'company_name' | 'website' | 'acronym' | 'abbreviation';

/** The verdict with a sentence staff and customers can read; `explanation` is at most 300 characters. */
export interface MatchResult {
  matches: boolean;
  basis: MatchBasis | null;
  explanation: string;
}

export const MAX_EXPLANATION_LENGTH = 300;

/**
 * Does the sender name identify the organization? Accepted, in this order: the company name or its
 * leading words (company_name); the initials of the company name (acronym); the web site's name,
 * address, start or words (website); starts of the company name's words in order (abbreviation). Case, spaces, punctuation,
 * legal forms (Ltd, LLC, შპს…) and accents are ignored; Georgian is read in the national romanization
 * and in the informal SMS spelling.
 */
export function matchOrganization(name: string, org: OrganizationIdentity): MatchResult {
  const company = readings(org.companyName);
  const site = siteName(org.website);
  const siteReadings = site ? readings(site.label) : [];
  const shown = { name: quote(name), company: companyShown(org.companyName, company) };
  const hit = (basis: MatchBasis, explanation: string): MatchResult => ({
    matches: true,
    basis,
    explanation: cap(explanation),
  });

  for (const r of company) {
    const run = wholeWordRun(compact(name, r.scheme), r);
    if (!run) continue;
    const used = new Set(run.map((p) => p.word));
    const all = r.words.every((w, index) => w.connector || used.has(index));
    return hit(
      'company_name',
      all
        ? `${shown.name} is the company name ${shown.company}`
        : `${shown.name} is ${plural(run.length, 'the word', 'the words')} "${spaced(run, r)}" of the company name ${shown.company}`,
    );
  }
  for (const r of company) {
    const n = compact(name, r.scheme);
    for (const parts of [initials(r, false), initials(r, true)]) {
      if (parts.length >= 2 && partsText(parts, r) === n) {
        return hit(
          'acronym',
          `${shown.name} is the initials of the company name ${shown.company} (${dotted(parts, r)})`,
        );
      }
    }
  }
  if (site) {
    for (const r of siteReadings) {
      const explanation = websiteMatch(compact(name, r.scheme), r, site, shown.name);
      if (explanation) return hit('website', explanation);
    }
  }
  for (const r of company) {
    const parts = abbreviation(compact(name, r.scheme), r);
    if (parts) {
      return hit(
        'abbreviation',
        `${shown.name} is made of the starts of the words of the company name ${shown.company}: ${pieces(parts, r)}`,
      );
    }
  }
  return { matches: false, basis: null, explanation: cap(noMatch(name, shown, company, site, siteReadings)) };
}

function websiteMatch(n: string, r: Reading, site: SiteName, name: string): string | null {
  const label = r.words.map((w) => w.text).join('');
  const what = site.kind === 'social_page' ? 'page name' : "web site's name";
  const where = `(${site.host})`;
  if (n === label) return `${name} is the ${what} "${label}" ${where}`;
  if (site.suffix !== '' && n === label + compact(site.suffix)) return `${name} is the web site address ${site.host}`;
  if (n.length >= 3 && label.startsWith(n) && n.length * 2 >= label.length) {
    return `${name} is the start of the ${what} "${label}" ${where}`;
  }
  if (r.words.length < 2) return null;
  const run = wholeWordRun(n, r);
  if (run) return `${name} is "${spaced(run, r)}" of the ${what} ${where}`;
  const letters = initials(r, true);
  if (partsText(letters, r) === n) return `${name} is the initials of the ${what} ${where} (${dotted(letters, r)})`;
  const parts = abbreviation(n, r);
  if (parts) return `${name} is made of the starts of the words of the ${what} ${where}: ${pieces(parts, r)}`;
  return null;
}

function noMatch(
  name: string,
  shown: { name: string; company: string },
  company: Reading[],
  site: SiteName | null,
  siteReadings: Reading[],
): string {
  if (compact(name) === '') return `${shown.name} has no letters or digits to compare with the organization`;
  const against = site
    ? `${shown.company} or the ${site.kind === 'social_page' ? 'page' : 'web site'} ${site.host}`
    : shown.company;
  const forms = ['the company name or its first words'];
  const first = company[0];
  const significant = first?.words.filter((w) => !w.connector) ?? [];
  if (first && significant.length >= 2) {
    forms.push(`its initials (${partsText(initials(first, false), first).toUpperCase()})`);
    const [a, b] = significant;
    if (a && b) forms.push(`starts of its words in order (e.g. ${title(a.text.slice(0, 2))}${title(b.text)})`);
  }
  const label = siteReadings[0]?.words.map((w) => w.text).join('');
  if (label) forms.push(`the web site's name (${label})`);
  return `${shown.name} does not match ${against}. A sender name must be ${forms.join(', ')}`;
}

function companyShown(companyName: string, company: Reading[]): string {
  const original = quote(companyName.trim());
  const latin = company[0]?.latin;
  return hasGeorgianLetters(companyName) && latin ? `${original} (in Latin: ${quote(latin)})` : original;
}

function spaced(parts: Part[], r: Reading): string {
  return parts.map((p) => r.words[p.word]?.text ?? '').join(' ');
}

/** "T·D·C" */
function dotted(parts: Part[], r: Reading): string {
  return parts.map((p) => r.words[p.word]?.text.slice(0, p.length).toUpperCase() ?? '').join('·');
}

/** "tb(ilisi) + dental" */
function pieces(parts: Part[], r: Reading): string {
  return parts
    .map((p) => {
      const word = r.words[p.word]?.text ?? '';
      return p.length === word.length ? word : `${word.slice(0, p.length)}(${word.slice(p.length)})`;
    })
    .join(' + ');
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function title(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Quoted, and shortened so that explanations stay readable and storable. */
function quote(text: string): string {
  const chars = Array.from(text);
  return `"${chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : text}"`;
}

function cap(text: string): string {
  const chars = Array.from(text);
  return chars.length > MAX_EXPLANATION_LENGTH ? `${chars.slice(0, MAX_EXPLANATION_LENGTH - 1).join('')}…` : text;
}
