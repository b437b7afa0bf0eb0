import { describe, expect, it } from 'vitest';
import { packSeptets, unpackSeptets } from './pack.js';

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
const septetsOf = (ascii: string) => Uint8Array.from(ascii, (c) => c.charCodeAt(0));

describe('packSeptets / unpackSeptets', () => {
  it('packs "hellohello" to the textbook octets', () => {
    expect(hex(packSeptets(septetsOf('hellohello'), 0))).toBe('E8329BFD4697D9EC37');
  });

  it('starts after the fill bits that align a 6-octet UDH', () => {
    // 'h' = 0x68 shifted past one fill bit.
    expect(hex(packSeptets(septetsOf('h'), 1))).toBe('D0');
    expect(Array.from(unpackSeptets(Uint8Array.of(0xd0), 1, 1))).toEqual([0x68]);
  });

  it('pads 7 spare bits with CR and drops that CR on unpacking without a count', () => {
    const seven = septetsOf('1234567');
    const packed = packSeptets(seven, 0);
    expect(packed).toHaveLength(7);
    expect((packed[6] as number) >> 1).toBe(0x0d);
    expect(Array.from(unpackSeptets(packed, 0))).toEqual(Array.from(seven));
    expect(Array.from(unpackSeptets(packed, 0, 7))).toEqual(Array.from(seven));
  });

  it('reads exactly `count` septets when given, keeping a genuine trailing CR', () => {
    const withCr = septetsOf('1234567\r');
    const packed = packSeptets(withCr, 0);
    expect(packed).toHaveLength(7);
    expect(Array.from(unpackSeptets(packed, 0, 8))).toEqual(Array.from(withCr));
  });

  it('round-trips every length up to 160 at every fill', () => {
    for (let fill = 0; fill < 7; fill++) {
      for (let n = 0; n <= 160; n++) {
        const septets = Uint8Array.from({ length: n }, (_, i) => (i * 37 + fill) & 0x7f);
        const packed = packSeptets(septets, fill);
        expect(packed.length).toBe(Math.ceil((fill + 7 * n) / 8));
        expect(Array.from(unpackSeptets(packed, fill, n))).toEqual(Array.from(septets));
      }
    }
  });
});
