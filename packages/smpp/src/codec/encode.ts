import { CommandId } from '../constants.js';
import type { Pdu, ShortMessageBody, Tlvs } from '../pdu.js';
import { tlvsSize, writeTlvs } from './tlv.js';

/** Octets in the PDU header: command_length, command_id, command_status, sequence_number (§3.2). */
export const HEADER_LENGTH = 16;
const CHUNK_SIZE = 64 * 1024;

/** Raised for a PDU the codec refuses to write (a field over its limit); nothing is written. */
export class PduEncodeError extends Error {
  readonly code = 'smpp/encode';
}

/**
 * Writes PDUs back to back into a shared chunk, so a burst of PDUs costs one allocation and one
 * socket write instead of one each. `take()` hands out what was written since the last call; the
 * handed-out bytes are never written again, so they may sit in the socket's queue.
 */
export class PduEncoder {
  private chunk = Buffer.allocUnsafe(CHUNK_SIZE);
  private start = 0;
  private offset = 0;

  /** Appends one PDU. @throws PduEncodeError when a field does not fit its SMPP limit. */
  encode(pdu: Pdu): void {
    const max = maxSize(pdu);
    if (this.chunk.length - this.offset < max) {
      // Bytes written but not yet taken move to the new chunk, so nothing between two takes is lost.
      const pending = this.offset - this.start;
      const next = Buffer.allocUnsafe(Math.max(CHUNK_SIZE, (pending + max) * 2));
      this.chunk.copy(next, 0, this.start, this.offset);
      this.chunk = next;
      this.start = 0;
      this.offset = pending;
    }
    const buf = this.chunk;
    const begin = this.offset;
    let o = begin + HEADER_LENGTH;
    switch (pdu.command) {
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        o = cstr(buf, o, pdu.systemId, 16, 'system_id');
        o = cstr(buf, o, pdu.password, 9, 'password');
        o = cstr(buf, o, pdu.systemType, 13, 'system_type');
        buf[o++] = pdu.interfaceVersion;
        buf[o++] = pdu.addrTon;
        buf[o++] = pdu.addrNpi;
        o = cstr(buf, o, pdu.addressRange, 41, 'address_range');
        break;
      case 'bind_transmitter_resp':
      case 'bind_receiver_resp':
      case 'bind_transceiver_resp':
        o = cstr(buf, o, pdu.systemId, 16, 'system_id');
        if (pdu.tlvs) o = writeTlvs(buf, o, pdu.tlvs);
        break;
      case 'submit_sm':
      case 'deliver_sm':
        o = writeShortMessage(buf, o, pdu);
        break;
      case 'submit_sm_resp':
      case 'deliver_sm_resp':
        // §4.4.2: an error response may omit the body; an empty id still writes its NUL.
        if (pdu.commandStatus === 0 || pdu.messageId !== '') o = cstr(buf, o, pdu.messageId, 65, 'message_id');
        break;
      case 'outbind':
        o = cstr(buf, o, pdu.systemId, 16, 'system_id');
        o = cstr(buf, o, pdu.password, 9, 'password');
        break;
      case 'unknown':
        buf.set(pdu.body, o);
        o += pdu.body.length;
        break;
      default:
        break;
    }
    const length = o - begin;
    buf.writeUInt32BE(length, begin);
    buf.writeUInt32BE(pdu.command === 'unknown' ? pdu.commandId : CommandId[pdu.command], begin + 4);
    buf.writeUInt32BE(pdu.commandStatus >>> 0, begin + 8);
    buf.writeUInt32BE(pdu.sequenceNumber >>> 0, begin + 12);
    this.offset = o;
  }

  /** Bytes written since the last `take`, or null when there are none. */
  take(): Buffer | null {
    if (this.offset === this.start) return null;
    const out = this.chunk.subarray(this.start, this.offset);
    this.start = this.offset;
    return out;
  }
}

/** Encodes one PDU into its own buffer (tests, tools); sessions use a shared PduEncoder. */
export function encodePdu(pdu: Pdu): Buffer {
  const encoder = new PduEncoder();
  encoder.encode(pdu);
  return Buffer.from(encoder.take() as Buffer);
}

function writeShortMessage(buf: Buffer, start: number, m: ShortMessageBody): number {
  const sm = m.shortMessage;
  if (sm.length > 254) {
    throw new PduEncodeError(`short_message is ${sm.length} octets; at most 254 fit (use message_payload)`);
  }
  let o = cstr(buf, start, m.serviceType, 6, 'service_type');
  buf[o++] = m.sourceAddrTon;
  buf[o++] = m.sourceAddrNpi;
  o = cstr(buf, o, m.sourceAddr, 21, 'source_addr');
  buf[o++] = m.destAddrTon;
  buf[o++] = m.destAddrNpi;
  o = cstr(buf, o, m.destinationAddr, 21, 'destination_addr');
  buf[o++] = m.esmClass;
  buf[o++] = m.protocolId;
  buf[o++] = m.priorityFlag;
  o = cstr(buf, o, m.scheduleDeliveryTime, 17, 'schedule_delivery_time');
  o = cstr(buf, o, m.validityPeriod, 17, 'validity_period');
  buf[o++] = m.registeredDelivery;
  buf[o++] = m.replaceIfPresentFlag;
  buf[o++] = m.dataCoding;
  buf[o++] = m.smDefaultMsgId;
  buf[o++] = sm.length;
  buf.set(sm, o);
  o += sm.length;
  return m.tlvs ? writeTlvs(buf, o, m.tlvs) : o;
}

/**
 * Writes a C-Octet String (§3.1) of at most `max` octets including the NUL. Strings are ASCII by the
 * spec; latin1 keeps one octet per character so the size computed up front holds.
 */
function cstr(buf: Buffer, o: number, value: string, max: number, field: string): number {
  if (value.length >= max) {
    throw new PduEncodeError(`${field} "${value}" is ${value.length} characters; at most ${max - 1} fit`);
  }
  const n = value.length === 0 ? 0 : buf.write(value, o, 'latin1');
  buf[o + n] = 0;
  return o + n + 1;
}

/** An upper bound of the encoded size, so a PDU is never split across chunks. */
function maxSize(pdu: Pdu): number {
  let n = HEADER_LENGTH;
  switch (pdu.command) {
    case 'bind_transmitter':
    case 'bind_receiver':
    case 'bind_transceiver':
      return n + pdu.systemId.length + pdu.password.length + pdu.systemType.length + pdu.addressRange.length + 7;
    case 'bind_transmitter_resp':
    case 'bind_receiver_resp':
    case 'bind_transceiver_resp':
      return n + pdu.systemId.length + 1 + tlvSize(pdu.tlvs);
    case 'submit_sm':
    case 'deliver_sm':
      n += pdu.serviceType.length + pdu.sourceAddr.length + pdu.destinationAddr.length;
      n += pdu.scheduleDeliveryTime.length + pdu.validityPeriod.length + 17;
      return n + pdu.shortMessage.length + tlvSize(pdu.tlvs);
    case 'submit_sm_resp':
    case 'deliver_sm_resp':
      return n + pdu.messageId.length + 1;
    case 'outbind':
      return n + pdu.systemId.length + pdu.password.length + 2;
    case 'unknown':
      return n + pdu.body.length;
    default:
      return n;
  }
}

function tlvSize(tlvs: Tlvs | undefined): number {
  return tlvs ? tlvsSize(tlvs) : 0;
}
