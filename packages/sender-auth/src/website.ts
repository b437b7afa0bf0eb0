/** What of a web address can name an organization. */
export interface SiteName {
  /** The host as shown to people, without scheme, "www." or path: "tdc.ge". */
  host: string;
  /** The registrable label, lower case: "tdc" for "https://www.tdc.com.ge/contact". */
  label: string;
  /** The public suffix after it: "ge", "com.ge"; "" when the address has none. */
  suffix: string;
  /** Where the label came from: the domain, or the page name of a social-network address. */
  kind: 'domain' | 'social_page';
}

/**
 * Second-level suffixes under which the registrable label is one further left (`tdc.com.ge` → `tdc`).
 * The Georgian ones are those the .ge registry opens for registration; the rest are common abroad.
 */
const SECOND_LEVEL = new Set([
  'com.ge',
  'org.ge',
  'net.ge',
  'edu.ge',
  'gov.ge',
  'mil.ge',
  'pvt.ge',
  'school.ge',
  'co.uk',
  'org.uk',
  'com.tr',
  'com.ua',
  'com.ru',
  'co.il',
  'com.au',
  'com.am',
  'com.az',
]);

/**
 * Many Georgian businesses give a Facebook or Instagram page as their web site; there the page name, not
 * "facebook", is what names them.
 */
const SOCIAL_HOSTS = new Set(['facebook.com', 'fb.com', 'instagram.com']);

/** The naming part of a web address, or null when there is none to read (empty, an IP address). */
export function siteName(website: string | null | undefined): SiteName | null {
  const raw = (website ?? '').trim().toLowerCase();
  if (raw === '') return null;
  const withoutScheme = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const [authority = '', ...pathParts] = withoutScheme.split(/[/?#]/);
  const host = authority.replace(/^.*@/, '').replace(/:\d*$/, '').replace(/\.$/, '');
  if (host === '' || /^[\d.]+$/.test(host) || host.includes(':')) return null;
  const labels = host.split('.').filter((l) => l.length > 0);
  while (labels.length > 2 && /^(www\d*|m)$/.test(labels[0] ?? '')) labels.shift();
  if (labels.length === 2 && /^(www\d*|m)$/.test(labels[0] ?? '')) labels.shift();
  const shown = labels.join('.');
  if (SOCIAL_HOSTS.has(shown)) {
    const page = pathParts.find((p) => /^@?[a-z0-9._-]+$/.test(p) && !/^(pages|pg|people|profile\.php)$/.test(p));
    if (page === undefined) return null;
    return { host: `${shown}/${page}`, label: page.replace(/^@/, ''), suffix: '', kind: 'social_page' };
  }
  const lastTwo = labels.slice(-2).join('.');
  const suffixLength = labels.length > 2 && SECOND_LEVEL.has(lastTwo) ? 2 : labels.length > 1 ? 1 : 0;
  const label = labels[labels.length - 1 - suffixLength];
  if (label === undefined) return null;
  return { host: shown, label, suffix: labels.slice(labels.length - suffixLength).join('.'), kind: 'domain' };
}
