import { describe, expect, it } from 'vitest';
import { concatUdh, fillBits, parseConcatUdh } from './udh.js';

describe('concatenation UDH (TS 23.040 §9.2.3.24)', () => {
  it('builds IEI 0x00 with an 8-bit reference', () => {
    expect(Array.from(concatUdh('8bit', 0xab, 3, 2))).toEqual([0x05, 0x00, 0x03, 0xab, 3, 2]);
  });

  it('builds IEI 0x08 with a 16-bit reference', () => {
    expect(Array.from(concatUdh('16bit', 0xf42e, 2, 1))).toEqual([0x06, 0x08, 0x04, 0xf4, 0x2e, 2, 1]);
  });

  it('parses both back and skips other information elements', () => {
    expect(parseConcatUdh(concatUdh('16bit', 0x1234, 4, 3))).toEqual({
      concat: '16bit',
      reference: 0x1234,
      total: 4,
      sequence: 3,
    });
    // A port-addressing element (IEI 0x05) before the concatenation element.
    const mixed = Uint8Array.of(0x0b, 0x05, 0x04, 0x0b, 0x84, 0x23, 0xf0, 0x00, 0x03, 0x07, 0x02, 0x01);
    expect(parseConcatUdh(mixed)).toEqual({ concat: '8bit', reference: 7, total: 2, sequence: 1 });
    expect(parseConcatUdh(Uint8Array.of(0x04, 0x05, 0x02, 0x0b, 0x84))).toBeNull();
  });

  it('reports a header whose lengths do not add up', () => {
    expect(parseConcatUdh(Uint8Array.of(0x05, 0x00, 0x03, 0x01))).toBe('malformed');
    expect(parseConcatUdh(Uint8Array.of(0x03, 0x00, 0x03, 0x01))).toBe('malformed');
    expect(parseConcatUdh(new Uint8Array(0))).toBe('malformed');
  });

  it('needs one fill bit after a 6-octet header and none after a 7-octet one', () => {
    expect(fillBits(6)).toBe(1);
    expect(fillBits(7)).toBe(0);
    expect(fillBits(0)).toBe(0);
  });
});
