import type { Message as MessageDto, StatusChange } from '@mtredi/api-contract';
import type { Message } from './message.entity.js';
import type { MessageEvent } from './message-event.entity.js';

/** The fields a message's answer is made of (a stored entity, or a send just committed). */
export type MessageFields = Pick<
  Message,
  'id' | 'to' | 'sender' | 'text' | 'reference' | 'status' | 'encoding' | 'parts' | 'createdAt' | 'updatedAt'
>;

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

export function toMessageDto(
  m: MessageFields,
  events: Pick<MessageEvent, 'status' | 'at' | 'errorCode'>[],
): MessageDto {
  const history: StatusChange[] = events.map((e) => ({
    status: e.status,
    at: e.at.toISOString(),
    errorCode: e.errorCode ?? null,
  }));
  return { ...toMessageSummary(m), history };
}
