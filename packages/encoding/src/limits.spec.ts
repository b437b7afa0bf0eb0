import { describe, expect, it } from 'vitest';
import { InvalidTextError, TextTooLongError } from './errors.js';
import { checkLimits } from './limits.js';

const DIRECT = { gsm7: 1000, ucs2: 1000 };
const RESERVE = { gsm7: 480, ucs2: 320 };

function tooLong(text: string, limits: { gsm7: number; ucs2: number }): TextTooLongError {
  const result = checkLimits(text, limits);
  if (result.ok) throw new Error('expected the text to be too long');
  return result.error;
}

describe('checkLimits', () => {
  it('accepts texts up to the limit of their encoding', () => {
    expect(checkLimits('a'.repeat(480), RESERVE)).toEqual({ ok: true });
    expect(checkLimits('ა'.repeat(320), RESERVE)).toEqual({ ok: true });
    expect(checkLimits('a'.repeat(1000), DIRECT)).toEqual({ ok: true });
    expect(checkLimits('', RESERVE)).toEqual({ ok: true });
  });

  it('rejects Latin over 480 on the reserve channel, naming limit, encoding and position', () => {
    const error = tooLong('a'.repeat(481), RESERVE);
    expect(error).toBeInstanceOf(TextTooLongError);
    expect(error.code).toBe('encoding/text_too_long');
    expect(error).toMatchObject({ limit: 480, encoding: 'gsm7', position: 480, characters: 481 });
  });

  it('applies the UCS-2 limit as soon as one Georgian letter is in the text', () => {
    const text = `${'a'.repeat(400)}ა`;
    expect(tooLong(text, RESERVE)).toMatchObject({ limit: 320, encoding: 'ucs2', position: 320, characters: 401 });
  });

  it('counts an emoji as one character and reports the code-unit position', () => {
    expect(checkLimits('😀'.repeat(320), RESERVE)).toEqual({ ok: true });
    const error = tooLong(`${'😀'.repeat(320)}x`, RESERVE);
    expect(error).toMatchObject({ position: 640, characters: 321 });
  });

  it('counts an extension character as one character', () => {
    expect(checkLimits('€'.repeat(480), RESERVE)).toEqual({ ok: true });
  });

  it('rejects a lone surrogate', () => {
    expect(() => checkLimits('a\ud800', RESERVE)).toThrow(InvalidTextError);
  });
});
