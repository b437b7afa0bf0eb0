import { describe, expect, it } from 'vitest';
import {
  excerptFits,
  type LooseReceipt,
  type Placeholder,
  pairUnconfirmed,
  sameHandset,
} from './unconfirmed-matching.js';

const T = Date.UTC(2026, 10, 22, 8, 0, 0);
const receipt = (id: number, handset: string | null, atS: number, textExcerpt: string | null = null): LooseReceipt => ({
  id,
  channelId: 'c1',
  handset,
  textExcerpt,
  receivedAt: new Date(T + atS * 1000),
});
const placeholder = (
  messageId: string,
  to: string,
  acceptedS: number,
  text = 'Hello there',
  part = 0,
): Placeholder => ({
  channelId: 'c1',
  channelMessageId: `unconfirmed:${messageId}:${part + 1}`,
  messageId,
  part,
  to,
  text,
  acceptedAt: new Date(T + acceptedS * 1000),
  windowMs: 60_000,
});

describe('pairing receipts with unconfirmed parts', () => {
  it('compares handsets by digits, international or national', () => {
    expect(sameHandset('+995599123456', '995599123456')).toBe(true);
    expect(sameHandset('599123456', '+995599123456')).toBe(true);
    expect(sameHandset('+995599123456', '+995599123457')).toBe(false);
    expect(sameHandset('3456', '+995599123456')).toBe(false); // too short to say
    expect(sameHandset('', '')).toBe(false);
  });

  it('lets an excerpt with replaced characters fit, and rules out one that differs', () => {
    expect(excerptFits('Your code ?? 4711', 'Your code is 4711, valid 5 min')).toBe(true);
    expect(excerptFits('????? ?????', 'გამარჯობა')).toBe(true); // says nothing
    expect(excerptFits(null, 'anything')).toBe(true);
    expect(excerptFits('Your code is 9999', 'Your code is 4711')).toBe(false);
  });

  it('pairs the oldest receipt with the oldest fitting placeholder, once each, within the window', () => {
    const to = '+995599000001';
    const pairs = pairUnconfirmed(
      [receipt(2, to, 5), receipt(1, to, 3), receipt(3, to, 200), receipt(4, '+995599000002', 4)],
      [placeholder('b', to, 2), placeholder('a', to, 1), placeholder('c', '+995599000003', 1)],
    );
    expect(pairs.map((p) => [p.receipt.id, p.placeholder.messageId])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('uses the excerpt to tell apart two messages to one number, but not for later parts', () => {
    const to = '+995599000001';
    const pairs = pairUnconfirmed(
      [receipt(1, to, 3, 'Second message'), receipt(2, to, 4, 'tail of a long one')],
      [placeholder('first', to, 1, 'First message'), placeholder('second', to, 2, 'Second message')],
    );
    expect(pairs.map((p) => [p.receipt.id, p.placeholder.messageId])).toEqual([[1, 'second']]);
    const later = pairUnconfirmed([receipt(2, to, 4, 'tail of a long one')], [placeholder('long', to, 1, 'Start', 1)]);
    expect(later.map((p) => p.placeholder.messageId)).toEqual(['long']);
  });
});
