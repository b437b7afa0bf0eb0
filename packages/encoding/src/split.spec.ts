import { describe, expect, it } from 'vitest';
import { decodeParts } from './decode.js';
import { InvalidOptionError, InvalidTextError, TooManyPartsError } from './errors.js';
import { split } from './split.js';

const a = (n: number) => 'a'.repeat(n);
const bytes = (array: Uint8Array | null) => (array === null ? null : Array.from(array));

describe('split', () => {
  it('gives no parts for empty text', () => {
    expect(split('')).toEqual([]);
  });

  it('sends a single GSM part without UDH, unpacked, data_coding 0', () => {
    const [part, ...rest] = split('Hi €');
    expect(rest).toEqual([]);
    expect(part?.udh).toBeNull();
    expect(part?.dataCoding).toBe(0);
    expect(bytes(part?.payload ?? null)).toEqual([0x48, 0x69, 0x20, 0x1b, 0x65]);
    expect(part?.units).toBe(5);
    expect(part?.text).toBe('Hi €');
  });

  it('sends UCS-2 big-endian with data_coding 8 and surrogate pairs as two units', () => {
    const [part] = split('ა😀');
    expect(part?.dataCoding).toBe(8);
    expect(bytes(part?.payload ?? null)).toEqual([0x10, 0xd0, 0xd8, 0x3d, 0xde, 0x00]);
    expect(part?.units).toBe(3);
  });

  it('numbers concatenated parts with an 8-bit reference UDH', () => {
    const parts = split(a(161), { reference: 0x2a });
    expect(parts.map((p) => bytes(p.udh))).toEqual([
      [0x05, 0x00, 0x03, 0x2a, 2, 1],
      [0x05, 0x00, 0x03, 0x2a, 2, 2],
    ]);
    expect(parts.map((p) => p.payload.length)).toEqual([153, 8]);
  });

  it('numbers concatenated parts with a 16-bit reference UDH on request', () => {
    const parts = split('ა'.repeat(67), { concatReference: '16bit', reference: 0xf42e });
    expect(parts).toHaveLength(1);
    const long = split('ა'.repeat(71), { concatReference: '16bit', reference: 0xf42e });
    expect(long.map((p) => bytes(p.udh))).toEqual([
      [0x06, 0x08, 0x04, 0xf4, 0x2e, 2, 1],
      [0x06, 0x08, 0x04, 0xf4, 0x2e, 2, 2],
    ]);
    expect(long.map((p) => p.units)).toEqual([66, 5]);
  });

  it('never cuts an escape sequence: the euro that does not fit opens the next part', () => {
    const parts = split(`${a(152)}€${a(10)}`);
    expect(parts.map((p) => p.text)).toEqual([a(152), `€${a(10)}`]);
    expect(parts[0]?.payload.length).toBe(152);
    expect(bytes(parts[1]?.payload.subarray(0, 2) ?? null)).toEqual([0x1b, 0x65]);
  });

  it('never cuts a surrogate pair: the emoji that does not fit opens the next part', () => {
    const parts = split(`${a(66)}😀${a(70)}`);
    expect(parts.map((p) => p.units)).toEqual([66, 67, 5]);
    expect(parts[1]?.text.startsWith('😀')).toBe(true);
  });

  it('keeps every packed part within 140 octets', () => {
    const parts = split(a(400), { packed: true });
    for (const p of parts) expect((p.udh?.length ?? 0) + p.payload.length).toBeLessThanOrEqual(140);
    expect(parts.map((p) => p.payload.length)).toEqual([134, 134, 83]);
    const single = split(a(160), { packed: true });
    expect(single[0]?.payload.length).toBe(140);
    const sixteen = split(a(304), { packed: true, concatReference: '16bit' });
    expect(sixteen.map((p) => (p.udh?.length ?? 0) + p.payload.length)).toEqual([140, 140]);
  });

  it('round-trips through decodeParts', () => {
    const text = `Gamarjoba {${'€'.repeat(90)}} ${a(50)}`;
    expect(decodeParts(split(text))).toBe(text);
    expect(decodeParts(split(text, { packed: true }))).toBe(text);
    const georgian = `გამარჯობა 😀 ${'ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ '.repeat(10)}`;
    expect(decodeParts(split(georgian, { concatReference: '16bit', reference: 999 }))).toBe(georgian);
  });

  it('rejects a lone surrogate', () => {
    expect(() => split('abc\udc00')).toThrow(InvalidTextError);
  });

  it('rejects a reference out of range for its width', () => {
    expect(() => split(a(200), { reference: 256 })).toThrow(InvalidOptionError);
    expect(() => split(a(200), { reference: -1 })).toThrow(InvalidOptionError);
    expect(() => split(a(200), { reference: 1.5 })).toThrow(InvalidOptionError);
    expect(split(a(200), { reference: 65535, concatReference: '16bit' })).toHaveLength(2);
  });

  it('refuses texts that need more than 255 parts', () => {
    expect(split(a(153 * 255))).toHaveLength(255);
    const error = (() => {
      try {
        split(a(153 * 255 + 1));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TooManyPartsError);
    expect((error as TooManyPartsError).code).toBe('encoding/too_many_parts');
    expect((error as TooManyPartsError).parts).toBe(256);
  });
});
