import { CR } from './gsm-alphabet.js';

/**
 * Packs septets into octets, least significant bit first, after `fill` zero bits (TS 23.038 §6.1.2.1.1).
 * When the last octet would end with 7 spare bits, they carry CR so the receiver does not read a
 * trailing '@' (TS 23.038 §6.1.2.3.1).
 */
export function packSeptets(septets: Uint8Array, fill: number): Uint8Array {
  const bits = fill + septets.length * 7;
  const spare = (8 - (bits % 8)) % 8;
  const out = new Uint8Array(Math.ceil(bits / 8));
  let position = fill;
  const put = (septet: number) => {
    const index = position >> 3;
    const shift = position & 7;
    out[index] = ((out[index] as number) | (septet << shift)) & 0xff;
    if (shift > 1) out[index + 1] = (out[index + 1] as number) | (septet >> (8 - shift));
    position += 7;
  };
  for (const septet of septets) put(septet);
  if (spare === 7) put(CR);
  return out;
}

/**
 * Unpacks septets after `fill` bits. With `count` (like TP-UDL) exactly that many are read; without it,
 * every whole septet is read and a CR that exactly fills the last octet is taken as padding.
 */
export function unpackSeptets(octets: Uint8Array, fill: number, count?: number): Uint8Array {
  const available = Math.max(0, Math.floor((octets.length * 8 - fill) / 7));
  let n = count === undefined ? available : Math.min(count, available);
  const out = new Uint8Array(n);
  let position = fill;
  for (let k = 0; k < n; k++) {
    const index = position >> 3;
    const shift = position & 7;
    let septet = (octets[index] as number) >> shift;
    if (shift > 1) septet |= (octets[index + 1] as number) << (8 - shift);
    out[k] = septet & 0x7f;
    position += 7;
  }
  if (count === undefined && n > 0 && (octets.length * 8 - fill) % 7 === 0 && out[n - 1] === CR) n--;
  return out.subarray(0, n);
}
