import { TlvTag } from '../constants.js';
import type { Tlvs } from '../pdu.js';

/** Optional parameters are tag (2) + length (2) + value, §3.2.4 / §5.3. */
export function tlvsSize(t: Tlvs): number {
  let n = 0;
  if (t.receiptedMessageId !== undefined) n += 4 + t.receiptedMessageId.length + 1;
  if (t.messageState !== undefined) n += 5;
  if (t.networkErrorCode !== undefined) n += 4 + t.networkErrorCode.length;
  if (t.messagePayload !== undefined) n += 4 + t.messagePayload.length;
  if (t.sarMsgRefNum !== undefined) n += 6;
  if (t.sarTotalSegments !== undefined) n += 5;
  if (t.sarSegmentSeqnum !== undefined) n += 5;
  if (t.userMessageReference !== undefined) n += 6;
  if (t.scInterfaceVersion !== undefined) n += 5;
  if (t.other) for (const o of t.other) n += 4 + o.value.length;
  return n;
}

export function writeTlvs(buf: Buffer, start: number, t: Tlvs): number {
  let o = start;
  const head = (tag: number, length: number) => {
    buf.writeUInt16BE(tag, o);
    buf.writeUInt16BE(length, o + 2);
    o += 4;
  };
  const u8 = (tag: number, value: number) => {
    head(tag, 1);
    buf[o++] = value;
  };
  const u16 = (tag: number, value: number) => {
    head(tag, 2);
    buf.writeUInt16BE(value & 0xffff, o);
    o += 2;
  };
  const bytes = (tag: number, value: Uint8Array) => {
    head(tag, value.length);
    buf.set(value, o);
    o += value.length;
  };
  if (t.receiptedMessageId !== undefined) {
    head(TlvTag.receipted_message_id, t.receiptedMessageId.length + 1);
    o += buf.write(t.receiptedMessageId, o, 'latin1');
    buf[o++] = 0;
  }
  if (t.messageState !== undefined) u8(TlvTag.message_state, t.messageState);
  if (t.networkErrorCode !== undefined) bytes(TlvTag.network_error_code, t.networkErrorCode);
  if (t.sarMsgRefNum !== undefined) u16(TlvTag.sar_msg_ref_num, t.sarMsgRefNum);
  if (t.sarTotalSegments !== undefined) u8(TlvTag.sar_total_segments, t.sarTotalSegments);
  if (t.sarSegmentSeqnum !== undefined) u8(TlvTag.sar_segment_seqnum, t.sarSegmentSeqnum);
  if (t.userMessageReference !== undefined) u16(TlvTag.user_message_reference, t.userMessageReference);
  if (t.scInterfaceVersion !== undefined) u8(TlvTag.sc_interface_version, t.scInterfaceVersion);
  if (t.messagePayload !== undefined) bytes(TlvTag.message_payload, t.messagePayload);
  if (t.other) for (const x of t.other) bytes(x.tag, x.value);
  return o;
}

/** Raised for a TLV whose length runs past the PDU; the session answers ESME_RINVOPTPARSTREAM. */
export class TlvDecodeError extends Error {
  readonly code = 'smpp/tlv';
}

/** Reads TLVs from `start` to `end`; unknown tags are kept (SMPP 3.4 §3.2.4: ignore, do not fail). */
export function readTlvs(buf: Buffer, start: number, end: number): Tlvs | undefined {
  if (start >= end) return undefined;
  const t: Tlvs = {};
  let o = start;
  while (o < end) {
    if (o + 4 > end) throw new TlvDecodeError(`truncated TLV header at octet ${o}`);
    const tag = buf.readUInt16BE(o);
    const length = buf.readUInt16BE(o + 2);
    const v = o + 4;
    o = v + length;
    if (o > end) throw new TlvDecodeError(`TLV 0x${tag.toString(16)} runs past the PDU`);
    switch (tag) {
      case TlvTag.receipted_message_id: {
        let e = v;
        while (e < o && buf[e] !== 0) e++;
        t.receiptedMessageId = buf.toString('latin1', v, e);
        break;
      }
      case TlvTag.message_state:
        if (length >= 1) t.messageState = buf[v] as number;
        break;
      case TlvTag.network_error_code:
        t.networkErrorCode = buf.subarray(v, o);
        break;
      case TlvTag.message_payload:
        t.messagePayload = buf.subarray(v, o);
        break;
      case TlvTag.sar_msg_ref_num:
        if (length >= 2) t.sarMsgRefNum = buf.readUInt16BE(v);
        break;
      case TlvTag.sar_total_segments:
        if (length >= 1) t.sarTotalSegments = buf[v] as number;
        break;
      case TlvTag.sar_segment_seqnum:
        if (length >= 1) t.sarSegmentSeqnum = buf[v] as number;
        break;
      case TlvTag.user_message_reference:
        if (length >= 2) t.userMessageReference = buf.readUInt16BE(v);
        break;
      case TlvTag.sc_interface_version:
        if (length >= 1) t.scInterfaceVersion = buf[v] as number;
        break;
      default:
        t.other = t.other ?? [];
        t.other.push({ tag, value: buf.subarray(v, o) });
    }
  }
  return t;
}
