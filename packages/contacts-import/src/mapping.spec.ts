import { describe, expect, it } from 'vitest';
import { autoMapColumns, normalizeHeader } from './mapping.js';

describe('autoMapColumns', () => {
  it('maps Georgian headers', () => {
    expect(autoMapColumns(['ტელეფონი', 'სახელი', 'გვარი', 'ქალაქი', 'ჯგუფი'])).toEqual({
      0: 'phone',
      1: 'first_name',
      2: 'last_name',
      3: 'custom:ქალაქი',
      4: 'groups',
    });
    expect(autoMapColumns(['ნომერი', 'სახელი და გვარი'])).toEqual({ 0: 'phone', 1: 'full_name' });
    expect(autoMapColumns(['მობილური ნომერი:', 'კლიენტის სახელი', 'კლიენტის გვარი'])).toEqual({
      0: 'phone',
      1: 'custom:კლიენტის სახელი',
      2: 'last_name',
    });
  });

  it('maps English, transliterated and Russian headers, in any case and with punctuation', () => {
    expect(autoMapColumns(['Phone Number', 'First Name', 'LAST NAME', 'E-mail'])).toEqual({
      0: 'phone',
      1: 'first_name',
      2: 'last_name',
      3: 'custom:E-mail',
    });
    expect(autoMapColumns(['Tel.', 'Saxeli', 'Gvari'])).toEqual({ 0: 'phone', 1: 'first_name', 2: 'last_name' });
    expect(autoMapColumns(['nomeri', 'sakheli'])).toEqual({ 0: 'phone', 1: 'full_name' });
    expect(autoMapColumns(['Телефон', 'Имя', 'Фамилия'])).toEqual({ 0: 'phone', 1: 'first_name', 2: 'last_name' });
    expect(autoMapColumns(['MSISDN', 'Full name'])).toEqual({ 0: 'phone', 1: 'full_name' });
  });

  it('reads Georgian capitals (Mtavruli) like the lower case', () => {
    expect(normalizeHeader('ᲢᲔᲚᲔᲤᲝᲜᲘ')).toBe('ტელეფონი');
    expect(autoMapColumns(['ᲢᲔᲚᲔᲤᲝᲜᲘ', 'ᲡᲐᲮᲔᲚᲘ'])).toEqual({ 0: 'phone', 1: 'full_name' });
  });

  it('takes "name" as the full name unless a last-name column exists', () => {
    expect(autoMapColumns(['phone', 'name'])).toEqual({ 0: 'phone', 1: 'full_name' });
    expect(autoMapColumns(['phone', 'name', 'surname'])).toEqual({ 0: 'phone', 1: 'first_name', 2: 'last_name' });
  });

  it('gives each standard field to one column; a second phone becomes a custom field', () => {
    expect(autoMapColumns(['მობილური', 'ტელეფონი', 'Phone'])).toEqual({
      0: 'phone',
      1: 'custom:ტელეფონი',
      2: 'custom:Phone',
    });
  });

  it('maps a name header merged over two columns to first and last name', () => {
    expect(autoMapColumns(['ტელეფონი', 'სახელი, გვარი', 'სახელი, გვარი'])).toEqual({
      0: 'phone',
      1: 'first_name',
      2: 'last_name',
    });
  });

  it('ignores numbering and empty headers, and keeps repeated custom headers apart', () => {
    expect(autoMapColumns(['#', 'ტელეფონი', '', 'შენიშვნა', 'შენიშვნა', '№'])).toEqual({
      0: 'ignore',
      1: 'phone',
      2: 'ignore',
      3: 'custom:შენიშვნა',
      4: 'custom:შენიშვნა (2)',
      5: 'ignore',
    });
  });
});
