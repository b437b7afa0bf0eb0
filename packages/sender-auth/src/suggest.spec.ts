import { describe, expect, it } from 'vitest';
import { suggestSenderNames } from './suggest.js';

describe('suggested sender names', () => {
  it('offers the initials, the web site, the first words and an abbreviation, best first', () => {
    expect(suggestSenderNames({ companyName: 'Tbilisi Dental Clinic LLC', website: 'https://www.tdc.ge/' })).toEqual([
      'TDC',
      'tdc.ge',
      'Tbilisi',
      'TbDental',
    ]);
  });

  it('reads a Georgian company name in Latin', () => {
    expect(suggestSenderNames({ companyName: 'შპს "თბილისის სტომატოლოგიური კლინიკა"' })).toEqual(['TSK', 'Tbilisis']);
  });

  it('leaves out generic words, too long names and duplicates, and honours the limit', () => {
    // "InfoSale" and "Info" are generic, "IS" too short; only the abbreviation is left
    expect(suggestSenderNames({ companyName: 'Info Sale' })).toEqual(['InSale']);
    expect(suggestSenderNames({ companyName: 'Bank of Georgia', website: 'bankofgeorgia.ge' })).toEqual([
      'BankGeorgia',
      'BOG',
      'BaGeorgia',
    ]);
    expect(suggestSenderNames({ companyName: 'Tbilisi Dental Clinic', website: 'tdc.ge' }, [], 2)).toEqual([
      'TDC',
      'tdc.ge',
    ]);
  });
});
