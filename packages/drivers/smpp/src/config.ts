import { statusFromName } from '@mtredi/smpp';
import { z } from 'zod';

const Ms = z.number().int().min(0);

/**
 * Config of one `smpp` ("operator direct") channel, as stored in its channel row. Only the SMSC's
 * address and the account are required; every other field has the default a provider would start with.
 */
export const SmppDriverConfig = z.strictObject({
  version: z.literal(1).default(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(2775),
  /** bind system_id, at most 15 characters (SMPP 3.4 §4.1.1). */
  systemId: z.string().min(1).max(15),
  /** bind password, at most 8 characters. */
  password: z.string().max(8),
  systemType: z.string().max(12).default(''),
  /** Outstanding submit_sm at most; NowSMS: 2–3 × the messages per second the link accepts. */
  window: z.number().int().min(1).max(1000).default(10),
  /** Message parts per second this bind sends at most; also declared to routing as the channel's budget. */
  throughput: z.number().positive().default(100),
  /** A submit unanswered this long is an unknown outcome: reported accepted, never resent. */
  responseTimeoutMs: z.number().int().min(100).default(10_000),
  /** enquire_link after this much silence; an unanswered one drops and rebinds the link. 0 = off. */
  enquireLinkIntervalMs: Ms.default(30_000),
  reconnect: z
    .strictObject({
      initialMs: z.number().int().min(10).default(1000),
      maxMs: z.number().int().min(10).default(60_000),
      /** Wait after the SMSC refused our credentials, so a wrong password does not hammer it. */
      bindRefusedMs: z.number().int().min(10).default(60_000),
    })
    .default({ initialMs: 1000, maxMs: 60_000, bindRefusedMs: 60_000 }),
  /** How long `start` waits for the first bind before it resolves with the channel down. */
  startTimeoutMs: Ms.default(10_000),
  encodings: z
    .strictObject({
      /** Pack GSM-7 septets in short_message (data_coding 0); most SMSCs expect unpacked. */
      gsm7Packed: z.boolean().default(false),
      /** Long texts by UDH (default), SAR TLVs, or whole in message_payload. */
      longMessages: z.enum(['udh', 'sar', 'payload']).default('udh'),
      concatReference: z.enum(['8bit', '16bit']).default('8bit'),
    })
    .default({ gsm7Packed: false, longMessages: 'udh', concatReference: '8bit' }),
  /** How submit_sm_resp ids and receipt ids relate on this SMSC (hex/decimal, case, padding). */
  messageIdMatching: z.enum(['exact', 'case_zeros', 'hex_to_decimal', 'decimal_to_hex']).default('case_zeros'),
  /** registered_delivery: `all` (1), `failure` (2), `all_intermediate` (0x11) or `none`. */
  receipts: z.enum(['all', 'failure', 'all_intermediate', 'none']).default('all'),
  /**
   * A part whose submit got no answer (link dropped, response timeout) is reported under an unconfirmed
   * id. With `receipts` `all` or `all_intermediate`, no receipt for it this long after the accept means
   * the SMSC never read it: the core resends the message. Longer than the SMSC's slowest receipt.
   */
  unconfirmedWindowSeconds: z.number().int().min(1).max(86_400).default(300),
  /** TON/NPI for short-code senders and destinations; operators differ. */
  shortCode: z
    .strictObject({ ton: z.number().int().min(0).max(6).default(3), npi: z.number().int().min(0).max(18).default(0) })
    .default({ ton: 3, npi: 0 }),
  maxChars: z
    .strictObject({ gsm7: z.number().int().positive().default(1000), ucs2: z.number().int().positive().default(1000) })
    .default({ gsm7: 1000, ucs2: 1000 }),
  /** Delay before retrying after ESME_RTHROTTLED; new submits also wait this long. */
  throttledRetryMs: z.number().int().min(1).default(1000),
  /** Per command_status (`0x45`, `ESME_RSUBMITFAIL`…): override the built-in retry/reject table. */
  statusOverrides: z
    .record(
      z.string().refine((key) => statusFromName(key) !== undefined, { message: 'not an SMPP command_status' }),
      z.union([z.literal('reject'), z.strictObject({ retryAfterMs: z.number().int().positive() })]),
    )
    .default({}),
  /** How long the parts of an inbound concatenated message are awaited. */
  inboundReassemblyMs: z.number().int().min(100).default(60_000),
});
export type SmppDriverConfig = z.infer<typeof SmppDriverConfig>;
export type SmppDriverConfigInput = z.input<typeof SmppDriverConfig>;
