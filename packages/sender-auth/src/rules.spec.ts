import { describe, expect, it } from 'vitest';
import { InvalidSenderNameError } from './errors.js';
import { assertSenderName, checkSenderName, type NameRule } from './rules.js';

const rules = (name: string): NameRule[] => checkSenderName(name).map((v) => v.rule);

describe('sender-name rules', () => {
  it('accepts Latin letters, digits, inner single spaces, "." and "-" from 3 to 11 characters', () => {
    for (const name of ['TDC', 'TbDental', 'Studio21', 'tdc.ge', 'Bank-Geo', 'My Shop 24', 'ABCDEFGHIJK', '3DPrint']) {
      expect(checkSenderName(name), name).toEqual([]);
    }
  });

  it('length: refuses fewer than 3 and more than 11 characters, saying how many there are', () => {
    expect(checkSenderName('AB')).toEqual([
      { rule: 'length', message: 'The sender name has 2 characters; it must have at least 3' },
    ]);
    expect(checkSenderName('ABCDEFGHIJKL')).toEqual([
      { rule: 'length', message: 'The sender name has 12 characters; it must have at most 11' },
    ]);
    expect(rules('')).toEqual(['length']);
    expect(checkSenderName('A')[0]?.message).toBe('The sender name has 1 character; it must have at least 3');
  });

  it('length counts characters, not UTF-16 units: an emoji is one character', () => {
    const [length] = checkSenderName('AB😀').filter((v) => v.rule === 'length');
    expect(length).toBeUndefined();
    expect(checkSenderName('AB😀').find((v) => v.rule === 'character')).toMatchObject({ position: 3, char: '😀' });
  });

  it('character: names each refused character with its 1-based position', () => {
    expect(checkSenderName('TDC&Co')).toEqual([
      {
        rule: 'character',
        position: 4,
        char: '&',
        message: 'Character 4 "&" is not allowed; use Latin letters A–Z, digits 0–9, single spaces, "." and "-"',
      },
    ]);
    const violations = checkSenderName('A#B/C_D');
    expect(violations.map((v) => [v.position, v.char])).toEqual([
      [2, '#'],
      [4, '/'],
      [6, '_'],
    ]);
  });

  it('character: refuses the marks the market forbids and those GSM maps differently from ASCII', () => {
    for (const char of ['“', '”', '‘', '’', '&', '^', '#', '/', '~', '|', '\\', '@', '$', '_', '!', "'", ',']) {
      expect(rules(`AB${char}CD`), char).toEqual(['character']);
    }
  });

  it('character: a Georgian letter is explained, with its national romanization', () => {
    const [first] = checkSenderName('თბს');
    expect(first).toEqual({
      rule: 'character',
      position: 1,
      char: 'თ',
      message: 'Character 1 "თ" is a Georgian letter; sender names are written in Latin letters (in Latin: "t")',
    });
    expect(checkSenderName('ᲗᲓᲙ')[2]?.message).toContain('(in Latin: "k")');
    // no other rule piles up on a name whose characters are all wrong
    expect(rules('თბს')).toEqual(['character', 'character', 'character']);
  });

  it('character: accented letters are told their plain form; special spaces and controls are named', () => {
    expect(checkSenderName('Café')[0]?.message).toBe('Character 4 "é" is not a plain Latin letter or digit; write "e"');
    expect(checkSenderName('AB\u00a0CD')[0]?.message).toBe(
      'Character 3 is a special space (U+00A0); use an ordinary space',
    );
    expect(checkSenderName('AB\tCD')[0]?.message).toContain('tab or line break');
    expect(checkSenderName('AB\u200bCD')[0]?.message).toBe(
      'Character 3 is an invisible control character (U+200B); remove it',
    );
  });

  it('edge_space: no space at the start or the end, with the position', () => {
    expect(checkSenderName(' TDC')).toEqual([
      { rule: 'edge_space', position: 1, char: ' ', message: 'The sender name must not begin with a space' },
    ]);
    expect(checkSenderName('TDC ')).toEqual([
      { rule: 'edge_space', position: 4, char: ' ', message: 'The sender name must not end with a space' },
    ]);
    expect(rules(' TD ')).toEqual(['edge_space', 'edge_space']);
  });

  it('double_space: two spaces in a row, pointing at the second', () => {
    expect(checkSenderName('My  Shop')).toEqual([
      {
        rule: 'double_space',
        position: 4,
        char: ' ',
        message: 'Character 4 is a second space in a row; use one space between words',
      },
    ]);
  });

  it('edge_punctuation: the name begins and ends with a letter or digit', () => {
    expect(checkSenderName('-TDC')).toEqual([
      {
        rule: 'edge_punctuation',
        position: 1,
        char: '-',
        message: 'The sender name must begin with a letter or digit, not "-"',
      },
    ]);
    expect(checkSenderName('TDC.')[0]).toMatchObject({ rule: 'edge_punctuation', position: 4, char: '.' });
    expect(rules('T.D.C')).toEqual([]);
  });

  it('digits_only: a name of digits reads as a phone number', () => {
    expect(checkSenderName('12345')).toEqual([
      {
        rule: 'digits_only',
        message: 'A sender name of digits only reads as a phone number; it must contain a Latin letter',
      },
    ]);
    expect(rules('12 345')).toEqual(['digits_only']);
  });

  it('no_letter: punctuation alone is no name', () => {
    expect(rules('. -')).toEqual(['edge_punctuation', 'edge_punctuation', 'no_letter']);
  });

  it('reports every broken rule at once, in reading order', () => {
    expect(checkSenderName(' My  Shop&Co Georgia').map((v) => [v.rule, v.position])).toEqual([
      ['length', undefined],
      ['edge_space', 1],
      ['double_space', 5],
      ['character', 10],
    ]);
  });

  it('assertSenderName throws an error with a stable code and the violations', () => {
    expect(() => assertSenderName('TDC')).not.toThrow();
    try {
      assertSenderName('T&');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSenderNameError);
      const e = error as InvalidSenderNameError;
      expect(e.code).toBe('senders/invalid_name');
      expect(e.violations.map((v) => v.rule)).toEqual(['length', 'character']);
    }
  });
});
