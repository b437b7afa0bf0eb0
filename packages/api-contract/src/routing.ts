import { z } from 'zod';
import { OperatorCode } from './senders.js';

/**
 * Why a channel of the route cannot carry a message. Lasting: `routing/too_long`, `routing/duplicate_window`,
 * `routing/sender_override_not_allowed` (a send is refused before charging when every channel says one of
 * these); passing: `routing/channel_down`, `routing/circuit_open` (the send waits). Readers must accept codes
 * they do not know and fall back to `message`.
 */
export const ROUTE_REFUSAL_CODES = [
  'routing/too_long',
  'routing/duplicate_window',
  'routing/sender_override_not_allowed',
  'routing/channel_down',
  'routing/circuit_open',
] as const;

/** One channel of the route that cannot take the message, with the parameters of its reason. */
export const RouteRefusal = z.object({
  /** One of ROUTE_REFUSAL_CODES, kept open so that a new reason does not break older readers. */
  code: z.string(),
  /** The channel's name as staff label it. */
  channel: z.string(),
  /** The same reason as an English sentence, for readers that do not know the code. */
  message: z.string(),
  /** `routing/too_long`: the most characters the channel carries in the message's encoding. */
  limit: z.number().int().optional(),
  /** `routing/too_long`: the message's characters as channel limits count them (code points). */
  characters: z.number().int().optional(),
  /** `routing/too_long`: the encoding the limit applies to. */
  encoding: z.enum(['gsm7', 'ucs2']).optional(),
  /** `routing/duplicate_window`: how long the channel drops the same text to the same number. */
  windowSeconds: z.number().int().optional(),
});
export type RouteRefusal = z.infer<typeof RouteRefusal>;

/** What the channel that would carry the message imposes on it. */
export const RouteConstraints = z.object({
  maxChars: z.object({ gsm7: z.number(), ucs2: z.number() }),
  duplicateWindowSeconds: z.number(),
  senderMayBeReplaced: z.boolean(),
  /** `realtime`, `polling` or `none`; kept open so a new mode does not break readers. */
  receiptMode: z.string(),
});
export type RouteConstraints = z.infer<typeof RouteConstraints>;

/**
 * The `route` of `POST /v1/messages/analyze` with `to`: how a message to that number would be routed now.
 * `plan`: `route` (a channel takes it), `wait` (only a channel that is down or paused could: a send waits),
 * `impossible` (no channel ever could: a send is refused before charging).
 */
export const RouteAnswer = z.object({
  operator: OperatorCode,
  plan: z.enum(['route', 'wait', 'impossible']),
  /** The channel that would carry it now; null unless `plan` is `route`. */
  channel: z.string().nullable(),
  /** `direct`: the first channel of the operator's route; `reserve`: a later one; null without a channel. */
  role: z.enum(['direct', 'reserve']).nullable(),
  constraints: RouteConstraints.optional(),
  /** Every channel of the route that cannot take it, in route order (with `route`: those skipped). */
  refusals: z.array(RouteRefusal),
  /** English sentences: what the chosen channel imposes, or why each channel refuses. */
  warnings: z.array(z.string()),
});
export type RouteAnswer = z.infer<typeof RouteAnswer>;

/** The route part of the analyze answer; null when the number belongs to no known operator. */
export const AnalyzeRouteAnswer = z.object({ route: RouteAnswer.nullable().optional() });
export type AnalyzeRouteAnswer = z.infer<typeof AnalyzeRouteAnswer>;
