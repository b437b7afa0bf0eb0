import { describe, expect, it } from 'vitest';
import { CommandId, INTERFACE_VERSION_34, Status } from '../constants.js';
import { type Pdu, shortMessageDefaults } from '../pdu.js';
import { decodePdu, PduDecodeError } from './decode.js';
import { encodePdu, PduEncodeError, PduEncoder } from './encode.js';
import { FramingError, PduFramer } from './framer.js';

const roundTrip = (pdu: Pdu): Pdu => decodePdu(encodePdu(pdu), 0);

describe('PDU codec', () => {
  it('writes enquire_link as the 16-octet header of §4.11.1', () => {
    const bytes = encodePdu({ command: 'enquire_link', sequenceNumber: 7, commandStatus: 0 });
    expect(bytes.toString('hex')).toBe('00000010000000150000000000000007');
  });

  it('writes bind_transceiver field by field (§4.1.5)', () => {
    const bytes = encodePdu({
      command: 'bind_transceiver',
      sequenceNumber: 1,
      commandStatus: 0,
      systemId: 'ab',
      password: 'pw',
      systemType: '',
      interfaceVersion: INTERFACE_VERSION_34,
      addrTon: 0,
      addrNpi: 0,
      addressRange: '',
    });
    // length 27, id, status, sequence, "ab\0", "pw\0", system_type "\0", version 0x34, ton, npi, address_range "\0"
    expect(bytes.toString('hex')).toBe(
      ['0000001b', '00000009', '00000000', '00000001', '616200', '707700', '00', '34', '00', '00', '00'].join(''),
    );
  });

  it('round-trips submit_sm with every TLV it names and keeps unknown ones', () => {
    const pdu: Pdu = {
      command: 'submit_sm',
      sequenceNumber: 0x7fffffff,
      commandStatus: 0,
      ...shortMessageDefaults(),
      sourceAddrTon: 5,
      sourceAddr: 'Mtredi',
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: '995599123456',
      esmClass: 0x40,
      registeredDelivery: 1,
      dataCoding: 8,
      shortMessage: Buffer.from('0500030a0201', 'hex'),
      tlvs: {
        receiptedMessageId: 'ABC123',
        messageState: 2,
        networkErrorCode: Uint8Array.of(3, 0, 0),
        messagePayload: Buffer.from('hello'),
        sarMsgRefNum: 0x1234,
        sarTotalSegments: 3,
        sarSegmentSeqnum: 2,
        userMessageReference: 9,
        other: [{ tag: 0x1401, value: Uint8Array.of(1, 2) }],
      },
    };
    const back = roundTrip(pdu) as typeof pdu;
    expect({ ...back, shortMessage: Buffer.from(back.shortMessage) }).toEqual({
      ...pdu,
      tlvs: {
        ...pdu.tlvs,
        networkErrorCode: Buffer.of(3, 0, 0),
        messagePayload: Buffer.from('hello'),
        other: [{ tag: 0x1401, value: Buffer.of(1, 2) }],
      },
    });
  });

  it('reads an error submit_sm_resp without a body as an empty message id (§4.4.2)', () => {
    const bytes = Buffer.from('0000001080000004000000580000000c', 'hex');
    expect(decodePdu(bytes, 0)).toEqual({
      command: 'submit_sm_resp',
      sequenceNumber: 12,
      commandStatus: Status.ESME_RTHROTTLED,
      messageId: '',
    });
  });

  it('decodes an unknown command as `unknown`, keeping its body', () => {
    const bytes = Buffer.from('00000012000001030000000000000005abcd', 'hex');
    expect(decodePdu(bytes, 0)).toMatchObject({ command: 'unknown', commandId: 0x103, sequenceNumber: 5 });
  });

  it('refuses a body cut short with ESME_RINVCMDLEN and a broken TLV with ESME_RINVOPTPARSTREAM', () => {
    const good = encodePdu({ command: 'submit_sm', sequenceNumber: 3, commandStatus: 0, ...shortMessageDefaults() });
    const cut = Buffer.from(good.subarray(0, 20));
    cut.writeUInt32BE(20, 0);
    expect(() => decodePdu(cut, 0)).toThrow(PduDecodeError);
    try {
      decodePdu(cut, 0);
    } catch (error) {
      expect((error as PduDecodeError).status).toBe(Status.ESME_RINVCMDLEN);
      expect((error as PduDecodeError).sequenceNumber).toBe(3);
    }
    const tlv = Buffer.concat([good, Buffer.from('04240010ff', 'hex')]);
    tlv.writeUInt32BE(tlv.length, 0);
    expect(() => decodePdu(tlv, 0)).toThrow(expect.objectContaining({ status: Status.ESME_RINVOPTPARSTREAM }));
  });

  it('refuses fields over their SMPP limits before writing anything', () => {
    const encoder = new PduEncoder();
    const sm = { command: 'submit_sm' as const, sequenceNumber: 1, commandStatus: 0, ...shortMessageDefaults() };
    expect(() => encoder.encode({ ...sm, shortMessage: new Uint8Array(255) })).toThrow(PduEncodeError);
    expect(() => encoder.encode({ ...sm, sourceAddr: 'x'.repeat(21) })).toThrow(/source_addr/);
    expect(encoder.take()).toBeNull();
  });

  it('packs many PDUs into one buffer and hands each byte out once', () => {
    const encoder = new PduEncoder();
    for (let i = 1; i <= 3; i++) encoder.encode({ command: 'enquire_link', sequenceNumber: i, commandStatus: 0 });
    const first = encoder.take() as Buffer;
    expect(first.length).toBe(48);
    expect(encoder.take()).toBeNull();
    encoder.encode({ command: 'unbind', sequenceNumber: 4, commandStatus: 0 });
    const second = encoder.take() as Buffer;
    expect(second.readUInt32BE(4)).toBe(CommandId.unbind);
    expect(first.readUInt32BE(12 + 32)).toBe(3);
  });

  it('keeps every PDU written between two takes, across chunk boundaries', () => {
    const encoder = new PduEncoder();
    const sm = {
      command: 'submit_sm' as const,
      commandStatus: 0,
      ...shortMessageDefaults(),
      shortMessage: new Uint8Array(200),
    };
    for (let i = 1; i <= 1000; i++) encoder.encode({ ...sm, sequenceNumber: i });
    const bytes = encoder.take() as Buffer;
    const framer = new PduFramer();
    const seen: number[] = [];
    framer.push(
      bytes,
      (p) => seen.push(p.sequenceNumber),
      () => {},
    );
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });
});

describe('PduFramer', () => {
  const pdus = [1, 2, 3].map((n) =>
    encodePdu({ command: 'submit_sm_resp', sequenceNumber: n, commandStatus: 0, messageId: `id-${n}` }),
  );
  const stream = Buffer.concat(pdus);

  it('frames PDUs split at every possible byte boundary', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const framer = new PduFramer();
      const seen: number[] = [];
      const onPdu = (p: Pdu) => seen.push(p.sequenceNumber);
      framer.push(stream.subarray(0, cut), onPdu, () => {});
      framer.push(stream.subarray(cut), onPdu, () => {});
      expect(seen).toEqual([1, 2, 3]);
    }
  });

  it('throws FramingError for an impossible command_length', () => {
    const framer = new PduFramer(1024);
    expect(() =>
      framer.push(
        Buffer.from('0000000800000015', 'hex'),
        () => {},
        () => {},
      ),
    ).toThrow(FramingError);
    expect(() =>
      framer.push(
        Buffer.from('0001000000000015', 'hex'),
        () => {},
        () => {},
      ),
    ).toThrow(FramingError);
  });

  it('reports a bad PDU and keeps reading the ones after it', () => {
    const bad = Buffer.from('00000011000000040000000000000009ff', 'hex');
    const framer = new PduFramer();
    const errors: unknown[] = [];
    const seen: number[] = [];
    framer.push(
      Buffer.concat([bad, stream]),
      (p) => seen.push(p.sequenceNumber),
      (e) => errors.push(e),
    );
    expect(errors).toHaveLength(1);
    expect(seen).toEqual([1, 2, 3]);
  });
});
