import { decodeParts, type EncodedPart } from '@mtredi/encoding';
import { EsmClass } from '../constants.js';
import type { ShortMessageBody } from '../pdu.js';

export interface ConcatPosition {
  reference: number;
  total: number;
  sequence: number;
}

/** The text of one submit_sm / deliver_sm and, for a part of a longer message, its place in it. */
export interface DecodedMessage {
  text: string;
  concat?: ConcatPosition;
}

export interface DecodeOptions {
  /** GSM-7 in short_message is packed (an operator setting; default false). */
  packedGsm?: boolean;
}

type Alphabet = 'gsm7' | 'ucs2' | 'latin1';

/**
 * data_coding to alphabet (§5.2.19, TS 23.038 §4): 0 and the GSM message classes without the 8-bit
 * bit are GSM-7; 8 and the general group's UCS-2 value are UCS-2; IA5, Latin-1 and binary are read
 * octet by octet.
 */
export function alphabetOf(dataCoding: number): Alphabet {
  if (dataCoding === 0) return 'gsm7';
  if (dataCoding === 8) return 'ucs2';
  const group = dataCoding & 0xf0;
  if (group === 0xf0) return dataCoding & 0x04 ? 'latin1' : 'gsm7';
  if (group <= 0x30 && group >= 0x00 && dataCoding & 0x10) {
    const alphabet = (dataCoding >> 2) & 0x03;
    return alphabet === 0 ? 'gsm7' : alphabet === 2 ? 'ucs2' : 'latin1';
  }
  return 'latin1';
}

/**
 * Reads the text of a short message: message_payload when present, otherwise short_message; a UDH
 * (esm_class bit 6 tested as a mask) or SAR TLVs give the part's concatenation position.
 */
export function decodeShortMessage(body: ShortMessageBody, options: DecodeOptions = {}): DecodedMessage {
  const raw = body.tlvs?.messagePayload ?? body.shortMessage;
  let udh: Uint8Array | null = null;
  let payload = raw;
  let concat: ConcatPosition | undefined;
  if (body.esmClass & EsmClass.UDHI && raw.length > 0) {
    const udhl = raw[0] as number;
    udh = raw.subarray(0, Math.min(raw.length, udhl + 1));
    payload = raw.subarray(udh.length);
    concat = concatFromUdh(udh);
  } else if (body.tlvs?.sarMsgRefNum !== undefined && (body.tlvs.sarTotalSegments ?? 1) > 1) {
    concat = {
      reference: body.tlvs.sarMsgRefNum,
      total: body.tlvs.sarTotalSegments ?? 1,
      sequence: body.tlvs.sarSegmentSeqnum ?? 1,
    };
  }
  const text = decodeText(payload, alphabetOf(body.dataCoding), options.packedGsm ?? false, udh);
  return concat ? { text, concat } : { text };
}

/** The concatenation element of a UDH: IEI 0x00 (8-bit reference) or 0x08 (16-bit), TS 23.040 §9.2.3.24.1/.8. */
export function concatFromUdh(udh: Uint8Array): ConcatPosition | undefined {
  let i = 1;
  while (i + 1 < udh.length) {
    const iei = udh[i] as number;
    const len = udh[i + 1] as number;
    const at = (k: number) => udh[i + 2 + k] as number;
    if (i + 2 + len > udh.length) return undefined;
    if (iei === 0x00 && len === 3) return { reference: at(0), total: at(1), sequence: at(2) };
    if (iei === 0x08 && len === 4) return { reference: (at(0) << 8) | at(1), total: at(2), sequence: at(3) };
    i += 2 + len;
  }
  return undefined;
}

function decodeText(payload: Uint8Array, alphabet: Alphabet, packed: boolean, udh: Uint8Array | null): string {
  if (alphabet === 'latin1') return Buffer.from(payload.buffer, payload.byteOffset, payload.length).toString('latin1');
  const part: EncodedPart = { udh: null, payload, dataCoding: alphabet === 'ucs2' ? 8 : 0, text: '' };
  if (alphabet === 'ucs2' && payload.length % 2 === 1) part.payload = payload.subarray(0, payload.length - 1);
  if (alphabet === 'gsm7' && packed) {
    part.packed = true;
    // Fill bits after a UDH depend only on its length; a same-length header without a concatenation
    // element lets the engine decode this one part on its own.
    if (udh && udh.length > 2) part.udh = neutralUdh(udh.length);
  }
  try {
    return decodeParts([part]);
  } catch {
    // Bytes that are not valid in the declared alphabet (node-smpp #68: receipts with the wrong
    // data_coding) are shown octet by octet rather than dropped.
    return Buffer.from(payload.buffer, payload.byteOffset, payload.length).toString('latin1');
  }
}

function neutralUdh(length: number): Uint8Array {
  const udh = new Uint8Array(length);
  udh[0] = length - 1;
  udh[1] = 0x02; // a reserved IEI (TS 23.040 §9.2.3.24), skipped by every reader
  udh[2] = length - 3;
  return udh;
}
