import { z } from 'zod';
import { GeorgianMobile } from './phone.js';

export const MessageStatus = z.enum([
  'queued',
  'in_transit',
  'delivered',
  'undelivered',
  'expired',
  'rejected',
  'failed',
]);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** Statuses after which nothing changes any more. */
export const FINAL_MESSAGE_STATUSES: readonly MessageStatus[] = [
  'delivered',
  'undelivered',
  'expired',
  'rejected',
  'failed',
];

/** Text options the customer sees before sending; the stored and sent text is the transformed one. */
export const TextOptions = z.object({
  /** Georgian → Latin, to send GSM-7 (160 per part) instead of UCS-2 (70 per part). */
  transliterate: z.enum(['none', 'national', 'national_apostrophe', 'latin_georgian']).optional(),
  /** Replace curly quotes, dashes, special spaces… by their GSM look-alikes. */
  replaceLookalikes: z.boolean().optional(),
});

const MessageText = z.string().refine((t) => t.trim().length > 0, 'text must not be empty');

export const SendMessageRequest = z.object({
  to: GeorgianMobile,
  sender: z.string().trim().min(1, 'sender is required'),
  text: MessageText,
  reference: z.string().trim().min(1).max(100).optional(),
  /**
   * Transactional and urgent (a code, an appointment): may reach a number on the stop list. Never for
   * advertising — the law requires honouring an opt-out.
   */
  urgent: z.boolean().optional(),
  ...TextOptions.shape,
});

export const AnalyzeRequest = z.object({
  text: z.string().max(10_000, 'text is longer than 10,000 characters'),
  /** With a destination the answer also says which channel would carry it and under which conditions. */
  to: GeorgianMobile.optional(),
  ...TextOptions.shape,
});
export type AnalyzeRequest = z.infer<typeof AnalyzeRequest>;
export type SendMessageRequest = z.input<typeof SendMessageRequest>;

export const StatusChange = z.object({
  status: MessageStatus,
  at: z.string(),
  errorCode: z.string().nullable().optional(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const Message = z.object({
  id: z.string(),
  to: z.string(),
  sender: z.string(),
  text: z.string(),
  reference: z.string().nullable(),
  status: MessageStatus,
  encoding: z.enum(['gsm7', 'ucs2']),
  parts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(StatusChange),
});
export type Message = z.infer<typeof Message>;

export const MessageList = z.object({ items: z.array(Message.omit({ history: true })) });
export type MessageList = z.infer<typeof MessageList>;

export const ListMessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Cursor: only messages created before the message with this id. */
  before: z.string().optional(),
  /** Digits of the number, anywhere in it. */
  to: z.string().trim().max(20).optional(),
  status: MessageStatus.optional(),
  sender: z.string().trim().max(11).optional(),
  campaignId: z.string().uuid().optional(),
  reference: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  until: z.iso.date().optional(),
});
export type ListMessagesQuery = z.infer<typeof ListMessagesQuery>;

/** Up to 10,000 messages in one request; each is accepted or refused on its own. */
export const SendBatchRequest = z.object({
  messages: z
    .array(
      z.object({
        to: z.string().max(40),
        sender: z.string().trim().min(1).max(11),
        text: z.string().max(10_000),
        reference: z.string().trim().min(1).max(100).optional(),
      }),
    )
    .min(1)
    .max(10_000),
  /** Transactional and urgent: may reach numbers on the stop list. Never for advertising. */
  urgent: z.boolean().optional(),
  ...TextOptions.shape,
});
export const BatchResult = z.object({
  accepted: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      ok: z.boolean(),
      id: z.string().optional(),
      parts: z.number().optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

/** A send request after validation: the number is E.164. */
export type ValidSendMessage = z.output<typeof SendMessageRequest>;
