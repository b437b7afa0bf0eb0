import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERIC_NAMES, genericNameKey, isGenericName } from './generic.js';

const generic = (name: string) => isGenericName(name, DEFAULT_GENERIC_NAMES);

describe('generic names', () => {
  it('the default list holds the words of the May 2020 notice and of aggregators', () => {
    for (const word of ['Fasdakleba', 'Kuradgeba', 'Info', 'SMS', 'Sale', 'Notice']) {
      expect(DEFAULT_GENERIC_NAMES).toContain(word);
    }
  });

  it('refuses a listed word ignoring case, spaces and punctuation', () => {
    for (const name of ['Fasdakleba', 'FASDAKLEBA', 'info', 'I.N.F.O', 'S M S', 'Sale-', 'kuradgeba']) {
      expect(generic(name), name).toBe(true);
    }
  });

  it('refuses the other Latin spellings of a Georgian word, and the word in Georgian script', () => {
    for (const name of [
      'Yuradgeba',
      'Quradgheba',
      'Kuradgheba',
      'Pasdakleba',
      'ფასდაკლება',
      'ყურადღება',
      'Akcia',
      'Aktsia',
    ]) {
      expect(generic(name), name).toBe(true);
    }
  });

  it('refuses a name glued together from listed words', () => {
    for (const name of ['SMSInfo', 'Info SMS', 'SaleInfo', 'InfoSaleSMS']) expect(generic(name), name).toBe(true);
  });

  it('keeps names that only contain a listed word beside a real one', () => {
    for (const name of ['TDC', 'InfoTDC', 'TDCSale', 'Infoline', 'Smsoffice', 'TbDental', 'Salen']) {
      expect(generic(name), name).toBe(false);
    }
  });

  it('uses the list it is given: staff can add and remove words', () => {
    expect(isGenericName('Dental', ['Dental'])).toBe(true);
    expect(isGenericName('Info', [])).toBe(false);
    expect(isGenericName('Info', ['Sale'])).toBe(false);
  });

  it('short entries match only whole names, never as pieces of a compound', () => {
    expect(isGenericName('Go', ['Go', 'Shop'])).toBe(true);
    expect(isGenericName('GoShop', ['Go', 'Shop'])).toBe(false);
    expect(isGenericName('', ['Info'])).toBe(false);
    expect(isGenericName('...', ['Info', '.'])).toBe(false);
  });

  it('the key folds spellings of one Georgian letter together', () => {
    expect(genericNameKey('Quradgheba')).toBe(genericNameKey('yuradgeba'));
    expect(genericNameKey('Siakhle')).toBe(genericNameKey('Siaxle'));
    expect(genericNameKey('Sachuqari')).toBe(genericNameKey('Sachukari'));
    expect(genericNameKey('Gilotsavt')).toBe(genericNameKey('Gilocavt'));
    expect(genericNameKey('Info')).not.toBe(genericNameKey('Into'));
  });
});
