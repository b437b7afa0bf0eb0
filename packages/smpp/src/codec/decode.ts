import { COMMAND_NAMES } from '../constants.js';
import type { Pdu, ShortMessageBody } from '../pdu.js';
import { HEADER_LENGTH } from './encode.js';
import { readTlvs } from './tlv.js';

/** A PDU whose body could not be read; the session answers it with generic_nack and this status. */
export class PduDecodeError extends Error {
  readonly code = 'smpp/decode';
  constructor(
    message: string,
    readonly commandId: number,
    readonly sequenceNumber: number,
    /** command_status to answer with (§5.1.3), e.g. ESME_RINVCMDLEN. */
    readonly status: number,
  ) {
    super(message);
  }
}

/** Cursor over one PDU's body; C-Octet Strings end at NUL (§3.1). */
class Reader {
  constructor(
    readonly buf: Buffer,
    public o: number,
    readonly end: number,
  ) {}

  u8(): number {
    if (this.o >= this.end) throw new RangeError('body ends early');
    return this.buf[this.o++] as number;
  }

  cstr(): string {
    const { buf, end } = this;
    const s = this.o;
    let e = s;
    while (e < end && buf[e] !== 0) e++;
    if (e >= end) throw new RangeError('C-Octet String without NUL');
    this.o = e + 1;
    return e === s ? '' : buf.toString('latin1', s, e);
  }

  /** A C-Octet String that may be cut off by the end of the body (responses with no body). */
  optionalCstr(): string {
    return this.o >= this.end ? '' : this.cstr();
  }

  bytes(n: number): Buffer {
    if (this.o + n > this.end) throw new RangeError('body ends early');
    const out = this.buf.subarray(this.o, this.o + n);
    this.o += n;
    return out;
  }
}

/**
 * Decodes one whole PDU at `start` (its command_length octets are all in `buf`). Byte fields are views
 * into `buf`, not copies.
 * @throws PduDecodeError when the body does not match its command.
 */
export function decodePdu(buf: Buffer, start: number): Pdu {
  const length = buf.readUInt32BE(start);
  const commandId = buf.readUInt32BE(start + 4);
  const commandStatus = buf.readUInt32BE(start + 8);
  const sequenceNumber = buf.readUInt32BE(start + 12);
  const end = start + length;
  const r = new Reader(buf, start + HEADER_LENGTH, end);
  const command = COMMAND_NAMES.get(commandId);
  try {
    switch (command) {
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        return {
          command,
          sequenceNumber,
          commandStatus,
          systemId: r.cstr(),
          password: r.cstr(),
          systemType: r.cstr(),
          interfaceVersion: r.u8(),
          addrTon: r.u8(),
          addrNpi: r.u8(),
          addressRange: r.cstr(),
        };
      case 'bind_transmitter_resp':
      case 'bind_receiver_resp':
      case 'bind_transceiver_resp': {
        const pdu = { command, sequenceNumber, commandStatus, systemId: r.optionalCstr() };
        const tlvs = readTlvs(buf, r.o, end);
        return tlvs ? { ...pdu, tlvs } : pdu;
      }
      case 'submit_sm':
      case 'deliver_sm':
        return { command, sequenceNumber, commandStatus, ...readShortMessage(r) };
      case 'submit_sm_resp':
      case 'deliver_sm_resp':
        return { command, sequenceNumber, commandStatus, messageId: r.optionalCstr() };
      case 'outbind':
        return { command, sequenceNumber, commandStatus, systemId: r.cstr(), password: r.cstr() };
      case 'enquire_link':
      case 'enquire_link_resp':
      case 'unbind':
      case 'unbind_resp':
      case 'generic_nack':
        return { command, sequenceNumber, commandStatus };
      default:
        return { command: 'unknown', commandId, sequenceNumber, commandStatus, body: r.bytes(end - r.o) };
    }
  } catch (error) {
    if (error instanceof PduDecodeError) throw error;
    const name = command ?? `0x${commandId.toString(16)}`;
    // ESME_RINVCMDLEN (0x02) for a short body, ESME_RINVOPTPARSTREAM (0xC0) for broken TLVs.
    const status = error instanceof RangeError ? 0x02 : 0xc0;
    throw new PduDecodeError(`${name}: ${(error as Error).message}`, commandId, sequenceNumber, status);
  }
}

function readShortMessage(r: Reader): ShortMessageBody {
  const body: ShortMessageBody = {
    serviceType: r.cstr(),
    sourceAddrTon: r.u8(),
    sourceAddrNpi: r.u8(),
    sourceAddr: r.cstr(),
    destAddrTon: r.u8(),
    destAddrNpi: r.u8(),
    destinationAddr: r.cstr(),
    esmClass: r.u8(),
    protocolId: r.u8(),
    priorityFlag: r.u8(),
    scheduleDeliveryTime: r.cstr(),
    validityPeriod: r.cstr(),
    registeredDelivery: r.u8(),
    replaceIfPresentFlag: r.u8(),
    dataCoding: r.u8(),
    smDefaultMsgId: r.u8(),
    shortMessage: Buffer.alloc(0),
  };
  body.shortMessage = r.bytes(r.u8());
  const tlvs = readTlvs(r.buf, r.o, r.end);
  if (tlvs) body.tlvs = tlvs;
  return body;
}
