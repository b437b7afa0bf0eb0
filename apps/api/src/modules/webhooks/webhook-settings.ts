import { z } from 'zod';

const Env = z.object({
  /** First retry after this long; each later one waits twice as long as the one before. */
  MTREDI_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  /** No wait between two attempts is longer than this. */
  MTREDI_WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(2 * 60 * 60 * 1000),
  /** A delivery not accepted this long after its event is given up (marked failed). */
  MTREDI_WEBHOOK_RETRY_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 60 * 60 * 1000),
  /** How long one attempt may take, connection and answer included. */
  MTREDI_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Finished deliveries are removed from the log after this many days. */
  MTREDI_WEBHOOK_LOG_DAYS: z.coerce.number().int().min(1).default(30),
});

export interface WebhookSettings {
  retryBaseMs: number;
  retryMaxDelayMs: number;
  retryWindowMs: number;
  timeoutMs: number;
  logRetentionMs: number;
  /** Loopback, private and link-local addresses allowed (the main configuration's flag, for local receivers). */
  allowPrivateAddresses: boolean;
}

/** Nest injection token for the parsed settings. */
export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/** Parses the webhook variables; a bad value stops start-up naming the variable, like the main configuration. */
export function loadWebhookSettings(
  env: NodeJS.ProcessEnv = process.env,
  allowPrivateAddresses = false,
): WebhookSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return {
    retryBaseMs: e.MTREDI_WEBHOOK_RETRY_BASE_MS,
    retryMaxDelayMs: e.MTREDI_WEBHOOK_RETRY_MAX_DELAY_MS,
    retryWindowMs: e.MTREDI_WEBHOOK_RETRY_WINDOW_MS,
    timeoutMs: e.MTREDI_WEBHOOK_TIMEOUT_MS,
    logRetentionMs: e.MTREDI_WEBHOOK_LOG_DAYS * 24 * 60 * 60 * 1000,
    allowPrivateAddresses,
  };
}

/**
 * When attempt `attempt + 1` is due after attempt `attempt` failed at `now`, or null when the retry window
 * that started with the event has run out. Exponential: base, 2·base, 4·base… capped at the maximum delay.
 */
export function nextAttemptAt(settings: WebhookSettings, attempt: number, eventAt: Date, now: Date): Date | null {
  const delay = Math.min(settings.retryBaseMs * 2 ** Math.max(0, attempt - 1), settings.retryMaxDelayMs);
  const next = now.getTime() + delay;
  return next > eventAt.getTime() + settings.retryWindowMs ? null : new Date(next);
}
