import { describe, expect, it } from 'vitest';
import { BASIC_CHARS, ESC, EXTENSION_CHARS, GSM_COST, GSM_SEPTET, isGsmChar } from './gsm-alphabet.js';

const cost = (char: string) => GSM_COST[char.charCodeAt(0)];
const septet = (char: string) => GSM_SEPTET[char.charCodeAt(0)];

describe('GSM 03.38 tables', () => {
  it('has 128 default-alphabet positions with ESC at 0x1B', () => {
    expect(BASIC_CHARS).toHaveLength(128);
    expect(BASIC_CHARS[ESC]).toBe('\u001b');
    expect(cost('\u001b')).toBe(0);
  });

  it('places the characters where TS 23.038 §6.2.1 puts them', () => {
    expect(septet('@')).toBe(0x00);
    expect(septet('£')).toBe(0x01);
    expect(septet('$')).toBe(0x02);
    expect(septet('\n')).toBe(0x0a);
    expect(septet('\r')).toBe(0x0d);
    expect(septet('Δ')).toBe(0x10);
    expect(septet('_')).toBe(0x11);
    expect(septet('É')).toBe(0x1f);
    expect(septet('¤')).toBe(0x24);
    expect(septet('¡')).toBe(0x40);
    expect(septet('§')).toBe(0x5f);
    expect(septet('¿')).toBe(0x60);
    expect(septet('à')).toBe(0x7f);
  });

  it('costs one septet per default-alphabet character', () => {
    const distinct = new Set(BASIC_CHARS.filter((_, i) => i !== ESC));
    expect(distinct.size).toBe(127);
    for (const char of distinct) expect(cost(char), char).toBe(1);
  });

  it('costs two septets per extension character, form feed included', () => {
    const extension = ['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€'];
    for (const char of extension) expect(cost(char), char).toBe(2);
    expect(EXTENSION_CHARS.filter((c) => c !== undefined).sort()).toEqual([...extension].sort());
    expect(septet('€')).toBe(0x65);
    expect(septet('|')).toBe(0x40);
    expect(septet('\f')).toBe(0x0a);
  });

  it('leaves out characters GSM lacks: lower-case ç, backtick, tab, Georgian, Cyrillic, curly quotes', () => {
    for (const char of ['ç', '`', '\t', 'ა', 'Ა', 'ж', '’', '“', '\u00a0']) expect(cost(char), char).toBe(0);
    expect(cost('Ç')).toBe(1);
  });

  it('tells whether a whole string is representable', () => {
    expect(isGsmChar('a€')).toBe(true);
    expect(isGsmChar('aა')).toBe(false);
    expect(isGsmChar('')).toBe(false);
  });
});
