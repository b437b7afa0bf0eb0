import type { SqlEntityManager } from '@mikro-orm/sql';
import { type Posting, postings } from '@mtredi/billing';
import { LedgerPosting } from './ledger-posting.entity.js';

export interface RefusedMessage {
  organizationId: string;
  messageId: string;
  parts: number;
  /** The refusal code, for the posting's memo. */
  reason: string;
}

const CHUNK = 1000;

/**
 * The postings that give back the credit of refused messages: `release` (reserved → available) for a
 * message refused before any channel accepted it, `refund` (consumed → available) for one that was
 * already consumed — sent again after an unconfirmed accept the operator never got, then refused. A
 * release there would find no reservation of its own and take another message's. One query per batch
 * (which of them have a consume posting); post the result with the caller's transaction.
 */
export async function creditReturns(tx: SqlEntityManager, refused: RefusedMessage[]): Promise<Posting[]> {
  const consumed = new Set<string>();
  for (let i = 0; i < refused.length; i += CHUNK) {
    const keys = refused.slice(i, i + CHUNK).map((r) => `consume:${r.messageId}`);
    const rows = await tx.find(LedgerPosting, { idempotencyKey: { $in: keys } }, { fields: ['idempotencyKey'] });
    for (const row of rows) consumed.add(row.idempotencyKey);
  }
  return refused.map((r) =>
    consumed.has(`consume:${r.messageId}`)
      ? postings.refund(r.organizationId, r.messageId, r.parts, r.reason)
      : postings.release(r.organizationId, r.messageId, r.parts, r.reason),
  );
}
