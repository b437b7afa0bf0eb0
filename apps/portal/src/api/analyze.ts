import { AnalyzeRequest, OperatorCode } from '@mtredi/api-contract';
import { z } from 'zod';
import type { Transport } from './transport.js';

/** What the channel that would carry a message imposes on it (only when one would carry it). */
export const RouteConstraints = z.object({
  maxChars: z.object({ gsm7: z.number(), ucs2: z.number() }),
  duplicateWindowSeconds: z.number(),
  senderMayBeReplaced: z.boolean(),
  /** `realtime`, `polling` or `none`; kept open so a new mode does not break the composer. */
  receiptMode: z.string(),
});
export type RouteConstraints = z.infer<typeof RouteConstraints>;

/**
 * The route part of `POST /v1/messages/analyze` with a destination: the operator, the channel that would
 * carry the message now (null when none can) and, as English sentences, what it imposes or why each
 * channel refuses it.
 */
export const RouteAnswer = z.object({
  operator: OperatorCode,
  channel: z.string().nullable(),
  constraints: RouteConstraints.optional(),
  warnings: z.array(z.string()),
});
export type RouteAnswer = z.infer<typeof RouteAnswer>;

/** Only the route is read here: the composer analyses the text itself, with the same engine. */
const AnalyzeRouteAnswer = z.object({ route: RouteAnswer.nullable().optional() });

export function analyzeEndpoints(t: Transport) {
  return {
    /** The route a message to `to` would take now; null when the number belongs to no known operator. */
    analyzeRoute: async (request: z.input<typeof AnalyzeRequest> & { to: string }) =>
      (await t.send(AnalyzeRouteAnswer, 'POST', '/v1/messages/analyze', request)).route ?? null,
  };
}
