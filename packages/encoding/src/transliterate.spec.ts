import { describe, expect, it } from 'vitest';
import { detectEncoding } from './detect.js';
import { hasGeorgian, transliterate } from './transliterate.js';

const ALPHABET = 'აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ';
const mtavruli = (text: string) => Array.from(text, (c) => String.fromCharCode(c.charCodeAt(0) + 0x0bc0)).join('');

describe('transliterate: national 2002', () => {
  it('maps every letter per the national table, ejectives with an ASCII apostrophe', () => {
    const latin = Array.from(ALPHABET, (c) => transliterate(c, 'national_apostrophe'));
    expect(latin.join(' ')).toBe("a b g d e v z t i k' l m n o p' zh r s t' u p k gh q' sh ch ts dz ts' ch' kh j h");
  });

  it('drops the apostrophes in the plain variant', () => {
    const latin = Array.from(ALPHABET, (c) => transliterate(c, 'national'));
    expect(latin.join(' ')).toBe('a b g d e v z t i k l m n o p zh r s t u p k gh q sh ch ts dz ts ch kh j h');
  });

  it('reproduces the interscript examples, with ASCII apostrophes', () => {
    const cases: [string, string][] = [
      ['თბილისი', 'tbilisi'],
      ['მეღვინეთუხუცესი', 'meghvinetukhutsesi'],
      ['ჭიანჭველა', "ch'ianch'vela"],
      ['ბაყაყი', "baq'aq'i"],
      ['ჩხალთის ქედი', 'chkhaltis kedi'],
      ['აბჟააფთრა', 'abzhaaptra'],
      ['ამბროლაურის მუნიციპალიტეტი', "ambrolauris munitsip'alit'et'i"],
    ];
    for (const [georgian, latin] of cases) expect(transliterate(georgian, 'national_apostrophe')).toBe(latin);
  });

  it('produces GSM-7 text: the apostrophe is U+0027, not U+2019', () => {
    const out = transliterate('კარგი ტექსტი', 'national_apostrophe');
    expect(out).toBe("k'argi t'ekst'i");
    expect(detectEncoding(out)).toBe('gsm7');
  });
});

describe('transliterate: Latin Georgian', () => {
  it('uses the single letters phones type and digraphs for the shifted letters', () => {
    const latin = Array.from(ALPHABET, (c) => transliterate(c, 'latin_georgian'));
    expect(latin.join(' ')).toBe('a b g d e v z t i k l m n o p zh r s t u f q gh y sh ch c dz w ch x j h');
    expect(transliterate('გამარჯობა, როგორ ხარ? წყალი', 'latin_georgian')).toBe('gamarjoba, rogor xar? wyali');
  });
});

describe('transliterate: Mtavruli and other text', () => {
  it('maps Mtavruli exactly like Mkhedruli in every scheme', () => {
    for (const scheme of ['national', 'national_apostrophe', 'latin_georgian'] as const) {
      expect(transliterate(mtavruli(ALPHABET), scheme)).toBe(transliterate(ALPHABET, scheme));
    }
    expect(transliterate('ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ', 'national')).toBe('sakartvelo');
  });

  it('never upper-cases: the output of a Mkhedruli text has no capitals', () => {
    expect(transliterate('საქართველო', 'national')).toBe('sakartvelo');
    expect(/[A-Z]/.test(transliterate(ALPHABET + mtavruli(ALPHABET), 'latin_georgian'))).toBe(false);
  });

  it('keeps Latin, digits, punctuation, emoji and archaic letters as they are', () => {
    expect(transliterate('SALE 30%! ფასდაკლება 😀 ჱ', 'national')).toBe('SALE 30%! pasdakleba 😀 ჱ');
    expect(transliterate('plain', 'national')).toBe('plain');
    expect(transliterate('', 'latin_georgian')).toBe('');
  });

  it('tells whether a text has modern Georgian letters', () => {
    expect(hasGeorgian('abc ა')).toBe(true);
    expect(hasGeorgian('abc Ა')).toBe(true);
    expect(hasGeorgian('abc ჱ')).toBe(false);
  });
});
