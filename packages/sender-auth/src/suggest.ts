import { readings } from './company.js';
import { initials, partsText } from './decompose.js';
import { DEFAULT_GENERIC_NAMES, isGenericName } from './generic.js';
import { matchOrganization, type OrganizationIdentity } from './match.js';
import { compact } from './normalize.js';
import { checkSenderName } from './rules.js';
import { siteName } from './website.js';

/**
 * Names the organization could ask for, best first: each passes the character rules, is not generic and
 * matches. For the request form, so a customer whose first try was refused sees what would work.
 */
export function suggestSenderNames(
  org: OrganizationIdentity,
  genericNames: readonly string[] = DEFAULT_GENERIC_NAMES,
  limit = 5,
): string[] {
  const candidates: string[] = [];
  const reading = readings(org.companyName)[0];
  const significant = reading?.words.filter((w) => !w.connector).map((w) => w.text) ?? [];
  const [first, second] = significant;
  if (reading) {
    candidates.push(significant.map(title).join(''));
    if (significant.length >= 2) {
      candidates.push(partsText(initials(reading, false), reading).toUpperCase());
      candidates.push(partsText(initials(reading, true), reading).toUpperCase());
    }
  }
  const site = siteName(org.website);
  if (site) {
    const label = compact(site.label);
    candidates.push(label.length <= 4 ? label.toUpperCase() : title(label));
    if (site.kind === 'domain' && site.suffix !== '') candidates.push(`${label}.${site.suffix}`);
  }
  if (first) {
    candidates.push(title(first));
    if (second) candidates.push(title(first) + title(second), capitalize(first.slice(0, 2)) + title(second));
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of candidates) {
    const key = compact(name);
    if (seen.has(key) || checkSenderName(name).length > 0 || isGenericName(name, genericNames)) continue;
    if (!matchOrganization(name, org).matches) continue;
    seen.add(key);
    out.push(name);
    if (out.length >= limit) break;
  }
  return out;
}

/** Short words read as initials ("tdc" → "TDC"), others capitalized. */
function title(word: string): string {
  return word.length <= 3 && /^[a-z]+$/.test(word) ? word.toUpperCase() : capitalize(word);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
