import { describe, expect, it } from 'vitest';
import { detectEncoding, gsmSeptets, surrogatePairs, ucs2Forcers } from './detect.js';
import { InvalidTextError } from './errors.js';

describe('detectEncoding', () => {
  it('picks GSM-7 for the default alphabet and the extension table', () => {
    expect(detectEncoding('Hello, world! @£$¥ èéùìò')).toBe('gsm7');
    expect(detectEncoding('{[~]}|^\\€\f')).toBe('gsm7');
    expect(detectEncoding('')).toBe('gsm7');
  });

  it('picks UCS-2 for Mkhedruli, Mtavruli, emoji and other non-GSM characters', () => {
    expect(detectEncoding('Hello ა')).toBe('ucs2');
    expect(detectEncoding('ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ')).toBe('ucs2');
    expect(detectEncoding('ok 😀')).toBe('ucs2');
    expect(detectEncoding('it’s')).toBe('ucs2');
  });

  it('rejects a lone surrogate with its index', () => {
    const error = (() => {
      try {
        detectEncoding('ab\ud83dc');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidTextError);
    expect((error as InvalidTextError).code).toBe('encoding/invalid_text');
    expect((error as InvalidTextError).index).toBe(2);
  });

  it('rejects a lone low surrogate and a high surrogate at the end', () => {
    expect(() => detectEncoding('\ude00abc')).toThrowError(expect.objectContaining({ index: 0 }));
    expect(() => detectEncoding('abc\ud83d')).toThrowError(expect.objectContaining({ index: 3 }));
  });
});

describe('counting helpers', () => {
  it('counts septets with extension characters as two', () => {
    expect(gsmSeptets('a€b')).toBe(4);
    expect(gsmSeptets('aა')).toBe(-1);
  });

  it('counts surrogate pairs', () => {
    expect(surrogatePairs('😀a😀')).toBe(2);
    expect(surrogatePairs('abc')).toBe(0);
  });

  it('lists UCS-2 forcers with code-unit indices, keeping surrogate pairs whole', () => {
    expect(ucs2Forcers('a😀bა’')).toEqual([
      { char: '😀', index: 1 },
      { char: 'ა', index: 4 },
      { char: '’', index: 5 },
    ]);
  });
});
