/**
 * Cases taken from independent public sources, with the numbers those sources expect. Only the inputs
 * and the expected numbers are used; the sources' code is not.
 *
 * [twilio] TwilioDevEd/message-segment-calculator
 *   tests/index.test.js    (TestData, GSM7EscapeChars, "One grapheme UCS-2 characters", "Special tests"
 *                           for issue #18, "Triple accents characters")
 *   tests/segments.test.js (the last segment of a 3-part message holds one character)
 *   tests/methods.test.js  (getNonGsmCharacters('más'))
 *   src/libs/SmartEncodingMap.ts (entries where our look-alike table agrees)
 *   Twilio reports bit sizes: messageSize = units × 7 (GSM-7) or × 16 (UCS-2); totalSize adds a
 *   48-bit UDH per part when there is more than one.
 * [moteus] moteus/lua-lluv-gsmmodem test/test_modem.lua: SMS-SUBMIT PDUs sent for 'hello' × 70 as
 *   three packed GSM-7 parts with an 8-bit reference of 1, for 'hello' alone, and a received
 *   SMS-DELIVER carrying '1234567890'.
 * [gosms] api.gosms.ge (quoted in the platform's Georgia reference): "Latin: 918 characters, 6 SMS;
 *   Unicode (Georgian): 402 characters, 6 SMS".
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { decodeParts } from './decode.js';
import { replaceLookalikes } from './lookalikes.js';
import { split } from './split.js';

const DIGITS = '1234567890'.repeat(40);
const digits = (n: number, from = 0) => DIGITS.slice(from, from + n);

function twilioSizes(text: string): { messageSize: number; totalSize: number; segments: number } {
  const result = analyze(text);
  const messageSize = result.units * (result.encoding === 'gsm7' ? 7 : 16);
  return { messageSize, totalSize: messageSize + (result.parts > 1 ? result.parts * 48 : 0), segments: result.parts };
}

describe('[twilio] tests/index.test.js TestData', () => {
  const cases: { name: string; body: string; encoding: string; segments: number; size: number; total: number }[] = [
    { name: 'GSM-7 in one segment', body: digits(160), encoding: 'gsm7', segments: 1, size: 1120, total: 1120 },
    { name: 'GSM-7 in two segments', body: digits(161), encoding: 'gsm7', segments: 2, size: 1127, total: 1223 },
    { name: 'GSM-7 in three segments', body: digits(307), encoding: 'gsm7', segments: 3, size: 2149, total: 2293 },
    {
      name: 'UCS-2 in one segment',
      body: `😜${digits(68, 1)}`,
      encoding: 'ucs2',
      segments: 1,
      size: 1120,
      total: 1120,
    },
    {
      name: 'UCS-2 in two segments',
      body: `😜${digits(69, 1)}`,
      encoding: 'ucs2',
      segments: 2,
      size: 1136,
      total: 1232,
    },
    {
      name: 'UCS-2 in three segments',
      body: `😜${digits(133, 1)}`,
      encoding: 'ucs2',
      segments: 3,
      size: 2160,
      total: 2304,
    },
    {
      name: 'flag (two scalars) at the one-segment boundary',
      body: `\u{1f1ee}\u{1f1f9}${digits(66, 1)}`,
      encoding: 'ucs2',
      segments: 1,
      size: 1120,
      total: 1120,
    },
    {
      name: 'flag (two scalars) over the boundary',
      body: `\u{1f1ee}\u{1f1f9}${digits(67, 1)}`,
      encoding: 'ucs2',
      segments: 2,
      size: 1136,
      total: 1232,
    },
    {
      name: 'rainbow flag (four scalars) at the one-segment boundary',
      body: `\u{1f3f3}\ufe0f\u200d\u{1f308}${digits(64, 1)}`,
      encoding: 'ucs2',
      segments: 1,
      size: 1120,
      total: 1120,
    },
    {
      name: 'rainbow flag (four scalars) over the boundary',
      body: `\u{1f3f3}\ufe0f\u200d\u{1f308}${digits(65, 1)}`,
      encoding: 'ucs2',
      segments: 2,
      size: 1136,
      total: 1232,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(analyze(c.body).encoding).toBe(c.encoding);
      expect(twilioSizes(c.body)).toEqual({ messageSize: c.size, totalSize: c.total, segments: c.segments });
      expect(split(c.body)).toHaveLength(c.segments);
    });
  }

  it('counts code points as Twilio counts unicode scalars (flag 68, rainbow flag 68)', () => {
    expect(analyze(`\u{1f1ee}\u{1f1f9}${digits(66, 1)}`).characters).toBe(68);
    expect(analyze(`\u{1f3f3}\ufe0f\u200d\u{1f308}${digits(64, 1)}`).characters).toBe(68);
  });
});

describe('[twilio] GSM-7 escape characters', () => {
  for (const escaped of ['|', '^', '€', '{', '}', '[', ']', '~', '\\']) {
    it(`${escaped} + 158 digits is one segment of 1120 bits; + 159 is two, 1223 bits in total`, () => {
      expect(twilioSizes(`${escaped}${digits(158)}`)).toEqual({ messageSize: 1120, totalSize: 1120, segments: 1 });
      expect(twilioSizes(`${escaped}${digits(159)}`)).toEqual({ messageSize: 1127, totalSize: 1223, segments: 2 });
    });
  }
});

describe('[twilio] one-grapheme UCS-2 characters', () => {
  for (const char of ['Á', 'Ú', 'ú', 'ç', 'í', 'Í', 'ó', 'Ó']) {
    it(`70 × ${char} is one UCS-2 segment, 71 are two`, () => {
      expect(analyze(char.repeat(70))).toMatchObject({ encoding: 'ucs2', parts: 1 });
      expect(analyze(char.repeat(71))).toMatchObject({ encoding: 'ucs2', parts: 2 });
      expect(analyze(char.repeat(70)).ucs2Forcers).toHaveLength(70);
    });
  }
});

describe('[twilio] special tests', () => {
  it('issue #18: an emoji with 68 GSM extension characters is one UCS-2 segment, with 69 two', () => {
    expect(analyze(`😀${']'.repeat(68)}`)).toMatchObject({ encoding: 'ucs2', parts: 1 });
    expect(analyze(`😀${']'.repeat(69)}`)).toMatchObject({ encoding: 'ucs2', parts: 2 });
  });

  it('one grapheme of four code points (e + three U+0301) with 66 letters is one segment, 67 two', () => {
    const accented = 'e\u0301\u0301\u0301';
    expect(analyze(`${accented}${'a'.repeat(66)}`).parts).toBe(1);
    expect(analyze(`${accented}${'a'.repeat(67)}`).parts).toBe(2);
  });

  it('methods.test.js: the non-GSM character of "más" is á', () => {
    expect(analyze('más').ucs2Forcers).toEqual([{ char: 'á', index: 1 }]);
  });
});

describe('[twilio] tests/segments.test.js', () => {
  it('the third segment of 307 GSM digits holds the single character "7"', () => {
    const parts = split(digits(307));
    expect(parts.map((p) => p.udh?.length)).toEqual([6, 6, 6]);
    expect(parts[2]?.text).toBe('7');
  });

  it('the third segment of the 3-segment UCS-2 message holds the single character "4"', () => {
    const parts = split(`😜${digits(133, 1)}`);
    expect(parts.map((p) => p.udh?.length)).toEqual([6, 6, 6]);
    expect(parts[2]?.text).toBe('4');
  });
});

describe('[twilio] SmartEncodingMap entries our look-alike table shares', () => {
  const shared: [string, string][] = [
    ['\u00ab', '"'],
    ['\u00bb', '"'],
    ['\u201c', '"'],
    ['\u201d', '"'],
    ['\u201e', '"'],
    ['\u2018', "'"],
    ['\u2019', "'"],
    ['\u201b', "'"],
    ['\u02bc', "'"],
    ['\u2013', '-'],
    ['\u2014', '-'],
    ['\u2010', '-'],
    ['\u2026', '...'],
    ['\u2022', '-'],
    ['\u203c', '!!'],
    ['\u200b', ''],
    ['\ufeff', ''],
    ['\u2060', ''],
    ['\uff01', '!'],
    ['\uff21', 'A'],
    ['\uff10', '0'],
  ];
  for (const [from, to] of shared) {
    it(`U+${from.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} → ${JSON.stringify(to)}`, () => {
      expect(replaceLookalikes(from).text).toBe(to);
    });
  }
});

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
const fromHex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

describe('[moteus] packed GSM-7 PDUs', () => {
  // SMS-SUBMIT header of every PDU: no SMSC, first octet 0x61 (UDHI, status report, SUBMIT) or 0x21,
  // message reference, destination +77777777777, PID 0, DCS 0; then TP-UDL and the user data.
  const SUBMIT_HEADER = /^00[26]1010B917777777777F70000/;
  const PDUS = [
    '0061010B917777777777F70000A0050003010301D06536FB8D2EB3D96F7499CD7EA3CB6CF61B5D66B3DFE8329BFD4697D9EC37BACC66BF' +
      'D16536FB8D2EB3D96F7499CD7EA3CB6CF61B5D66B3DFE8329BFD4697D9EC37BACC66BFD16536FB8D2EB3D96F7499CD7EA3CB6CF61B5D66' +
      'B3DFE8329BFD4697D9EC37BACC66BFD16536FB8D2EB3D96F7499CD7EA3CB6CF61B5D66B3DFE8329BFD4697D9',
    '0061010B917777777777F70000A0050003010302D86F7499CD7EA3CB6CF61B5D66B3DFE8329BFD4697D9EC37BACC66BFD16536FB8D2EB3' +
      'D96F7499CD7EA3CB6CF61B5D66B3DFE8329BFD4697D9EC37BACC66BFD16536FB8D2EB3D96F7499CD7EA3CB6CF61B5D66B3DFE8329BFD46' +
      '97D9EC37BACC66BFD16536FB8D2EB3D96F7499CD7EA3CB6CF61B5D66B3DFE8329BFD4697D9EC37BACC66BFD1',
    '0061010B917777777777F7000033050003010303CA6CF61B5D66B3DFE8329BFD4697D9EC37BACC66BFD16536FB8D2EB3D96F7499CD7EA3' +
      'CB6CF61B',
  ];

  it("splits 'hello' × 70 into the same three parts: UDH, fill bit, packed septets and TP-UDL", () => {
    const parts = split('hello'.repeat(70), { packed: true, reference: 1 });
    expect(parts).toHaveLength(3);
    parts.forEach((part, k) => {
      const pdu = PDUS[k] as string;
      expect(pdu).toMatch(SUBMIT_HEADER);
      const udl = Number.parseInt(pdu.slice(26, 28), 16);
      expect(hex(part.udh ?? new Uint8Array(0)) + hex(part.payload)).toBe(pdu.slice(28));
      // TP-UDL counts septets: 7 for the 6-octet UDH and its fill bit, then the text.
      expect(udl).toBe(7 + (part.units ?? 0));
    });
  });

  it("packs 'hello' alone as in the single-part PDU", () => {
    const pdu = '0021010B917777777777F7000005E8329BFD06';
    const [part] = split('hello', { packed: true });
    expect(part?.udh).toBeNull();
    expect(hex(part?.payload ?? new Uint8Array(0))).toBe(pdu.slice(28));
    expect(part?.units).toBe(Number.parseInt(pdu.slice(26, 28), 16));
  });

  it('decodes the user data of the received PDU to "1234567890", with and without TP-UDL', () => {
    const userData = fromHex('31D98C56B3DD703918');
    const part = { udh: null, payload: userData, dataCoding: 0 as const, text: '', packed: true };
    expect(decodeParts([{ ...part, units: 0x0a }])).toBe('1234567890');
    expect(decodeParts([part])).toBe('1234567890');
  });

  it('decodes the three submitted parts back to the text', () => {
    const parts = PDUS.map((pdu) => {
      const userData = fromHex(pdu.slice(28));
      return {
        udh: userData.subarray(0, 6),
        payload: userData.subarray(6),
        dataCoding: 0 as const,
        text: '',
        packed: true,
      };
    });
    expect(decodeParts(parts)).toBe('hello'.repeat(70));
  });
});

describe('[gosms] Georgian market limits', () => {
  it('402 Georgian characters are 6 parts (6 × 67), 403 are 7', () => {
    expect(analyze('ა'.repeat(402)).parts).toBe(6);
    expect(analyze('ა'.repeat(403)).parts).toBe(7);
  });

  it('918 Latin characters are 6 parts (6 × 153), 919 are 7', () => {
    expect(analyze('a'.repeat(918)).parts).toBe(6);
    expect(analyze('a'.repeat(919)).parts).toBe(7);
  });
});
