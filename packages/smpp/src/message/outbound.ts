import { type ConcatReference, type EncodedPart, split } from '@mtredi/encoding';
import { EsmClass } from '../constants.js';
import type { ShortMessageBody, Tlvs } from '../pdu.js';
import { shortMessageDefaults } from '../pdu.js';
import { type AddressOptions, smppAddress } from './address.js';

/** How a text longer than one part travels (reference/smpp.md §2.8). */
export type LongMessageMode = 'udh' | 'sar' | 'payload';

export interface OutboundOptions extends AddressOptions {
  /** Default `udh`: a concatenation header in each part, esm_class UDHI. */
  longMessages?: LongMessageMode;
  /** Pack GSM-7 septets in short_message (default false: one septet per octet). */
  packed?: boolean;
  /** 8-bit (default) or 16-bit concatenation reference. */
  concatReference?: ConcatReference;
  /** The concatenation reference of this message; vary it per message to one handset. */
  reference: number;
  /** registered_delivery (§5.2.17); default 1, a receipt on success and failure. */
  registeredDelivery?: number;
  /**
   * Parts the platform already counted (and charged) for this text: when the text would need fewer,
   * it is cut into this many parts by code points, so there is still one channel id per counted part.
   */
  minParts?: number;
  serviceType?: string;
  validityPeriod?: string;
}

/**
 * Builds the submit_sm bodies for one text (§4.4.1): GSM-7 as data_coding 0, UCS-2 as 8, split by the
 * encoding engine; concatenated by UDH (TS 23.040 §9.2.3.24), by SAR TLVs (§5.3.2.22–24), or sent
 * whole in message_payload (§5.3.2.32). One body per part, in part order.
 */
export function buildSubmits(from: string, to: string, text: string, options: OutboundOptions): ShortMessageBody[] {
  const mode = options.longMessages ?? 'udh';
  const concat = options.concatReference ?? (mode === 'sar' ? '16bit' : '8bit');
  const max = concat === '16bit' ? 0xffff : 0xff;
  const reference = options.reference & max;
  const packed = (options.packed ?? false) && mode !== 'payload';
  let parts = split(text, { concatReference: concat, reference, packed });
  if (parts.length === 0) parts.push(emptyPart());
  if ((options.minParts ?? 1) > parts.length)
    parts = evenParts(text, options.minParts as number, concat, reference, packed);
  const source = smppAddress(from, options);
  const dest = smppAddress(to, options);
  const base = (part: EncodedPart): ShortMessageBody => ({
    ...shortMessageDefaults(),
    serviceType: options.serviceType ?? '',
    sourceAddrTon: source.ton,
    sourceAddrNpi: source.npi,
    sourceAddr: source.addr,
    destAddrTon: dest.ton,
    destAddrNpi: dest.npi,
    destinationAddr: dest.addr,
    registeredDelivery: options.registeredDelivery ?? 1,
    validityPeriod: options.validityPeriod ?? '',
    dataCoding: part.dataCoding,
    shortMessage: part.payload,
  });
  const first = parts[0] as EncodedPart;
  if (parts.length === 1) return [base(first)];
  if (mode === 'payload') {
    // One PDU carrying the whole text: the part payloads are unpacked septets or UCS-2 units, so they join.
    const whole = Buffer.concat(parts.map((p) => p.payload));
    return [{ ...base(first), shortMessage: new Uint8Array(0), tlvs: { messagePayload: whole } }];
  }
  return parts.map((part, index) => {
    const body = base(part);
    if (mode === 'sar') {
      const tlvs: Tlvs = { sarMsgRefNum: reference, sarTotalSegments: parts.length, sarSegmentSeqnum: index + 1 };
      body.tlvs = tlvs;
      return body;
    }
    const udh = part.udh as Uint8Array;
    const sm = new Uint8Array(udh.length + part.payload.length);
    sm.set(udh, 0);
    sm.set(part.payload, udh.length);
    body.shortMessage = sm;
    body.esmClass |= EsmClass.UDHI;
    return body;
  });
}

/** Cuts `text` into `count` runs of code points, each encoded on its own, with a shared concatenation header. */
function evenParts(
  text: string,
  count: number,
  concat: ConcatReference,
  reference: number,
  packed: boolean,
): EncodedPart[] {
  const points = Array.from(text);
  const total = Math.min(count, Math.max(1, points.length), 255);
  const out: EncodedPart[] = [];
  for (let k = 0; k < total; k++) {
    const chunk = points
      .slice(Math.floor((k * points.length) / total), Math.floor(((k + 1) * points.length) / total))
      .join('');
    const encoded = split(chunk, { concatReference: concat, reference, packed })[0] ?? emptyPart();
    out.push({ ...encoded, udh: concatHeader(concat, reference, total, k + 1) });
  }
  return out;
}

/** TS 23.040 §9.2.3.24.1 (IEI 0x00, 8-bit reference) and §9.2.3.24.8 (IEI 0x08, 16-bit reference). */
function concatHeader(concat: ConcatReference, reference: number, total: number, sequence: number): Uint8Array {
  return concat === '16bit'
    ? Uint8Array.of(0x06, 0x08, 0x04, (reference >> 8) & 0xff, reference & 0xff, total, sequence)
    : Uint8Array.of(0x05, 0x00, 0x03, reference & 0xff, total, sequence);
}

function emptyPart(): EncodedPart {
  return { udh: null, payload: new Uint8Array(0), dataCoding: 0, text: '' };
}
