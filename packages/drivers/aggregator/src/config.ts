import { z } from 'zod';

const Ms = (fallback: number) => z.number().int().min(1).default(fallback);

const capabilitiesDefault = {
  maxChars: { gsm7: 480, ucs2: 320 },
  duplicateWindowSeconds: 10_800,
  senderPolicy: 'may_override' as const,
  maxMessagesPerSecond: 50,
};

/**
 * Config of one `aggregator` ("reserve aggregator") channel, as stored in its channel row. Only the
 * API's address and the account's token are required; the defaults describe the April 2020 reserve
 * channel (seeds/TRANSLATION.md): Georgian ≤ 320 and Latin ≤ 480 characters, repeats within 3 hours
 * dropped, the provider's own name possible as sender, statistics every minute.
 */
export const AggregatorDriverConfig = z
  .strictObject({
    version: z.literal(1).default(1),
    /** Root of the aggregator API, e.g. `http://127.0.0.1:4781`; paths `/api/v1/…` are appended. */
    baseUrl: z.url({ protocol: /^https?$/ }),
    /** The account's bearer token; one token per channel, so each channel polls only its own receipts. */
    token: z.string().min(1),
    timeouts: z
      .strictObject({
        connectMs: Ms(3000),
        /** A submit unanswered this long has an unknown outcome: it is looked up by reference, never resent blind. */
        requestMs: Ms(10_000),
      })
      .default({ connectMs: 3000, requestMs: 10_000 }),
    /**
     * `polling` (default): `GET /receipts` every `pollIntervalSeconds`. `callback`: the aggregator POSTs
     * each receipt to `callbackUrl`, which the core hands to `parseCallback`. `none`: no receipts at
     * all, statuses stay "in transit" (the channel of 22 April 2020).
     */
    receiptMode: z.enum(['callback', 'polling', 'none']).default('polling'),
    /** The core's public callback endpoint for this channel; required for `callback`. */
    callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Reject callbacks without a valid `x-aggregator-signature` (HMAC keyed with `token`). */
    verifyCallbackSignature: z.boolean().default(true),
    /** Fractions are for tests; a provider polls every minute, as the seed's statistics were updated. */
    pollIntervalSeconds: z.number().min(0.01).default(60),
    /** Receipts asked for per poll; a full page is followed at once by the next. */
    pollBatchSize: z.number().int().min(1).max(1000).default(500),
    /** While not up, `GET /health` is tried this often, so a recovered channel shows up without traffic. */
    healthProbeSeconds: z.number().min(0.01).default(10),
    /** Consecutive failed requests (refused, timeout, 5xx) that turn the channel from degraded to down. */
    downAfterFailures: z.number().int().min(1).default(3),
    /** Keep-alive connections to the aggregator at most. */
    maxConnections: z.number().int().min(1).max(256).default(16),
    capabilities: z
      .strictObject({
        maxChars: z
          .strictObject({
            gsm7: z.number().int().positive().default(480),
            ucs2: z.number().int().positive().default(320),
          })
          .default({ gsm7: 480, ucs2: 320 }),
        duplicateWindowSeconds: z.number().int().min(0).default(10_800),
        senderPolicy: z.enum(['exact', 'may_override']).default('may_override'),
        maxMessagesPerSecond: z.number().positive().default(50),
      })
      .default(capabilitiesDefault),
  })
  .refine((c) => c.receiptMode !== 'callback' || c.callbackUrl !== undefined, {
    message: 'callbackUrl is required when receiptMode is callback',
    path: ['callbackUrl'],
  });
export type AggregatorDriverConfig = z.infer<typeof AggregatorDriverConfig>;
export type AggregatorDriverConfigInput = z.input<typeof AggregatorDriverConfig>;
