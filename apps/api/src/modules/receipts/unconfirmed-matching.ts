/**
 * Pairs receipts whose id the platform never learned with parts accepted under an unconfirmed id. Pure:
 * the reconciler loads both sides and applies the pairs. A receipt and a placeholder pair when they are
 * on the same channel, about the same handset, the receipt came in the placeholder's time window, and the
 * receipt's text excerpt (when it has one) fits the message's text. Oldest receipt first, each to the
 * oldest fitting placeholder: two unconfirmed messages to one number in one window get one receipt each.
 */

export interface LooseReceipt {
  id: number;
  channelId: string;
  handset: string | null;
  textExcerpt: string | null;
  receivedAt: Date;
}

export interface Placeholder {
  channelId: string;
  channelMessageId: string;
  messageId: string;
  part: number;
  to: string;
  text: string;
  /** When the accept under the placeholder was stored (the message went in transit). */
  acceptedAt: Date;
  /** How long after the accept a receipt may still come (the channel's unconfirmed window). */
  windowMs: number;
  /** The message is already flagged as of unknown outcome. */
  flagged?: boolean;
}

/**
 * A receipt may come before the accept was stored: the submit went out before the answer timed out or
 * the link dropped (the response timeout, 10 s by default), and the accept commits after that.
 */
export const LOOKBACK_MS = 5 * 60_000;

export function digitsOf(number: string): string {
  return number.replace(/\D/g, '');
}

/** Same handset, whether written in international form or nationally (at least 8 digits in common). */
export function sameHandset(a: string, b: string): boolean {
  const x = digitsOf(a);
  const y = digitsOf(b);
  if (x === y) return x.length > 0;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 8 && long.endsWith(short);
}

/**
 * Whether a receipt's excerpt can be the start of `text`. Operators replace what they cannot write in
 * their character set (`?`), trim, and cut at 20 characters or so; a short or mostly-replaced excerpt
 * says too little to rule anything out.
 */
export function excerptFits(excerpt: string | null, text: string): boolean {
  const e = (excerpt ?? '').trim();
  if (e.replace(/\?/g, '').length < 3) return true;
  const chars = [...e];
  const textChars = [...text];
  return chars.every((c, i) => c === '?' || c === textChars[i]);
}

export function pairUnconfirmed(
  receipts: LooseReceipt[],
  placeholders: Placeholder[],
): { receipt: LooseReceipt; placeholder: Placeholder }[] {
  const free = [...placeholders].sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime());
  const taken = new Set<Placeholder>();
  const pairs: { receipt: LooseReceipt; placeholder: Placeholder }[] = [];
  for (const receipt of [...receipts].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
    const handset = receipt.handset;
    if (!handset) continue;
    const at = receipt.receivedAt.getTime();
    const match = free.find(
      (p) =>
        !taken.has(p) &&
        p.channelId === receipt.channelId &&
        at >= p.acceptedAt.getTime() - LOOKBACK_MS &&
        at <= p.acceptedAt.getTime() + p.windowMs &&
        sameHandset(handset, p.to) &&
        // A later part's excerpt is the start of that part, not of the text.
        (p.part > 0 || excerptFits(receipt.textExcerpt, p.text)),
    );
    if (!match) continue;
    taken.add(match);
    pairs.push({ receipt, placeholder: match });
  }
  return pairs;
}
