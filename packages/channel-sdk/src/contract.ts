import type { z } from 'zod';

/** How a text is carried on the air interface (GSM 03.38 septets or UCS-2 code units). */
export type TextEncoding = 'gsm7' | 'ucs2';

/**
 * What a channel can and cannot do. Routing reads these before it hands a message to a channel, so a
 * message the channel would drop or cut is never given to it (the 2020 reserve channel dropped repeats
 * within 3 hours and cut Georgian texts at 320 characters).
 */
export interface ChannelCapabilities {
  /** Longest text, in characters, the channel delivers per encoding (the direct channel: 1000 both). */
  maxChars: Record<TextEncoding, number>;
  /** Same text to the same number inside this many seconds is silently dropped by the channel; 0 = never. */
  duplicateWindowSeconds: number;
  /** `exact`: always delivers under the requested sender; `may_override`: may use the provider's own name. */
  senderPolicy: 'exact' | 'may_override';
  /** How delivery receipts arrive: pushed as they happen, polled periodically, or not at all. */
  receiptMode: 'realtime' | 'polling' | 'none';
  /** Sustained submit rate the channel accepts; the core shares this budget between all workers. */
  maxMessagesPerSecond: number;
  /**
   * For parts accepted under an unconfirmed id (see `unconfirmedId`): when the channel reports every
   * final state, a placeholder with no receipt this many seconds after the accept means the operator
   * never took the submit, and the core resends the message. Absent: silence proves nothing (no
   * receipts, or failures only), so the core leaves such a message in transit, flagged as unknown.
   */
  unconfirmedWindowSeconds?: number;
}

/** One message handed to a driver. `id` is the platform's id, stable across retries. */
export interface OutboundMessage {
  id: string;
  /** Destination in E.164, e.g. +995599123456. */
  to: string;
  sender: string;
  text: string;
  encoding: TextEncoding;
  parts: number;
}

/** The outcome of one submit; a driver never throws for an operator's answer, it returns one of these. */
export type SubmitResult =
  /** The channel took responsibility; one channel id per part, in part order. */
  | { kind: 'accepted'; channelMessageIds: string[] }
  /** Try again later (throttled, queue full, link down); not a failure, nothing was delivered. */
  | {
      kind: 'retry_later';
      delayMs: number;
      reason: string;
      /**
       * `throttled`: the channel is fine but busy, the message waits for it. `unavailable` (the default when
       * absent): the channel cannot take traffic now, so routing may fail over to the next channel.
       */
      cause?: 'throttled' | 'unavailable';
    }
  /** Permanently refused before acceptance; the platform returns the reserved credit. */
  | { kind: 'rejected'; code: string; reason: string };

/** Final and intermediate delivery states a receipt can report. */
export type ReceiptState = 'enroute' | 'delivered' | 'undelivered' | 'expired' | 'rejected' | 'unknown';

export const FINAL_RECEIPT_STATES: ReadonlySet<ReceiptState> = new Set([
  'delivered',
  'undelivered',
  'expired',
  'rejected',
]);

export interface Receipt {
  /** The id the channel returned in `accepted.channelMessageIds`. */
  channelMessageId: string;
  state: ReceiptState;
  /** The operator's error code, as the operator wrote it, when it gave one. */
  errorCode?: string;
  /** When the operator says the state was reached. */
  at: Date;
  /**
   * The handset the receipt is about, as the operator wrote it (E.164 with `+` when it said
   * international). With `textExcerpt` it lets the core match a receipt whose id it never learned to
   * a part accepted under an unconfirmed id.
   */
  handset?: string;
  /** The start of the message text when the receipt carries it (SMPP's `text:`, often 20 characters). */
  textExcerpt?: string;
}

/**
 * The id a driver reports for a part whose submit went out but whose answer never came (link dropped,
 * response timed out): `unconfirmed:<message id>` or `unconfirmed:<message id>:<part>` (parts from 1).
 * The operator may or may not have it, so the part is reported accepted (resending could deliver
 * twice) and the core reconciles it from receipts (see `ChannelCapabilities.unconfirmedWindowSeconds`).
 */
export const UNCONFIRMED_ID_PREFIX = 'unconfirmed:';

export function unconfirmedId(messageId: string, part?: number): string {
  return part === undefined ? `${UNCONFIRMED_ID_PREFIX}${messageId}` : `${UNCONFIRMED_ID_PREFIX}${messageId}:${part}`;
}

export function isUnconfirmedId(channelMessageId: string): boolean {
  return channelMessageId.startsWith(UNCONFIRMED_ID_PREFIX);
}

/** A message sent by a subscriber to us (MO), e.g. a STOP reply. */
export interface InboundMessage {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
}

export type ChannelHealth = 'up' | 'degraded' | 'down';

/** What the core gives a driver on start: where to report what the channel tells asynchronously. */
export interface ChannelContext {
  channelId: string;
  onReceipt(receipt: Receipt): void;
  onInbound(message: InboundMessage): void;
  onHealth(health: ChannelHealth, detail?: string): void;
}

/**
 * A running connection to one channel. One instance per channel row; nothing is shared between
 * instances, so two channels on the same driver never see each other's state.
 */
export interface ChannelDriver {
  readonly capabilities: ChannelCapabilities;
  /** Connect and begin reporting through `context`. Resolves once the channel can take submits. */
  start(context: ChannelContext): Promise<void>;
  /**
   * Hand one message to the channel. Resolves with the operator's answer and never rejects for one:
   * before `start` or after `stop` it answers `retry_later`.
   */
  submit(message: OutboundMessage): Promise<SubmitResult>;
  /**
   * Stop taking submits, wait for in-flight ones, disconnect. Receipts after this are not reported.
   * Calling it again resolves at once.
   */
  stop(): Promise<void>;
  /**
   * For channels whose operator pushes receipts to us over HTTP (the reserve aggregator's callbacks):
   * the core's callback endpoint for this channel passes each request's body (parsed JSON, or its raw
   * text) and headers here, and handles the returned receipts exactly like ones given to
   * `context.onReceipt` (the driver does not report them a second time). Throws an error carrying a
   * string `code` when the request is not a genuine callback of this channel (bad shape, bad
   * signature): answer it 4xx and store nothing. Answer 2xx only after the receipts are stored, since
   * the sender retries anything else. Absent: the channel takes no callbacks.
   */
  parseCallback?(body: unknown, headers: Readonly<Record<string, string | string[] | undefined>>): Receipt[];
}

/**
 * What a driver package exports. The core keeps a map from `name` to manifest and builds one driver
 * per channel from the channel's stored config, validated by `configSchema` first.
 */
export interface DriverManifest<Schema extends z.ZodType = z.ZodType> {
  /** Stable key stored in channel rows, e.g. `simulator`, `smpp`, `aggregator`. */
  name: string;
  /** Human title for the staff channel form. */
  title: string;
  description: string;
  configSchema: Schema;
  create(config: z.infer<Schema>): ChannelDriver;
}

/** Typed identity helper so a manifest's `create` sees its own parsed config type. */
export function defineDriver<Schema extends z.ZodType>(manifest: DriverManifest<Schema>): DriverManifest<Schema> {
  return manifest;
}
