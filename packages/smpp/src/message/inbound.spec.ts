import { describe, expect, it } from 'vitest';
import { shortMessageDefaults } from '../pdu.js';
import { alphabetOf, decodeShortMessage } from './inbound.js';
import { Reassembler } from './reassembly.js';

const ucs2 = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('decodeShortMessage', () => {
  it('reads the UDH whenever bit 6 is set, whatever other esm_class bits are (0x48, node-smpp #139)', () => {
    const sm = Buffer.concat([Buffer.from('050003070201', 'hex'), Buffer.from('STOP')]);
    const decoded = decodeShortMessage({ ...shortMessageDefaults(), esmClass: 0x48, shortMessage: sm });
    expect(decoded).toEqual({ text: 'STOP', concat: { reference: 7, total: 2, sequence: 1 } });
  });

  it('reads a 16-bit reference UDH, UCS-2 text and SAR TLVs', () => {
    const sm = Buffer.concat([Buffer.from('0608040102030203', 'hex').subarray(0, 7), ucs2('სტოპ')]);
    expect(decodeShortMessage({ ...shortMessageDefaults(), esmClass: 0x40, dataCoding: 8, shortMessage: sm })).toEqual({
      text: 'სტოპ',
      concat: { reference: 0x0102, total: 3, sequence: 2 },
    });
    const sar = decodeShortMessage({
      ...shortMessageDefaults(),
      shortMessage: Buffer.from('abc'),
      tlvs: { sarMsgRefNum: 9, sarTotalSegments: 2, sarSegmentSeqnum: 2 },
    });
    expect(sar).toEqual({ text: 'abc', concat: { reference: 9, total: 2, sequence: 2 } });
  });

  it('prefers message_payload, reads Latin-1 data codings and falls back for bytes GSM-7 cannot hold', () => {
    expect(
      decodeShortMessage({ ...shortMessageDefaults(), tlvs: { messagePayload: Buffer.from('payload text') } }).text,
    ).toBe('payload text');
    expect(
      decodeShortMessage({ ...shortMessageDefaults(), dataCoding: 3, shortMessage: Buffer.from([0xe9]) }).text,
    ).toBe('é');
    expect(
      decodeShortMessage({ ...shortMessageDefaults(), dataCoding: 0, shortMessage: Buffer.from([0xe9]) }).text,
    ).toBe('é');
  });

  it('maps data_coding groups to alphabets', () => {
    expect([0, 8, 1, 3, 4, 0xf0, 0xf4, 0x18, 0x11].map(alphabetOf)).toEqual([
      'gsm7',
      'ucs2',
      'latin1',
      'latin1',
      'latin1',
      'gsm7',
      'latin1',
      'ucs2',
      'gsm7',
    ]);
  });
});

describe('Reassembler', () => {
  it('joins parts in sequence order, whatever order they come in, and keeps messages apart', () => {
    const r = new Reassembler({ onIncomplete: () => {} });
    expect(r.push('a', { reference: 1, total: 3, sequence: 3 }, 'C')).toBeUndefined();
    expect(r.push('b', { reference: 1, total: 3, sequence: 1 }, 'x')).toBeUndefined();
    expect(r.push('a', { reference: 1, total: 3, sequence: 1 }, 'A')).toBeUndefined();
    expect(r.push('a', { reference: 1, total: 3, sequence: 2 }, 'B')).toBe('ABC');
    expect(r.size).toBe(1);
    r.clear();
  });

  it('reports what arrived when parts stop coming', async () => {
    const incomplete: [string, string, number[]][] = [];
    const r = new Reassembler({ timeoutMs: 30, onIncomplete: (k, t, m) => incomplete.push([k, t, m]) });
    r.push('from|to', { reference: 5, total: 3, sequence: 1 }, 'STOP ');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(incomplete).toEqual([['from|to', 'STOP ……', [2, 3]]]);
  });
});
