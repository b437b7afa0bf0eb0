/**
 * SMPP 3.4 numbers. Section numbers refer to the SMPP v3.4 specification, Issue 1.2
 * (https://smpp.org/SMPP_v3_4_Issue1_2.pdf).
 */

/** command_id values, §5.1.2.1. Responses have bit 31 set. */
export const CommandId = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
} as const;
export type CommandName = keyof typeof CommandId;

export const COMMAND_NAMES: ReadonlyMap<number, CommandName> = new Map(
  Object.entries(CommandId).map(([name, id]) => [id, name as CommandName]),
);

/** A response command_id has bit 31 set (§5.1.2.1). */
export const RESPONSE_BIT = 0x80000000;

/** interface_version 0x34 announces SMPP 3.4 (§5.2.4); without it SMSCs treat the ESME as 3.3. */
export const INTERFACE_VERSION_34 = 0x34;

/** command_status values, §5.1.3 (names without the ESME_ prefix are accepted by `statusFromName`). */
export const Status = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RINVPRTFLG: 0x06,
  ESME_RINVREGDLVFLG: 0x07,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RINVMSGID: 0x0c,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RCANCELFAIL: 0x11,
  ESME_RREPLACEFAIL: 0x13,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVSERTYP: 0x15,
  ESME_RINVNUMDESTS: 0x33,
  ESME_RINVDLNAME: 0x34,
  ESME_RINVDESTFLAG: 0x40,
  ESME_RINVSUBREP: 0x42,
  ESME_RINVESMCLASS: 0x43,
  ESME_RCNTSUBDL: 0x44,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RINVSRCTON: 0x48,
  ESME_RINVSRCNPI: 0x49,
  ESME_RINVDSTTON: 0x50,
  ESME_RINVDSTNPI: 0x51,
  ESME_RINVSYSTYP: 0x53,
  ESME_RINVREPFLAG: 0x54,
  ESME_RINVNUMMSGS: 0x55,
  ESME_RTHROTTLED: 0x58,
  ESME_RINVSCHED: 0x61,
  ESME_RINVEXPIRY: 0x62,
  ESME_RINVDFTMSGID: 0x63,
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RQUERYFAIL: 0x67,
  ESME_RINVOPTPARSTREAM: 0xc0,
  ESME_ROPTPARNOTALLWD: 0xc1,
  ESME_RINVPARLEN: 0xc2,
  ESME_RMISSINGOPTPARAM: 0xc3,
  ESME_RINVOPTPARAMVAL: 0xc4,
  ESME_RDELIVERYFAILURE: 0xfe,
  ESME_RUNKNOWNERR: 0xff,
} as const;
export type StatusName = keyof typeof Status;

const STATUS_NAMES = new Map<number, StatusName>(
  Object.entries(Status).map(([name, code]) => [code, name as StatusName]),
);

/** `ESME_RTHROTTLED` for 0x58; unknown codes as `0x000000FE`-style hex, as SMPP logs print them. */
export function statusName(code: number): string {
  return STATUS_NAMES.get(code) ?? `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** `RTHROTTLED`, `ESME_RTHROTTLED`, `0x58` or `88` → 0x58; undefined when not a status. */
export function statusFromName(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const trimmed = value.trim();
  if (/^(0x[0-9a-f]+|\d+)$/i.test(trimmed)) return Number(trimmed);
  const upper = trimmed.toUpperCase();
  return (Status as Record<string, number>)[upper.startsWith('ESME_') ? upper : `ESME_${upper}`];
}

/** Optional parameter tags used here, §5.3.2. */
export const TlvTag = {
  user_message_reference: 0x0204,
  sar_msg_ref_num: 0x020c,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  sc_interface_version: 0x0210,
  receipted_message_id: 0x001e,
  network_error_code: 0x0423,
  message_payload: 0x0424,
  message_state: 0x0427,
} as const;

/**
 * esm_class bits, §5.2.12. Test them with masks: an MO can carry 0x40 together with other bits
 * (node-smpp #139: esm_class 0x48), so equality checks miss messages.
 */
export const EsmClass = {
  /** Message type bits 5–2: SMSC delivery receipt. */
  DELIVERY_RECEIPT: 0x04,
  SME_ACK: 0x08,
  USER_ACK: 0x10,
  /** Intermediate delivery notification. */
  INTERMEDIATE_NOTIFICATION: 0x20,
  /** GSM network specific bit 6: short_message starts with a User Data Header. */
  UDHI: 0x40,
  REPLY_PATH: 0x80,
} as const;

/** registered_delivery, §5.2.17: bits 1–0 ask for a receipt, bit 4 for intermediate notifications. */
export const RegisteredDelivery = {
  NONE: 0x00,
  SUCCESS_AND_FAILURE: 0x01,
  FAILURE_ONLY: 0x02,
  INTERMEDIATE: 0x10,
} as const;

/** addr_ton §5.2.5 and addr_npi §5.2.6 values the platform uses. */
export const Ton = { UNKNOWN: 0, INTERNATIONAL: 1, NATIONAL: 2, NETWORK_SPECIFIC: 3, ALPHANUMERIC: 5 } as const;
export const Npi = { UNKNOWN: 0, ISDN: 1 } as const;

/** message_state, §5.2.28. */
export const MessageState = {
  SCHEDULED: 0,
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
  SKIPPED: 9,
} as const;

/** data_coding, §5.2.19. */
export const DataCoding = { DEFAULT: 0, IA5: 1, BINARY_2: 2, LATIN1: 3, BINARY: 4, UCS2: 8 } as const;
