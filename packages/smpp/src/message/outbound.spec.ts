import { describe, expect, it } from 'vitest';
import { smppAddress } from './address.js';
import { decodeShortMessage } from './inbound.js';
import { buildSubmits } from './outbound.js';

const GEORGIAN = 'გამარჯობა! თქვენი კოდია 4821';
const LONG = 'Mtredi sends long texts in several parts. '.repeat(6);

describe('smppAddress', () => {
  it('gives TON 5 / NPI 0 to alphanumeric senders, TON 1 / NPI 1 to international numbers without +', () => {
    expect(smppAddress('Mtredi')).toEqual({ ton: 5, npi: 0, addr: 'Mtredi' });
    expect(smppAddress('+995599123456')).toEqual({ ton: 1, npi: 1, addr: '995599123456' });
    expect(smppAddress('995599123456')).toEqual({ ton: 1, npi: 1, addr: '995599123456' });
    expect(smppAddress('91043')).toEqual({ ton: 3, npi: 0, addr: '91043' });
    expect(smppAddress('91043', { shortCodeTon: 0, shortCodeNpi: 1 })).toEqual({ ton: 0, npi: 1, addr: '91043' });
  });
});

describe('buildSubmits', () => {
  it('sends GSM-7 as data_coding 0, unpacked, one septet per octet', () => {
    const [sm, ...rest] = buildSubmits('Mtredi', '+995599123456', 'Hi €', { reference: 1 });
    expect(rest).toHaveLength(0);
    expect(sm).toMatchObject({ dataCoding: 0, esmClass: 0, registeredDelivery: 1, sourceAddrTon: 5, destAddrTon: 1 });
    expect(Buffer.from(sm?.shortMessage ?? []).toString('hex')).toBe('4869201b65');
  });

  it('packs GSM-7 when the channel asks for it', () => {
    const [sm] = buildSubmits('Mtredi', '+995599123456', 'hellohello', { reference: 1, packed: true });
    expect(Buffer.from(sm?.shortMessage ?? []).toString('hex')).toBe('e8329bfd4697d9ec37');
    expect(decodeShortMessage(sm as never, { packedGsm: true }).text).toBe('hellohello');
  });

  it('sends Georgian as UCS-2, data_coding 8', () => {
    const [sm] = buildSubmits('Mtredi', '+995599123456', GEORGIAN, { reference: 1 });
    expect(sm?.dataCoding).toBe(8);
    expect(decodeShortMessage(sm as never).text).toBe(GEORGIAN);
  });

  it('concatenates with a UDH by default: UDHI set, 153 septets per part, same reference', () => {
    const parts = buildSubmits('Mtredi', '+995599123456', LONG, { reference: 0x2a });
    expect(parts).toHaveLength(2);
    parts.forEach((p, i) => {
      expect(p.esmClass & 0x40).toBe(0x40);
      expect(Buffer.from(p.shortMessage.subarray(0, 6)).toString('hex')).toBe(
        `0500032a02${(i + 1).toString(16).padStart(2, '0')}`,
      );
      expect(decodeShortMessage(p).concat).toEqual({ reference: 0x2a, total: 2, sequence: i + 1 });
    });
    expect(parts.map((p) => decodeShortMessage(p).text).join('')).toBe(LONG);
  });

  it('concatenates with SAR TLVs when asked: no UDH, 16-bit reference', () => {
    const parts = buildSubmits('Mtredi', '+995599123456', LONG, { reference: 0x1234, longMessages: 'sar' });
    expect(parts.map((p) => p.tlvs)).toEqual([
      { sarMsgRefNum: 0x1234, sarTotalSegments: 2, sarSegmentSeqnum: 1 },
      { sarMsgRefNum: 0x1234, sarTotalSegments: 2, sarSegmentSeqnum: 2 },
    ]);
    expect(parts.every((p) => (p.esmClass & 0x40) === 0)).toBe(true);
    expect(parts.map((p) => decodeShortMessage(p).text).join('')).toBe(LONG);
  });

  it('puts a long text whole in message_payload when asked', () => {
    const long = `${GEORGIAN} `.repeat(5);
    const parts = buildSubmits('Mtredi', '+995599123456', long, { reference: 1, longMessages: 'payload' });
    expect(parts).toHaveLength(1);
    expect(parts[0]?.shortMessage.length).toBe(0);
    expect(parts[0]?.tlvs?.messagePayload?.length).toBe(long.length * 2);
    expect(decodeShortMessage(parts[0] as never).text).toBe(long);
  });
});

describe('buildSubmits with parts counted by the platform', () => {
  it('cuts a short text into the counted number of parts, each with its own header, text intact', () => {
    const parts = buildSubmits('Mtredi', '+995599123456', 'unique 1', { reference: 9, minParts: 3 });
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => decodeShortMessage(p).concat?.sequence)).toEqual([1, 2, 3]);
    expect(parts.every((p) => decodeShortMessage(p).concat?.total === 3)).toBe(true);
    expect(parts.map((p) => decodeShortMessage(p).text).join('')).toBe('unique 1');
  });

  it('never cuts a surrogate pair and keeps the natural split when it already has enough parts', () => {
    const parts = buildSubmits('Mtredi', '+995599123456', '🕊️🕊️', { reference: 1, minParts: 2 });
    expect(parts.map((p) => decodeShortMessage(p).text).join('')).toBe('🕊️🕊️');
    expect(buildSubmits('Mtredi', '+995599123456', LONG, { reference: 1, minParts: 1 })).toHaveLength(2);
  });
});
