import { readDate } from '../../db/bound-sql.js';
import type { Message } from './message.entity.js';
import type { NewMessage } from './new-messages.js';

/**
 * A message a worker has claimed for dispatch: the columns dispatch needs, read as plain values. The fields
 * it was stored with (new-messages.ts), but when as createdAt, and the submit attempts so far.
 */
export interface ClaimedMessage extends Omit<NewMessage, 'at'> {
  attempts: number;
  createdAt: Date;
}

/** The columns the claim returns. */
export const CLAIMED_COLUMNS = [
  'id',
  'organization_id',
  'recipient',
  'sender',
  'text',
  'reference',
  'encoding',
  'parts',
  'campaign_id',
  'operator',
  'attempts',
  'created_at',
] as const;

/** A row of the claim's RETURNING clause, read without building an entity (hydration cost more than the SQL). */
export function claimedFromRow(row: Record<string, unknown>): ClaimedMessage {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    to: row.recipient as string,
    sender: row.sender as string,
    text: row.text as string,
    reference: (row.reference as string | null) ?? null,
    encoding: row.encoding as Message['encoding'],
    parts: Number(row.parts),
    campaignId: (row.campaign_id as string | null) ?? null,
    operator: (row.operator as string | null) ?? null,
    attempts: Number(row.attempts),
    createdAt: readDate(row.created_at),
  };
}
