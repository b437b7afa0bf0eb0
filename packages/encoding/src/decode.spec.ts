import { describe, expect, it } from 'vitest';
import { decodeParts } from './decode.js';
import { InvalidPayloadError } from './errors.js';
import { split } from './split.js';
import type { EncodedPart } from './types.js';

const gsm = (payload: number[], udh: number[] | null = null, packed = false): EncodedPart => ({
  udh: udh === null ? null : Uint8Array.from(udh),
  payload: Uint8Array.from(payload),
  dataCoding: 0,
  text: '',
  packed,
});

function payloadError(run: () => unknown): InvalidPayloadError {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidPayloadError) return e;
    throw e;
  }
  throw new Error('expected an InvalidPayloadError');
}

describe('decodeParts', () => {
  it('gives empty text for no parts', () => {
    expect(decodeParts([])).toBe('');
  });

  it('decodes escapes, shows an undefined extension septet as its default character and ESC ESC as space', () => {
    expect(decodeParts([gsm([0x1b, 0x65, 0x1b, 0x28, 0x1b, 0x41, 0x1b, 0x1b])])).toBe('€{A ');
  });

  it('puts numbered parts in sequence order whatever order they arrive in', () => {
    const parts = split('x'.repeat(400), { reference: 9 });
    const shuffled = [parts[2], parts[0], parts[1]] as EncodedPart[];
    expect(decodeParts(shuffled)).toBe('x'.repeat(400));
  });

  it('decodes packed parts without a septet count using the CR padding rule', () => {
    const text = 'hello'.repeat(70);
    const parts = split(text, { packed: true }).map(({ units: _, ...part }) => part);
    expect(decodeParts(parts)).toBe(text);
  });

  it('rejects a missing part, a foreign part, and a repeated sequence number', () => {
    const parts = split('y'.repeat(400), { reference: 1 });
    const other = split('z'.repeat(400), { reference: 2 });
    expect(payloadError(() => decodeParts(parts.slice(0, 2))).code).toBe('encoding/invalid_payload');
    expect(payloadError(() => decodeParts([parts[0], parts[1], other[2]] as EncodedPart[])).partIndex).toBe(2);
    expect(payloadError(() => decodeParts([parts[0], parts[1], parts[1]] as EncodedPart[])).partIndex).toBe(2);
  });

  it('rejects a mix of numbered and unnumbered parts', () => {
    const [first] = split('y'.repeat(400));
    expect(payloadError(() => decodeParts([first as EncodedPart, gsm([0x41])])).partIndex).toBe(-1);
  });

  it('rejects malformed bytes', () => {
    expect(payloadError(() => decodeParts([gsm([0x41, 0x1b])])).partIndex).toBe(0);
    expect(payloadError(() => decodeParts([gsm([0x80])])).partIndex).toBe(0);
    expect(payloadError(() => decodeParts([gsm([0x41], [0x05, 0x00, 0x03])])).partIndex).toBe(0);
    const odd: EncodedPart = { udh: null, payload: Uint8Array.of(0x10, 0xd0, 0x10), dataCoding: 8, text: '' };
    expect(payloadError(() => decodeParts([odd])).partIndex).toBe(0);
  });
});
