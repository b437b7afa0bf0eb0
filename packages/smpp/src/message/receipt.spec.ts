import { describe, expect, it } from 'vitest';
import { shortMessageDefaults } from '../pdu.js';
import { normalizeReceiptId, normalizeSubmitId } from './message-id.js';
import { formatReceiptText, isReceipt, parseReceipt, parseReceiptText } from './receipt.js';

const body = (tlvs?: object) => ({ ...shortMessageDefaults(), esmClass: 0x04, ...(tlvs ? { tlvs } : {}) });
const SPEC =
  'id:0123456789 sub:001 dlvrd:001 submit date:2611220530 done date:2611220531 stat:DELIVRD err:000 Text:Hello';

describe('receipts', () => {
  it('recognises receipts and intermediate notifications by bit mask', () => {
    expect([0x04, 0x24, 0x44, 0x20, 0x00, 0x40, 0x08].map(isReceipt)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('parses the Appendix B text, Text: or text:, 10 or 12 digit dates, and a missing text', () => {
    expect(parseReceiptText(SPEC)).toEqual({
      id: '0123456789',
      sub: '001',
      dlvrd: '001',
      submitDate: '2611220530',
      doneDate: '2611220531',
      stat: 'DELIVRD',
      err: '000',
      text: 'Hello',
    });
    expect(parseReceiptText(SPEC.replace('Text:', 'text:')).text).toBe('Hello');
    const twelve = parseReceipt(body(), SPEC.replace('2611220531', '261122053107').replace(' Text:Hello', ''));
    expect(twelve.doneDate).toEqual(new Date(Date.UTC(2026, 10, 22, 5, 31, 7)));
    expect(twelve.fields.text).toBeUndefined();
    expect(twelve.state).toBe('delivered');
  });

  it('reads TLVs first: receipted_message_id over a truncated text id, message_state over stat', () => {
    const r = parseReceipt(body({ receiptedMessageId: '0123456789ABCDEF', messageState: 5 }), SPEC);
    expect(r).toMatchObject({ messageId: '0123456789ABCDEF', state: 'undelivered', errorCode: '000', rawState: '5' });
  });

  it('takes a TLV-only receipt with network_error_code, and an unknown stat as unknown', () => {
    const r = parseReceipt(
      body({ receiptedMessageId: 'X1', messageState: 8, networkErrorCode: Uint8Array.of(3, 0, 69) }),
      '',
    );
    expect(r).toMatchObject({ messageId: 'X1', state: 'rejected', errorCode: '69' });
    expect(parseReceipt(body(), 'id:7 stat:FAILED err:500').state).toBe('unknown');
    expect(parseReceipt(body(), 'id:7 stat:ACCEPTD err:0').state).toBe('enroute');
    expect(parseReceipt(body(), 'garbage').state).toBe('unknown');
  });

  it('writes receipts that it reads back', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const text = formatReceiptText(
      { id: 'AB', submitDate: at, doneDate: at, stat: 'UNDELIV', err: '069', text: 'hi' },
      { dateDigits: 12, textLabel: 'text' },
    );
    expect(text).toBe(
      'id:AB sub:001 dlvrd:000 submit date:260102030405 done date:260102030405 stat:UNDELIV err:069 text:hi',
    );
    expect(parseReceipt(body(), text)).toMatchObject({
      messageId: 'AB',
      state: 'undelivered',
      errorCode: '069',
      doneDate: at,
    });
  });
});

describe('message id normalisation', () => {
  it('exact keeps ids as given', () => {
    expect(normalizeSubmitId('00ab', 'exact')).toBe('00ab');
    expect(normalizeReceiptId('AB', 'exact')).toBe('AB');
  });

  it('case_zeros matches ids differing in case and leading zeros (jasmin #1129)', () => {
    expect(normalizeSubmitId('00B8BE19', 'case_zeros')).toBe(normalizeReceiptId('b8be19', 'case_zeros'));
    expect(normalizeReceiptId('0000', 'case_zeros')).toBe('0');
  });

  it('hex_to_decimal matches a hex submit id with its decimal receipt id (jasmin #1034, jsmpp #56)', () => {
    expect(normalizeSubmitId('39f99dd5', 'hex_to_decimal')).toBe('972660181');
    expect(normalizeReceiptId('0972660181', 'hex_to_decimal')).toBe('972660181');
    expect(normalizeSubmitId('33E95179', 'hex_to_decimal')).toBe(normalizeReceiptId('870928761', 'hex_to_decimal'));
  });

  it('decimal_to_hex matches a decimal submit id with its hex receipt id, beyond 2^53', () => {
    expect(normalizeSubmitId('18446744073709551615', 'decimal_to_hex')).toBe(
      normalizeReceiptId('FFFFFFFFFFFFFFFF', 'decimal_to_hex'),
    );
    expect(normalizeReceiptId('not-hex', 'decimal_to_hex')).toBe('NOT-HEX');
  });
});
