import type { SmppBehaviour } from '@mtredi/operator-sim';
import {
  type DeliverSmPdu,
  EsmClass,
  formatReceiptText,
  MessageState,
  shortMessageDefaults,
  type Tlvs,
  type Unsequenced,
} from '@mtredi/smpp';
import type { WireIds } from './ids.js';
import type { SubmitRecord } from './records.js';

export type WireState = 'enroute' | 'delivered' | 'undelivered' | 'expired' | 'rejected';

/** stat words and message_state values, SMPP 3.4 Appendix B and §5.2.28. */
const STATES: Record<WireState, { stat: string; messageState: number }> = {
  enroute: { stat: 'ENROUTE', messageState: MessageState.ENROUTE },
  delivered: { stat: 'DELIVRD', messageState: MessageState.DELIVERED },
  undelivered: { stat: 'UNDELIV', messageState: MessageState.UNDELIVERABLE },
  expired: { stat: 'EXPIRED', messageState: MessageState.EXPIRED },
  rejected: { stat: 'REJECTD', messageState: MessageState.REJECTED },
};

/**
 * A receipt deliver_sm for one accepted submit, in the scenario's style: addresses swapped, esm_class
 * 0x04 (or 0x20 for an intermediate notification), the Appendix B text and/or the TLVs
 * receipted_message_id, message_state and network_error_code (§5.3.2.12, .35, .31).
 */
export function receiptPdu(
  record: SubmitRecord,
  state: WireState,
  errorCode: string | undefined,
  doneAt: Date,
  style: SmppBehaviour['receipts'],
  ids: WireIds,
): Unsequenced<DeliverSmPdu> {
  const id = ids.format(record.wire, style.receiptIdFormat ?? style.idFormat);
  const { stat, messageState } = STATES[state];
  const err = errorCode ?? '000';
  const pdu: Unsequenced<DeliverSmPdu> = {
    command: 'deliver_sm',
    ...shortMessageDefaults(),
    sourceAddrTon: record.destTon,
    sourceAddrNpi: record.destNpi,
    sourceAddr: record.dest,
    destAddrTon: record.sourceTon,
    destAddrNpi: record.sourceNpi,
    destinationAddr: record.source,
    esmClass: state === 'enroute' ? EsmClass.INTERMEDIATE_NOTIFICATION : EsmClass.DELIVERY_RECEIPT,
  };
  if (style.content !== 'tlv') {
    const text = formatReceiptText(
      {
        id,
        submitDate: record.submittedAt,
        doneDate: doneAt,
        stat,
        err,
        dlvrd: state === 'delivered' ? 1 : 0,
        text: record.text.replace(/[^\x20-\x7e]/g, '?'),
      },
      { textLabel: style.textLabel, dateDigits: style.dateDigits },
    );
    pdu.shortMessage = Buffer.from(text, 'latin1');
  }
  if (style.content !== 'text') {
    const code = Number.parseInt(err, 10);
    const tlvs: Tlvs = { receiptedMessageId: id, messageState };
    // network_error_code: type 3 (GSM), then the code in two octets (§5.3.2.31).
    if (Number.isFinite(code) && code > 0) tlvs.networkErrorCode = Uint8Array.of(3, (code >> 8) & 0xff, code & 0xff);
    pdu.tlvs = tlvs;
  }
  return pdu;
}
