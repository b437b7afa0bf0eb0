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
  const parts = split(text, { concatReference: concat, reference, packed });
  if (parts.length === 0) parts.push(emptyPart());
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

function emptyPart(): EncodedPart {
  return { udh: null, payload: new Uint8Array(0), dataCoding: 0, text: '' };
}
