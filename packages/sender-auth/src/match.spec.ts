import { describe, expect, it } from 'vitest';
import { MAX_EXPLANATION_LENGTH, matchOrganization, type OrganizationIdentity } from './match.js';

const TDC: OrganizationIdentity = { companyName: 'Tbilisi Dental Clinic', website: 'tdc.ge' };
const basis = (name: string, org: OrganizationIdentity) => matchOrganization(name, org).basis;

describe('matching a sender name to the organization', () => {
  describe('the brief\'s example: "Tbilisi Dental Clinic", tdc.ge', () => {
    it('"TDC" is the initials of the company name', () => {
      expect(matchOrganization('TDC', TDC)).toEqual({
        matches: true,
        basis: 'acronym',
        explanation: '"TDC" is the initials of the company name "Tbilisi Dental Clinic" (T·D·C)',
      });
    });

    it('"TbDental" is made of starts of its words', () => {
      expect(matchOrganization('TbDental', TDC)).toEqual({
        matches: true,
        basis: 'abbreviation',
        explanation:
          '"TbDental" is made of the starts of the words of the company name "Tbilisi Dental Clinic": tb(ilisi) + dental',
      });
    });

    it('"Fasdakleba" does not match, and the explanation says what would', () => {
      expect(matchOrganization('Fasdakleba', TDC)).toEqual({
        matches: false,
        basis: null,
        explanation:
          '"Fasdakleba" does not match "Tbilisi Dental Clinic" or the web site tdc.ge. A sender name must be the company ' +
          'name or its first words, its initials (TDC), starts of its words in order (e.g. TbDental), ' +
          "the web site's name (tdc)",
      });
    });

    it('"tdc.ge" is the web site address', () => {
      expect(matchOrganization('tdc.ge', TDC)).toMatchObject({
        basis: 'website',
        explanation: '"tdc.ge" is the web site address tdc.ge',
      });
    });
  });

  describe('company_name', () => {
    it('is the whole name, ignoring case, spaces, punctuation and legal forms', () => {
      for (const name of ['TbilisiDentalClinic', 'TBILISI DENTAL CLINIC', 'tbilisi-dental.clinic']) {
        expect(matchOrganization(name, { companyName: 'Tbilisi Dental Clinic LLC' })).toMatchObject({
          matches: true,
          basis: 'company_name',
          explanation: `"${name}" is the company name "Tbilisi Dental Clinic LLC"`,
        });
      }
      expect(basis('Silknet', { companyName: 'Silknet JSC' })).toBe('company_name');
      expect(basis('Nikora', { companyName: 'შპს ნიკორა' })).toBe('company_name');
      expect(basis('Nikora', { companyName: 'Nikora, Ltd.' })).toBe('company_name');
    });

    it('is the first word, or two or more words in a row', () => {
      expect(matchOrganization('Tbilisi', TDC).explanation).toBe(
        '"Tbilisi" is the word "tbilisi" of the company name "Tbilisi Dental Clinic"',
      );
      expect(matchOrganization('DentalClin', { companyName: 'Tbilisi Dental Clin' }).explanation).toBe(
        '"DentalClin" is the words "dental clin" of the company name "Tbilisi Dental Clin"',
      );
    });

    it('a lone inner or last word names nobody', () => {
      expect(matchOrganization('Clinic', TDC).matches).toBe(false);
      expect(matchOrganization('Dental', { companyName: 'Tbilisi Dental Clinic' }).matches).toBe(false);
    });

    it('connectors such as "of" may be left out', () => {
      expect(matchOrganization('BankGeorgia', { companyName: 'Bank of Georgia' })).toMatchObject({
        basis: 'company_name',
        explanation: '"BankGeorgia" is the company name "Bank of Georgia"',
      });
      expect(basis('BankOfGeorgia', { companyName: 'JSC Bank of Georgia' })).toBe('company_name');
    });

    it('splits camel case: "Magti" is the first word of "MagtiCom"', () => {
      expect(basis('Magti', { companyName: 'MagtiCom Ltd' })).toBe('company_name');
      expect(basis('TBC', { companyName: 'TBCBank' })).toBe('company_name');
    });

    it('keeps a legal form when it is the whole name', () => {
      expect(basis('AG', { companyName: 'AG' })).toBe('company_name');
    });
  });

  describe('Georgian company names', () => {
    const clinic: OrganizationIdentity = { companyName: 'შპს "თბილისის სტომატოლოგიური კლინიკა"' };

    it('are read in the national romanization, შპს dropped, and the Latin reading is shown', () => {
      expect(matchOrganization('TSK', clinic)).toEqual({
        matches: true,
        basis: 'acronym',
        explanation:
          '"TSK" is the initials of the company name "შპს "თბილისის სტომატოლოგიური კლინიკა"" ' +
          '(in Latin: "tbilisis stomatologiuri klinika") (T·S·K)',
      });
      expect(basis('TbStom', clinic)).toBe('abbreviation');
      expect(basis('Tbilisis', clinic)).toBe('company_name');
    });

    it('also in the informal spelling businesses use for brands (ც → c, ქ → q)', () => {
      expect(basis('Centri', { companyName: 'ცენტრი' })).toBe('company_name');
      expect(basis('Tsentri', { companyName: 'ცენტრი' })).toBe('company_name');
      expect(basis('Qalaqi', { companyName: 'ქალაქი' })).toBe('company_name');
    });

    it('drops ი/მ (individual entrepreneur) and Mtavruli reads like Mkhedruli', () => {
      expect(basis('Beridze', { companyName: 'ი/მ ბერიძე' })).toBe('company_name');
      expect(basis('Beridze', { companyName: 'ᲑᲔᲠᲘᲫᲔ' })).toBe('company_name');
    });
  });

  describe('website', () => {
    it('is the domain label without the TLD, or the whole address', () => {
      const org = { companyName: 'Acme Holdings', website: 'https://www.tdc.com.ge/' };
      expect(matchOrganization('TDC', org)).toEqual({
        matches: true,
        basis: 'website',
        explanation: '"TDC" is the web site\'s name "tdc" (tdc.com.ge)',
      });
      expect(basis('tdc.com.ge', org)).toBe('website');
    });

    it('is the start of a long label when it keeps at least half of it', () => {
      const org = { companyName: 'Acme', website: 'tbilisidentalclinic.ge' };
      expect(matchOrganization('TbilisiDent', org).explanation).toBe(
        '"TbilisiDent" is the start of the web site\'s name "tbilisidentalclinic" (tbilisidentalclinic.ge)',
      );
      expect(matchOrganization('Tbilis', org).matches).toBe(false);
    });

    it('uses the words of a hyphenated label', () => {
      const org = { companyName: 'Acme', website: 'tbilisi-dental-clinic.ge' };
      expect(basis('TDC', org)).toBe('website');
      expect(basis('DentalClin', org)).toBe('website');
      expect(basis('TbDental', org)).toBe('website');
    });

    it('reads a Facebook page name', () => {
      const org = { companyName: 'Acme', website: 'facebook.com/TbilisiDental' };
      expect(matchOrganization('TbilisiDental', org).explanation).toBe(
        '"TbilisiDental" is the page name "tbilisidental" (facebook.com/tbilisidental)',
      );
    });

    it('transliterates a Georgian domain', () => {
      expect(basis('Tbilisi', { companyName: 'Acme', website: 'თბილისი.გე' })).toBe('website');
    });
  });

  describe('acronym and abbreviation', () => {
    it('initials with or without connectors; numbers count whole', () => {
      expect(basis('BOG', { companyName: 'Bank of Georgia' })).toBe('acronym');
      expect(basis('BG', { companyName: 'Bank of Georgia' })).toBe('acronym');
      expect(matchOrganization('S21', { companyName: 'Studio 21 LLC' }).explanation).toBe(
        '"S21" is the initials of the company name "Studio 21 LLC" (S·21)',
      );
      expect(matchOrganization('S2', { companyName: 'Studio 21 LLC' }).matches).toBe(false);
    });

    it('starts of words in order, words left out allowed, but never out of order', () => {
      expect(basis('TbDeCl', TDC)).toBe('abbreviation');
      expect(basis('TbClinic', TDC)).toBe('abbreviation');
      expect(matchOrganization('DentTbilisi', TDC).matches).toBe(false);
      expect(matchOrganization('TbiXYZ', TDC).matches).toBe(false);
    });

    it('a start of an inner word alone is not enough', () => {
      expect(matchOrganization('Denta', { companyName: 'Tbilisi Dental Clinic' }).matches).toBe(false);
      expect(basis('Tbil', { companyName: 'Tbilisi Dental Clinic' })).toBe('abbreviation');
    });
  });

  describe('explanations', () => {
    it('a name with nothing to compare says so', () => {
      expect(matchOrganization('...', TDC)).toEqual({
        matches: false,
        basis: null,
        explanation: '"..." has no letters or digits to compare with the organization',
      });
    });

    it('stay within the length the API stores, however long the company name', () => {
      const org = { companyName: 'ა'.repeat(500), website: `${'b'.repeat(200)}.ge` };
      for (const name of ['XYZ', 'ა'.repeat(40), 'B'.repeat(11)]) {
        expect(Array.from(matchOrganization(name, org).explanation).length).toBeLessThanOrEqual(MAX_EXPLANATION_LENGTH);
      }
    });

    it('a company without a web site is not offered one', () => {
      expect(matchOrganization('XYZ', { companyName: 'Nikora' }).explanation).toBe(
        '"XYZ" does not match "Nikora". A sender name must be the company name or its first words',
      );
    });
  });
});
