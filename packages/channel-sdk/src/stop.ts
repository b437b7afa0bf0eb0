/**
 * Opt-out keywords. Latin: the set carriers honour by default (Twilio: STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT, REVOKE, OPTOUT; reference/peers.md). Georgian: სტოპ (the loan word smsoffice
 * itself uses for its stop list, reference/georgia.md §1.4), its Latin-Georgian spelling "stopi",
 * შეწყვეტა / შეწყვიტე ("cease" / "stop it"), გაჩერება / გააჩერე ("halt"), გამოწერის გაუქმება
 * ("cancel subscription") and its shorter forms. Georgian law requires opt-out "in the same form in
 * which the direct marketing is carried out" (georgia.md §5.2), so every form a subscriber is likely to
 * type should work. Bare "no"/"არა" is left out: it answers questions far more often than it opts out.
 */
const KEYWORDS = new Set([
  'stop',
  'stopall',
  'stop all',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'revoke',
  'optout',
  'opt out',
  'opt-out',
  'stopi',
  'სტოპ',
  'სტოპი',
  'შეწყვეტა',
  'შეწყვიტე',
  'გაჩერება',
  'გააჩერე',
  'გამოწერის გაუქმება',
  'გაუქმება',
  'გამოწერის შეწყვეტა',
]);

/** Keywords that keep their meaning with a word after them ("STOP Mtredi"); "cancel order" does not opt out. */
const LEADING = new Set(['stop', 'stopall', 'unsubscribe', 'optout', 'opt out', 'stopi', 'სტოპ', 'სტოპი', 'შეწყვიტე']);

/** Mtavruli capitals (U+1C90–U+1CBF) fold to Mkhedruli (U+10D0–U+10FF): upper-case Georgian is the same word. */
function foldGeorgian(text: string): string {
  return text.replace(/[\u1c90-\u1cbf]/g, (c) => String.fromCharCode((c.charCodeAt(0) as number) - 0x1c90 + 0x10d0));
}

/**
 * True when an inbound text asks to stop messages: the whole text is an opt-out keyword, in any case,
 * with surrounding spaces and punctuation ignored; a stop keyword followed by one more word (a sender
 * name or the code a provider asked for, "STOP Mtredi") counts too.
 */
export function isStopRequest(text: string): boolean {
  const normal = foldGeorgian(text)
    .toLowerCase()
    .replace(/[\s.,!?;:"'«»()[\]]+/g, ' ')
    .trim();
  if (normal === '') return false;
  if (KEYWORDS.has(normal)) return true;
  const words = normal.split(' ');
  if (words.length === 2 && LEADING.has(words[0] as string)) return true;
  return words.length === 3 && LEADING.has(`${words[0]} ${words[1]}`);
}
