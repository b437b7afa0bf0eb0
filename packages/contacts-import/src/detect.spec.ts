import { describe, expect, it } from 'vitest';
import { DETECT_HEAD_BYTES, detectFileKind } from './detect.js';
import { encrypted, legacyXls, xlsx } from './test-files.js';

function code(head: Uint8Array, name?: string): string {
  try {
    return detectFileKind(head, name);
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('detectFileKind', () => {
  it('knows a workbook by its ZIP signature, whatever the name says', async () => {
    const book = await xlsx([['ტელეფონი'], ['599123456']]);
    expect(detectFileKind(book.subarray(0, DETECT_HEAD_BYTES))).toBe('xlsx');
    expect(detectFileKind(book, 'contacts.csv')).toBe('xlsx');
  });

  it('takes text as CSV: UTF-8 with or without a BOM, UTF-16 with one', () => {
    expect(detectFileKind(Buffer.from('ტელეფონი;სახელი\n599123456;ნინო\n'))).toBe('csv');
    expect(detectFileKind(Buffer.from('\ufeffphone,name\n599123456,Nino\n'))).toBe('csv');
    expect(detectFileKind(Buffer.from('\ufeffphone\tname\n', 'utf16le'))).toBe('csv');
  });

  it('says a password-protected workbook is one', async () => {
    const locked = encrypted(await xlsx([['phone'], ['599123456']]));
    expect(code(locked)).toBe('import/password_protected');
    expect(code(locked.subarray(0, DETECT_HEAD_BYTES), 'contacts.xlsx')).toBe('import/password_protected');
  });

  it('tells an Excel 97–2003 file apart, by its workbook stream or, cut short, by its name', () => {
    const xls = legacyXls();
    expect(code(xls)).toBe('import/legacy_xls');
    expect(code(xls.subarray(0, 512), 'old.xls')).toBe('import/legacy_xls');
  });

  it.each([
    ['%PDF-1.7\n', 'PDF'],
    ['\x89PNG\r\n\x1a\n', 'PNG'],
    ['<!DOCTYPE html><html><table><tr><td>599123456</td></tr></table>', 'web page'],
    ['<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', 'XML Spreadsheet'],
    ['PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0', 'empty ZIP'],
    ['\0\x01\x02\x03binary\0\0\0', 'binary'],
  ])('refuses %j (%s) as not a spreadsheet', (text, what) => {
    const error = (() => {
      try {
        detectFileKind(Buffer.from(text, 'latin1'));
      } catch (e) {
        return e as { code: string; message: string };
      }
    })();
    expect(error?.code).toBe('import/not_a_spreadsheet');
    expect(error?.message).toMatch(new RegExp(what.split(' ')[0] ?? what, 'i'));
  });

  it('says an OpenDocument spreadsheet should be saved as .xlsx', () => {
    const mimetype = 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';
    const head = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(mimetype)]);
    expect(() => detectFileKind(head)).toThrow(/\.ods/);
  });

  it('calls a zero-byte file empty', () => {
    expect(code(new Uint8Array())).toBe('import/empty');
  });
});
