export { decodePdu, PduDecodeError } from './codec/decode.js';
export { encodePdu, HEADER_LENGTH, PduEncodeError, PduEncoder } from './codec/encode.js';
export { FramingError, PduFramer } from './codec/framer.js';
export { TlvDecodeError } from './codec/tlv.js';
export {
  COMMAND_NAMES,
  CommandId,
  type CommandName,
  DataCoding,
  EsmClass,
  INTERFACE_VERSION_34,
  MessageState,
  Npi,
  RESPONSE_BIT,
  RegisteredDelivery,
  Status,
  type StatusName,
  statusFromName,
  statusName,
  TlvTag,
  Ton,
} from './constants.js';
export { type AddressOptions, platformAddress, type SmppAddress, smppAddress } from './message/address.js';
export {
  alphabetOf,
  type ConcatPosition,
  concatFromUdh,
  type DecodedMessage,
  type DecodeOptions,
  decodeShortMessage,
} from './message/inbound.js';
export {
  formatMessageId,
  type MessageIdFormat,
  type MessageIdMatching,
  normalizeReceiptId,
  normalizeSubmitId,
} from './message/message-id.js';
export { buildSubmits, type LongMessageMode, type OutboundOptions } from './message/outbound.js';
export { Reassembler, type ReassemblerOptions } from './message/reassembly.js';
export {
  formatReceiptText,
  isReceipt,
  type ParsedReceipt,
  parseReceipt,
  parseReceiptDate,
  parseReceiptText,
  type ReceiptStatus,
  type ReceiptText,
  type ReceiptTextInput,
  type ReceiptTextStyle,
  receiptStatusFromMessageState,
  receiptStatusFromStat,
} from './message/receipt.js';
export type {
  BindBody,
  BindCommand,
  BindPdu,
  BindRespCommand,
  BindRespPdu,
  DeliverSmPdu,
  DeliverSmRespPdu,
  EmptyCommand,
  EmptyPdu,
  OutbindPdu,
  Pdu,
  PduHeader,
  RequestPdu,
  ResponsePdu,
  ShortMessageBody,
  SubmitSmPdu,
  SubmitSmRespPdu,
  Tlvs,
  UnknownPdu,
  Unsequenced,
} from './pdu.js';
export { shortMessageDefaults } from './pdu.js';
export { Backoff, type BackoffOptions } from './session/backoff.js';
export { EsmeClient, type EsmeClientHandlers, type EsmeClientOptions } from './session/client.js';
export { type CloseReason, type NoResponseReason, SmppNoResponseError } from './session/errors.js';
export {
  type SessionHandlers,
  type SessionOptions,
  type SessionState,
  type SessionStats,
  SmppSession,
} from './session/session.js';
