import { EsmClass, MessageState } from '../constants.js';
import type { ShortMessageBody } from '../pdu.js';

/** Receipt states as the platform counts them; same values as channel-sdk's ReceiptState. */
export type ReceiptStatus = 'enroute' | 'delivered' | 'undelivered' | 'expired' | 'rejected' | 'unknown';

/** True when a deliver_sm is a delivery receipt or intermediate notification (§5.2.12, bits tested as masks). */
export function isReceipt(esmClass: number): boolean {
  return (esmClass & (EsmClass.DELIVERY_RECEIPT | EsmClass.INTERMEDIATE_NOTIFICATION)) !== 0;
}

/** The fields of a receipt text (SMPP 3.4 Appendix B), each as written; absent when missing. */
export interface ReceiptText {
  id?: string;
  sub?: string;
  dlvrd?: string;
  submitDate?: string;
  doneDate?: string;
  stat?: string;
  err?: string;
  text?: string;
}

export interface ParsedReceipt {
  /** receipted_message_id when present, else the text's `id:` (which some SMSCs truncate). */
  messageId?: string;
  state: ReceiptStatus;
  /** `err:` as written, else the code in network_error_code. */
  errorCode?: string;
  /** The `stat:` word or the message_state number, as received. */
  rawState?: string;
  doneDate?: Date;
  intermediate: boolean;
  fields: ReceiptText;
}

const FIELD = /\b(id|sub|dlvrd|submit date|done date|stat|err|text):/gi;

/**
 * Splits an Appendix B receipt text into its fields. Accepts `Text:`/`text:`, any order, missing
 * fields and extra spaces; the text after `text:` runs to the end.
 */
export function parseReceiptText(text: string): ReceiptText {
  const out: ReceiptText = {};
  const marks: { key: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(FIELD)) {
    marks.push({ key: (m[1] as string).toLowerCase(), start: m.index, end: m.index + m[0].length });
    if ((m[1] as string).toLowerCase() === 'text') break;
  }
  marks.forEach((mark, i) => {
    const next = marks[i + 1];
    const value = text.slice(mark.end, next ? next.start : text.length);
    const v = mark.key === 'text' ? value.replace(/^ /, '') : value.trim();
    switch (mark.key) {
      case 'submit date':
        out.submitDate ??= v;
        break;
      case 'done date':
        out.doneDate ??= v;
        break;
      default: {
        const key = mark.key as 'id' | 'sub' | 'dlvrd' | 'stat' | 'err' | 'text';
        out[key] ??= v;
      }
    }
  });
  return out;
}

const STAT_WORDS: Record<string, ReceiptStatus> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'undelivered',
  UNDELIV: 'undelivered',
  UNDELIVERABLE: 'undelivered',
  ACCEPTD: 'enroute',
  ACCEPTED: 'enroute',
  ENROUTE: 'enroute',
  SCHEDLD: 'enroute',
  UNKNOWN: 'unknown',
  REJECTD: 'rejected',
  REJECTED: 'rejected',
  SKIPPED: 'undelivered',
};

/** A stat word to a state; anything unknown (MavoCz's `FAILED`) is `unknown`, never an exception. */
export function receiptStatusFromStat(stat: string): ReceiptStatus {
  return STAT_WORDS[stat.trim().toUpperCase()] ?? 'unknown';
}

/**
 * message_state (§5.2.28) to a state. ACCEPTED (manually accepted on the subscriber's behalf) is not a
 * delivery, so it stays in transit; DELETED and SKIPPED never reached the handset.
 */
export function receiptStatusFromMessageState(state: number): ReceiptStatus {
  switch (state) {
    case MessageState.SCHEDULED:
    case MessageState.ENROUTE:
    case MessageState.ACCEPTED:
      return 'enroute';
    case MessageState.DELIVERED:
      return 'delivered';
    case MessageState.EXPIRED:
      return 'expired';
    case MessageState.DELETED:
    case MessageState.UNDELIVERABLE:
    case MessageState.SKIPPED:
      return 'undelivered';
    case MessageState.REJECTED:
      return 'rejected';
    default:
      return 'unknown';
  }
}

/** `YYMMDDhhmm` or `YYMMDDhhmmss`, read as UTC; undefined for anything else. */
export function parseReceiptDate(value: string | undefined): Date | undefined {
  if (!value || !/^\d{10}(\d{2})?$/.test(value)) return undefined;
  const n = (i: number) => Number(value.slice(i, i + 2));
  const date = new Date(Date.UTC(2000 + n(0), n(2) - 1, n(4), n(6), n(8), value.length === 12 ? n(10) : 0));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Reads a receipt the way Jasmin does: TLVs first (receipted_message_id, message_state,
 * network_error_code), then the text for whatever they did not give. `text` is the decoded
 * short_message (pass '' when there is none).
 */
export function parseReceipt(body: ShortMessageBody, text: string): ParsedReceipt {
  const fields = parseReceiptText(text);
  const tlvs = body.tlvs;
  const messageId = tlvs?.receiptedMessageId || fields.id || undefined;
  let state: ReceiptStatus = 'unknown';
  let rawState: string | undefined;
  if (tlvs?.messageState !== undefined) {
    state = receiptStatusFromMessageState(tlvs.messageState);
    rawState = String(tlvs.messageState);
  } else if (fields.stat !== undefined) {
    state = receiptStatusFromStat(fields.stat);
    rawState = fields.stat;
  }
  let errorCode = fields.err || undefined;
  const nec = tlvs?.networkErrorCode;
  if (errorCode === undefined && nec && nec.length === 3)
    errorCode = String(((nec[1] as number) << 8) | (nec[2] as number));
  const result: ParsedReceipt = {
    state,
    intermediate: (body.esmClass & EsmClass.INTERMEDIATE_NOTIFICATION) !== 0,
    fields,
  };
  if (messageId !== undefined) result.messageId = messageId;
  if (errorCode !== undefined) result.errorCode = errorCode;
  if (rawState !== undefined) result.rawState = rawState;
  const done = parseReceiptDate(fields.doneDate);
  if (done) result.doneDate = done;
  return result;
}

export interface ReceiptTextInput {
  id: string;
  submitDate: Date;
  doneDate: Date;
  stat: string;
  err: string;
  sub?: number;
  dlvrd?: number;
  text?: string;
}

export interface ReceiptTextStyle {
  /** `Text` (spec example, default), `text`, or `none` to leave the text field out. */
  textLabel?: 'Text' | 'text' | 'none';
  /** 10 (YYMMDDhhmm, default) or 12 digits (with seconds). */
  dateDigits?: 10 | 12;
}

/** Writes a receipt text in the Appendix B layout, for SMSC simulators. */
export function formatReceiptText(r: ReceiptTextInput, style: ReceiptTextStyle = {}): string {
  const date = (d: Date) => {
    const p = (n: number) => String(n).padStart(2, '0');
    const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
    return style.dateDigits === 12 ? `${s}${p(d.getUTCSeconds())}` : s;
  };
  const n3 = (n: number | undefined) => String(n ?? 1).padStart(3, '0');
  let out = `id:${r.id} sub:${n3(r.sub)} dlvrd:${n3(r.dlvrd ?? (r.stat === 'DELIVRD' ? 1 : 0))} submit date:${date(r.submitDate)} done date:${date(r.doneDate)} stat:${r.stat} err:${r.err}`;
  const label = style.textLabel ?? 'Text';
  if (label !== 'none') out += ` ${label}:${(r.text ?? '').slice(0, 20)}`;
  return out;
}
