/**
 * Typed SMPP 3.4 PDUs (§4). Every PDU carries the header fields; bodies follow the spec's field order.
 * Strings are C-Octet Strings of ASCII (§3.1); `shortMessage` and TLV octet values are raw bytes.
 */

export interface PduHeader {
  sequenceNumber: number;
  /** command_status, §5.1.3; 0 in requests. */
  commandStatus: number;
}

/** Optional parameters (§5.3) decoded to named fields; tags this codec does not name stay in `other`. */
export interface Tlvs {
  receiptedMessageId?: string;
  messageState?: number;
  networkErrorCode?: Uint8Array;
  messagePayload?: Uint8Array;
  sarMsgRefNum?: number;
  sarTotalSegments?: number;
  sarSegmentSeqnum?: number;
  userMessageReference?: number;
  scInterfaceVersion?: number;
  other?: { tag: number; value: Uint8Array }[];
}

/** bind_transmitter / bind_receiver / bind_transceiver body, §4.1.1. */
export interface BindBody {
  systemId: string;
  password: string;
  systemType: string;
  interfaceVersion: number;
  addrTon: number;
  addrNpi: number;
  addressRange: string;
}

/** submit_sm (§4.4.1) and deliver_sm (§4.6.1) share one layout. */
export interface ShortMessageBody {
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  replaceIfPresentFlag: number;
  dataCoding: number;
  smDefaultMsgId: number;
  /** At most 254 octets (sm_length is one octet); longer texts go in `tlvs.messagePayload`. */
  shortMessage: Uint8Array;
  tlvs?: Tlvs;
}

export type BindCommand = 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver';
export type BindRespCommand = 'bind_transmitter_resp' | 'bind_receiver_resp' | 'bind_transceiver_resp';
export type EmptyCommand = 'enquire_link' | 'enquire_link_resp' | 'unbind' | 'unbind_resp' | 'generic_nack';

export type BindPdu = PduHeader & BindBody & { command: BindCommand };
export type BindRespPdu = PduHeader & { command: BindRespCommand; systemId: string; tlvs?: Tlvs };
export type SubmitSmPdu = PduHeader & ShortMessageBody & { command: 'submit_sm' };
export type DeliverSmPdu = PduHeader & ShortMessageBody & { command: 'deliver_sm' };
/** `messageId` is empty when the SMSC answered an error without a body (§4.4.2). */
export type SubmitSmRespPdu = PduHeader & { command: 'submit_sm_resp'; messageId: string };
export type DeliverSmRespPdu = PduHeader & { command: 'deliver_sm_resp'; messageId: string };
export type EmptyPdu = PduHeader & { command: EmptyCommand };
export type OutbindPdu = PduHeader & { command: 'outbind'; systemId: string; password: string };
/** A command this codec does not know; the session answers it with generic_nack ESME_RINVCMDID (§4.3). */
export type UnknownPdu = PduHeader & { command: 'unknown'; commandId: number; body: Uint8Array };

export type Pdu =
  | BindPdu
  | BindRespPdu
  | SubmitSmPdu
  | DeliverSmPdu
  | SubmitSmRespPdu
  | DeliverSmRespPdu
  | EmptyPdu
  | OutbindPdu
  | UnknownPdu;

export type RequestPdu =
  | BindPdu
  | SubmitSmPdu
  | DeliverSmPdu
  | OutbindPdu
  | (EmptyPdu & { command: 'enquire_link' | 'unbind' });
export type ResponsePdu =
  | BindRespPdu
  | SubmitSmRespPdu
  | DeliverSmRespPdu
  | (EmptyPdu & { command: 'enquire_link_resp' | 'unbind_resp' | 'generic_nack' });

/** A PDU before the session numbers it. */
export type Unsequenced<P extends Pdu> = P extends Pdu
  ? Omit<P, 'sequenceNumber' | 'commandStatus'> & { commandStatus?: number }
  : never;

/** Defaults for a submit_sm / deliver_sm body (§4.4.1): everything zero or empty. */
export function shortMessageDefaults(): ShortMessageBody {
  return {
    serviceType: '',
    sourceAddrTon: 0,
    sourceAddrNpi: 0,
    sourceAddr: '',
    destAddrTon: 0,
    destAddrNpi: 0,
    destinationAddr: '',
    esmClass: 0,
    protocolId: 0,
    priorityFlag: 0,
    scheduleDeliveryTime: '',
    validityPeriod: '',
    registeredDelivery: 0,
    replaceIfPresentFlag: 0,
    dataCoding: 0,
    smDefaultMsgId: 0,
    shortMessage: new Uint8Array(0),
  };
}
