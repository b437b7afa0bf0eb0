import { describe, expect, it } from 'vitest';
import { detectEncoding } from './detect.js';
import { replaceLookalikes } from './lookalikes.js';

describe('replaceLookalikes', () => {
  it('replaces curly quotes, dashes and the ellipsis, listing each with its index', () => {
    const result = replaceLookalikes('“Sale” – it’s on…');
    expect(result.text).toBe('"Sale" - it\'s on...');
    expect(result.replacements).toEqual([
      { index: 0, from: '“', to: '"' },
      { index: 5, from: '”', to: '"' },
      { index: 7, from: '–', to: '-' },
      { index: 11, from: '’', to: "'" },
      { index: 16, from: '…', to: '...' },
    ]);
    expect(detectEncoding(result.text)).toBe('gsm7');
  });

  it('replaces no-break, typographic and ideographic spaces and the tab by a space', () => {
    const spaces = '\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000\t';
    expect(replaceLookalikes(`a${spaces}b`).text).toBe(`a${' '.repeat(spaces.length)}b`);
  });

  it('removes invisible characters', () => {
    const result = replaceLookalikes('a\u200bb\u00adc\ufeff');
    expect(result.text).toBe('abc');
    expect(result.replacements.map((r) => r.to)).toEqual(['', '', '']);
  });

  it('maps Georgian-style low-high quotes and guillemets to straight quotes', () => {
    expect(replaceLookalikes('„ტექსტი“ «x» ‹y›').text).toBe('"ტექსტი" "x" \'y\'');
  });

  it('maps fullwidth ASCII, and leaves fullwidth forms of non-GSM characters alone', () => {
    expect(replaceLookalikes('ＳＭＳ！１２３').text).toBe('SMS!123');
    expect(replaceLookalikes('｀').text).toBe('｀');
  });

  it('strips accents GSM lacks but keeps those it has, composing e + combining acute into é', () => {
    expect(replaceLookalikes('más Ação').text).toBe('mas Acao');
    expect(replaceLookalikes('café').text).toBe('café');
    const combined = replaceLookalikes('cafe\u0301 x\u0301');
    expect(combined.text).toBe('café x');
    expect(combined.replacements).toEqual([
      { index: 3, from: 'e\u0301', to: 'é' },
      { index: 6, from: 'x\u0301', to: 'x' },
    ]);
  });

  it('writes Greek capitals that look Latin with Latin letters, so Greek capitals fit GSM', () => {
    const result = replaceLookalikes('ΚΑΛΗΜΕΡΑ');
    expect(result.text).toBe('KAΛHMEPA');
    expect(detectEncoding(result.text)).toBe('gsm7');
  });

  it('leaves Georgian, Cyrillic and emoji alone: they have no GSM look-alike', () => {
    const text = 'გამარჯობა привет 😀';
    expect(replaceLookalikes(text)).toEqual({ text, replacements: [] });
  });

  it('returns the same text and no replacements when nothing applies', () => {
    expect(replaceLookalikes('plain GSM text {€}')).toEqual({ text: 'plain GSM text {€}', replacements: [] });
  });
});
