import { FINAL_MESSAGE_STATUSES, type Message as MessageDto, type StatusChange } from '@mtredi/api-contract';
import type { Message } from './message.entity.js';
import type { MessageEvent } from './message-event.entity.js';

/** The fields a message's answer is made of (a stored entity, or a send just committed). */
export type MessageFields = Pick<
  Message,
  'id' | 'to' | 'sender' | 'text' | 'reference' | 'status' | 'encoding' | 'parts' | 'createdAt' | 'updatedAt'
>;

/** One line of a message's history as answered (no message id: it is one message's). */
type HistoryLine = Pick<MessageEvent, 'status' | 'at' | 'errorCode'>;

export function toMessageSummary(m: MessageFields): Omit<MessageDto, 'history'> {
  return {
    id: m.id,
    to: m.to,
    sender: m.sender,
    text: m.text,
    reference: m.reference ?? null,
    status: m.status,
    encoding: m.encoding,
    parts: m.parts,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function toMessageDto(m: MessageFields, events: HistoryLine[]): MessageDto {
  const history: StatusChange[] = events.map((e) => ({
    status: e.status,
    at: e.at.toISOString(),
    errorCode: e.errorCode ?? null,
  }));
  return { ...toMessageSummary(m), history };
}

const FINAL: ReadonlySet<string> = new Set(FINAL_MESSAGE_STATUSES);

/**
 * A stored message's history in time order: its acceptance (created_at; not a history row, so bulk sends
 * and campaigns write one row less per message — older messages have the row, shown once), its history rows (refusals,
 * resends, cancellations, flags), its last send (sent_at) and its final receipt (done_at with the status
 * and code on the row). The send and the receipt are kept on the row, not as history rows: they happen to
 * every message, and a row each would double the writes of the pipeline's busiest path.
 */
export function historyOf(
  m: Pick<Message, 'createdAt' | 'sentAt' | 'doneAt' | 'status' | 'errorCode'>,
  events: HistoryLine[],
): HistoryLine[] {
  const first = events[0];
  const accepted = first?.status === 'queued' && first.at.getTime() === m.createdAt.getTime();
  const entries: HistoryLine[] = accepted
    ? [...events]
    : [{ status: 'queued', at: m.createdAt, errorCode: null }, ...events];
  // A send that was lost and sent again is a history row too (receipts/resender.ts) until the next accept.
  const sentAt = m.sentAt?.getTime();
  if (sentAt !== undefined && !events.some((e) => e.status === 'in_transit' && e.at.getTime() === sentAt)) {
    entries.push({ status: 'in_transit', at: m.sentAt as Date, errorCode: null });
  }
  if (m.doneAt && FINAL.has(m.status)) entries.push({ status: m.status, at: m.doneAt, errorCode: m.errorCode ?? null });
  // Stable: entries of the same millisecond keep the order above (accepted, then sent, then final).
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
