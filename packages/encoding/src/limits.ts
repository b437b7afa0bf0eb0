import { detectEncoding } from './detect.js';
import { TextTooLongError } from './errors.js';
import type { TextEncoding } from './types.js';

export type LimitCheck = { ok: true } | { ok: false; error: TextTooLongError };

/**
 * Checks a text against a channel's maximum length per encoding (the direct channel: 1000 both; the
 * reserve one: Georgian 320 / Latin 480). Characters are code points, as the customer counts them; the
 * error names the limit and the index where the text goes over.
 * @throws InvalidTextError when the text holds a lone surrogate.
 */
export function checkLimits(text: string, limits: Readonly<Record<TextEncoding, number>>): LimitCheck {
  const encoding = detectEncoding(text);
  const limit = limits[encoding];
  // Fast exit: a text of at most `limit` code units has at most `limit` code points.
  if (text.length <= limit) return { ok: true };
  let characters = 0;
  let position = -1;
  for (let i = 0; i < text.length; i++) {
    if (characters === limit) position = i;
    characters++;
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) i++;
  }
  if (characters <= limit) return { ok: true };
  return { ok: false, error: new TextTooLongError({ limit, encoding, position, characters }) };
}
