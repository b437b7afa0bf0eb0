import { analyze } from '@mtredi/encoding';
import { describe, expect, it } from 'vitest';
import { analyzeWith, groupReplacements, previewSegments, suggestion } from './textPreview.js';

const OFF = { transliterate: false, scheme: 'national', replaceLookalikes: false } as const;

describe('previewSegments', () => {
  it('marks the one curly quote that forces UCS-2 in Latin text, with what it would become', () => {
    const text = 'Sale “today” only';
    const segments = previewSegments(text, analyze(text).ucs2Forcers);
    expect(segments).toEqual([
      { text: 'Sale ', kind: 'plain' },
      { text: '“', kind: 'lookalike', replacement: '"' },
      { text: 'today', kind: 'plain' },
      { text: '”', kind: 'lookalike', replacement: '"' },
      { text: ' only', kind: 'plain' },
    ]);
  });

  it('keeps Georgian words together as letters and an emoji whole, as a symbol', () => {
    const text = 'გამარჯობა 12 😀!';
    const segments = previewSegments(text, analyze(text).ucs2Forcers);
    expect(segments).toEqual([
      { text: 'გამარჯობა', kind: 'letter' },
      { text: ' 12 ', kind: 'plain' },
      { text: '😀', kind: 'symbol' },
      { text: '!', kind: 'plain' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('gives one plain run for GSM text', () => {
    expect(previewSegments('Hello {world}', [])).toEqual([{ text: 'Hello {world}', kind: 'plain' }]);
  });
});

describe('suggestion', () => {
  it('suggests transliteration when it lowers the part count', () => {
    const text = 'გამარჯობა '.repeat(10);
    const analysis = analyzeWith(text, OFF);
    expect(analysis?.parts).toBe(2);
    expect(suggestion(analysis)).toEqual({ kind: 'transliterate', parts: 1 });
    expect(suggestion(analyzeWith(text, { ...OFF, transliterate: true }))).toBeNull();
  });

  it('says nothing when an option would not save a part', () => {
    expect(suggestion(analyzeWith('გამარჯობა', OFF))).toBeNull();
    expect(suggestion(analyzeWith('plain GSM text', OFF))).toBeNull();
  });

  it('suggests both options only when neither saves a part alone', () => {
    const text = 'გამარჯობა “Hi” — '.repeat(6);
    expect(suggestion(analyzeWith(text, OFF))).toEqual({ kind: 'both', parts: 1 });
    // With one on, the other is what is left to suggest.
    expect(suggestion(analyzeWith(text, { ...OFF, replaceLookalikes: true }))).toEqual({
      kind: 'transliterate',
      parts: 1,
    });
  });

  it('suggests look-alike replacement for Latin text with typographic punctuation', () => {
    const text = `${'Our “best” offer — '.repeat(4)}ends today`;
    const analysis = analyzeWith(text, OFF);
    expect(analysis?.encoding).toBe('ucs2');
    expect(suggestion(analysis)).toEqual({ kind: 'lookalikes', parts: 1 });
  });
});

describe('analyzeWith', () => {
  it('transliterates with the chosen scheme and answers null for a lone surrogate', () => {
    expect(analyzeWith('შეტყობინება', { ...OFF, transliterate: true, scheme: 'latin_georgian' })?.text).toBe(
      'shetyobineba',
    );
    expect(analyzeWith('შეტყობინება', { ...OFF, transliterate: true, scheme: 'national_apostrophe' })?.text).toBe(
      "shet'q'obineba",
    );
    expect(analyzeWith('a\uD800b', OFF)).toBeNull();
  });
});

describe('groupReplacements', () => {
  it('counts each distinct replacement', () => {
    const analysis = analyze('“a” “b” — c', { replaceLookalikes: true });
    expect(groupReplacements(analysis.replacements)).toEqual([
      { from: '“', to: '"', count: 2 },
      { from: '”', to: '"', count: 2 },
      { from: '—', to: '-', count: 1 },
    ]);
  });
});
