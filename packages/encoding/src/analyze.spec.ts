import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { InvalidTextError } from './errors.js';

const a = (n: number) => 'a'.repeat(n);
const ka = (n: number) => 'ა'.repeat(n);

describe('analyze: counting', () => {
  it('describes an empty text as zero parts with a whole part free', () => {
    expect(analyze('')).toEqual({
      text: '',
      encoding: 'gsm7',
      characters: 0,
      units: 0,
      parts: 0,
      unitsPerPart: 160,
      unitsLeftInLastPart: 160,
      ucs2Forcers: [],
      cost: 0,
      replacements: [],
      savings: {},
    });
  });

  it('fits 160 GSM characters in one part; 161 take two parts of 153', () => {
    expect(analyze(a(160))).toMatchObject({ encoding: 'gsm7', units: 160, parts: 1, unitsPerPart: 160 });
    expect(analyze(a(160)).unitsLeftInLastPart).toBe(0);
    expect(analyze(a(161))).toMatchObject({ parts: 2, unitsPerPart: 153, unitsLeftInLastPart: 145 });
  });

  it('fits 70 Georgian characters in one part; 71 take two parts of 67', () => {
    expect(analyze(ka(70))).toMatchObject({ encoding: 'ucs2', units: 70, parts: 1, unitsLeftInLastPart: 0 });
    expect(analyze(ka(71))).toMatchObject({ parts: 2, unitsPerPart: 67, unitsLeftInLastPart: 63 });
  });

  it('uses 152 / 66 per part with 16-bit references', () => {
    expect(analyze(a(161), { concatReference: '16bit' })).toMatchObject({ parts: 2, unitsPerPart: 152 });
    expect(analyze(ka(71), { concatReference: '16bit' })).toMatchObject({ parts: 2, unitsPerPart: 66 });
  });

  it('counts extension characters as two septets but one character', () => {
    expect(analyze('{€}')).toMatchObject({ characters: 3, units: 6, unitsLeftInLastPart: 154 });
  });

  it('reports units lost to an escape moved past a boundary', () => {
    // 152 + (2 + 10): the euro opens part two, leaving one septet of part one empty.
    expect(analyze(`${a(152)}€${a(10)}`)).toMatchObject({ units: 164, parts: 2, unitsLeftInLastPart: 141 });
    expect(analyze('€'.repeat(153))).toMatchObject({ units: 306, parts: 3, unitsLeftInLastPart: 151 });
  });

  it('counts an emoji as one character and two units', () => {
    expect(analyze('hi 😀')).toMatchObject({ encoding: 'ucs2', characters: 4, units: 5, parts: 1 });
  });

  it('charges parts × creditsPerPart', () => {
    expect(analyze(ka(71), { creditsPerPart: 3 }).cost).toBe(6);
    expect(analyze(a(10)).cost).toBe(1);
  });

  it('rejects a lone surrogate with a typed error', () => {
    expect(() => analyze('ok \ud83d')).toThrow(InvalidTextError);
  });
});

describe('analyze: what forced UCS-2', () => {
  it('lists each non-GSM character with its code-unit index', () => {
    expect(analyze('Price: 5₾ — ok 😀').ucs2Forcers).toEqual([
      { char: '₾', index: 8 },
      { char: '—', index: 10 },
      { char: '😀', index: 15 },
    ]);
  });

  it('lists none for GSM-7 text', () => {
    expect(analyze('All GSM {here}').ucs2Forcers).toEqual([]);
  });
});

describe('analyze: options and savings', () => {
  const georgian = 'გამარჯობა! „ფასდაკლება“ 30% ყველაფერზე, მხოლოდ ამ კვირაში. დეტალები: mtredi.ge';

  it('shows what transliteration and look-alike replacement would save', () => {
    const result = analyze(georgian);
    expect(result).toMatchObject({ encoding: 'ucs2', parts: 2 });
    expect(result.savings.transliteration?.text).toBe(
      "gamarjoba! „pasdak'leba“ 30% q'velaperze, mkholod am k'virashi. det'alebi: mtredi.ge",
    );
    expect(result.savings.transliteration?.parts).toBe(2);
    expect(result.savings.lookalikes).toMatchObject({ parts: 2 });
    expect(result.savings.combined).toEqual({
      parts: 1,
      text: "gamarjoba! \"pasdak'leba\" 30% q'velaperze, mkholod am k'virashi. det'alebi: mtredi.ge",
    });
  });

  it('applies the chosen transliteration and look-alike replacement before counting', () => {
    const result = analyze(georgian, { transliterate: 'national_apostrophe', replaceLookalikes: true });
    expect(result).toMatchObject({ encoding: 'gsm7', parts: 1, savings: {} });
    expect(result.text).toBe("gamarjoba! \"pasdak'leba\" 30% q'velaperze, mkholod am k'virashi. det'alebi: mtredi.ge");
    expect(result.replacements).toEqual([
      { index: 11, from: '„', to: '"' },
      { index: 22, from: '“', to: '"' },
    ]);
  });

  it('suggests the scheme asked for', () => {
    expect(analyze('წყალი', { suggestedScheme: 'latin_georgian' }).savings.transliteration).toEqual({
      parts: 1,
      text: 'wyali',
    });
  });

  it('offers only look-alike savings for Latin text with curly quotes', () => {
    const result = analyze('It’s “on”');
    expect(result.savings).toEqual({ lookalikes: { parts: 1, text: 'It\'s "on"' } });
    expect(analyze('It’s “on”', { replaceLookalikes: true })).toMatchObject({ encoding: 'gsm7', savings: {} });
  });

  it('offers nothing when no transform changes the text', () => {
    expect(analyze('привет 😀').savings).toEqual({});
  });

  it('shows the cost drop from transliterating a long Georgian text', () => {
    const text = 'ძალიან კარგი ამინდია დღეს. '.repeat(12);
    const result = analyze(text);
    const saving = result.savings.transliteration;
    expect(result.parts).toBe(5);
    expect(saving?.parts).toBe(3);
    expect(analyze(saving?.text ?? '').encoding).toBe('gsm7');
  });
});
