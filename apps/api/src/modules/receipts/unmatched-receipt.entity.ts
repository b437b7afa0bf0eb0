import { defineEntity, p } from '@mikro-orm/core';

export const RECEIPT_STATES = ['enroute', 'delivered', 'undelivered', 'expired', 'rejected', 'unknown'] as const;

/**
 * A receipt that matched no channel message id when it arrived: its accept had not committed yet, it
 * answers a part accepted under an unconfirmed id (the real id was never learned), or it is the
 * operator's mistake. Stored, never dropped: the reconciler retries it by id, then by handset and
 * time, and what still matches nothing stays here for staff to inspect.
 */
export const UnmatchedReceiptSchema = defineEntity({
  name: 'UnmatchedReceipt',
  tableName: 'unmatched_receipts',
  indexes: [{ properties: ['channelId', 'receivedAt'] }, { properties: ['retryAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    channelId: p.uuid(),
    channelMessageId: p.string().length(80),
    state: p.enum(RECEIPT_STATES),
    errorCode: p.string().length(40).nullable(),
    /** The handset the receipt is about, as the channel reported it. */
    handset: p.string().length(20).nullable(),
    /** The start of the message text, when the receipt carried it. */
    textExcerpt: p.string().length(160).nullable(),
    /** When the operator says the state was reached. */
    receiptAt: p.datetime(),
    /** When the platform got the receipt. */
    receivedAt: p.datetime(),
    /** Reconciler passes that found no match so far. */
    tries: p.integer().default(0),
    /** When the reconciler looks at it next; null once it has given up (kept for inspection). */
    retryAt: p.datetime().nullable(),
  },
});
export class UnmatchedReceipt extends UnmatchedReceiptSchema.class {}
UnmatchedReceiptSchema.setClass(UnmatchedReceipt);
