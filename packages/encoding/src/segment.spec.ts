import { describe, expect, it } from 'vitest';
import { countParts } from './measure.js';
import { CONCAT_CAPACITY, partEnds, SINGLE_CAPACITY } from './segment.js';

const a = (n: number) => 'a'.repeat(n);
const ka = (n: number) => 'ა'.repeat(n);

describe('capacities', () => {
  it('are 160/153/152 septets and 70/67/66 UCS-2 units', () => {
    expect(SINGLE_CAPACITY).toEqual({ gsm7: 160, ucs2: 70 });
    expect(CONCAT_CAPACITY['8bit']).toEqual({ gsm7: 153, ucs2: 67 });
    expect(CONCAT_CAPACITY['16bit']).toEqual({ gsm7: 152, ucs2: 66 });
  });
});

describe('countParts', () => {
  it('is 0 for empty text', () => {
    expect(countParts('')).toBe(0);
  });

  it('fits 160 GSM characters in one part and needs two for 161', () => {
    expect(countParts(a(160))).toBe(1);
    expect(countParts(a(161))).toBe(2);
    expect(countParts(a(306))).toBe(2);
    expect(countParts(a(307))).toBe(3);
  });

  it('fits 70 Georgian characters in one part and needs two for 71', () => {
    expect(countParts(ka(70))).toBe(1);
    expect(countParts(ka(71))).toBe(2);
    expect(countParts(ka(134))).toBe(2);
    expect(countParts(ka(135))).toBe(3);
  });

  it('counts Mtavruli like Mkhedruli', () => {
    expect(countParts('Ა'.repeat(70))).toBe(1);
    expect(countParts('Ა'.repeat(71))).toBe(2);
  });

  it('uses 152 / 66 per part with 16-bit references, single parts unchanged', () => {
    const sixteen = { concatReference: '16bit' } as const;
    expect(countParts(a(160), sixteen)).toBe(1);
    expect(countParts(a(304), sixteen)).toBe(2);
    expect(countParts(a(305), sixteen)).toBe(3);
    expect(countParts(ka(70), sixteen)).toBe(1);
    expect(countParts(ka(132), sixteen)).toBe(2);
    expect(countParts(ka(133), sixteen)).toBe(3);
  });

  it('counts each extension character as two septets', () => {
    expect(countParts('€'.repeat(80))).toBe(1);
    expect(countParts('€'.repeat(81))).toBe(2);
    expect(countParts(`${a(158)}€`)).toBe(1);
    expect(countParts(`${a(159)}€`)).toBe(2);
  });

  it('needs three parts for 153 extension characters, since 76 fit per part', () => {
    // 306 septets would be two parts by arithmetic; escapes cannot straddle, so 76 + 76 + 1.
    expect(countParts('€'.repeat(152))).toBe(2);
    expect(countParts('€'.repeat(153))).toBe(3);
  });

  it('moves an escape sequence that would straddle a boundary to the next part', () => {
    expect(countParts(`${a(152)}€${'b'.repeat(151)}`)).toBe(2);
    expect(countParts(`${a(152)}€${'b'.repeat(152)}`)).toBe(3);
  });

  it('moves an emoji that would straddle a boundary to the next part', () => {
    expect(countParts(`${a(65)}😀${'b'.repeat(67)}`)).toBe(2);
    expect(countParts(`${a(66)}😀${'b'.repeat(66)}`)).toBe(3);
  });

  it('counts emoji outside the BMP as two units', () => {
    expect(countParts('😀'.repeat(35))).toBe(1);
    expect(countParts('😀'.repeat(36))).toBe(2);
  });
});

describe('partEnds', () => {
  it('ends a part before an escape sequence that does not fit', () => {
    const text = `${a(152)}€${'b'.repeat(10)}`;
    expect(partEnds(text, 'gsm7', 164, '8bit')).toEqual([152, text.length]);
  });

  it('ends a part before a surrogate pair that does not fit', () => {
    const text = `${a(66)}😀${'b'.repeat(66)}`;
    expect(partEnds(text, 'ucs2', text.length, '8bit')).toEqual([66, 133, 134]);
  });

  it('fills a part exactly when the escape sequence fits', () => {
    const text = `${a(151)}€${'b'.repeat(10)}`;
    expect(partEnds(text, 'gsm7', 163, '8bit')).toEqual([152, text.length]);
  });
});
