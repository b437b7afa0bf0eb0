import { InvalidPayloadError } from './errors.js';
import { BASIC_CHARS, ESC, EXTENSION_CHARS } from './gsm-alphabet.js';
import { unpackSeptets } from './pack.js';
import type { EncodedPart } from './types.js';
import { type ConcatInfo, fillBits, parseConcatUdh } from './udh.js';

/**
 * Reassembles the text of a message from its parts. Parts that carry a concatenation UDH are put in
 * sequence order and must form one complete message; parts without one are joined in the given order.
 * @throws InvalidPayloadError when the bytes or the set of parts are inconsistent.
 */
export function decodeParts(parts: EncodedPart[]): string {
  const infos = parts.map((part, index) => concatInfo(part, index));
  const numbered = infos.filter((info) => info !== null).length;
  if (numbered > 0 && numbered !== parts.length) {
    throw new InvalidPayloadError('Some parts carry a concatenation header and some do not', -1);
  }
  let ordered = parts.map((part, index) => ({ part, index }));
  if (numbered > 0) ordered = orderBySequence(ordered, infos as ConcatInfo[]);
  let text = '';
  for (const { part, index } of ordered) text += decodePart(part, index);
  return text;
}

function concatInfo(part: EncodedPart, index: number): ConcatInfo | null {
  if (part.udh === null) return null;
  const info = parseConcatUdh(part.udh);
  if (info === 'malformed') throw new InvalidPayloadError('Malformed user data header', index);
  return info;
}

function orderBySequence(
  ordered: { part: EncodedPart; index: number }[],
  infos: ConcatInfo[],
): { part: EncodedPart; index: number }[] {
  const first = infos[0] as ConcatInfo;
  const bySequence = new Array<{ part: EncodedPart; index: number } | undefined>(ordered.length);
  infos.forEach((info, index) => {
    if (info.reference !== first.reference || info.total !== first.total || info.concat !== first.concat) {
      throw new InvalidPayloadError('Parts belong to different messages', index);
    }
    if (info.total !== ordered.length) {
      throw new InvalidPayloadError(`Message has ${info.total} parts, ${ordered.length} given`, index);
    }
    if (info.sequence < 1 || info.sequence > info.total || bySequence[info.sequence - 1] !== undefined) {
      throw new InvalidPayloadError(`Bad or repeated sequence number ${info.sequence}`, index);
    }
    bySequence[info.sequence - 1] = ordered[index];
  });
  return bySequence as { part: EncodedPart; index: number }[];
}

function decodePart(part: EncodedPart, index: number): string {
  const bytes = part.payload;
  if (part.dataCoding === 8) {
    if (bytes.length % 2 !== 0) throw new InvalidPayloadError('UCS-2 payload has an odd number of octets', index);
    let text = '';
    for (let i = 0; i < bytes.length; i += 2) {
      text += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    }
    return text;
  }
  const septets = part.packed ? unpackSeptets(bytes, fillBits(part.udh?.length ?? 0), part.units) : bytes;
  return gsmText(septets, index);
}

/**
 * Septets to text. An extension septet the table does not define shows as its default-alphabet
 * character, and ESC ESC as a space (TS 23.038 §6.2.1.1).
 */
function gsmText(septets: Uint8Array, index: number): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const septet = septets[i] as number;
    if (septet > 0x7f) throw new InvalidPayloadError(`Octet 0x${septet.toString(16)} is not a septet`, index);
    if (septet !== ESC) {
      text += BASIC_CHARS[septet];
      continue;
    }
    const next = septets[++i];
    if (next === undefined) throw new InvalidPayloadError('Payload ends inside an escape sequence', index);
    if (next > 0x7f) throw new InvalidPayloadError(`Octet 0x${next.toString(16)} is not a septet`, index);
    text += next === ESC ? ' ' : (EXTENSION_CHARS[next] ?? BASIC_CHARS[next]);
  }
  return text;
}
