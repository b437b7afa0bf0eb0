import type { Message } from './message.entity.js';

/** A message a worker has claimed for dispatch: the columns dispatch needs, read as plain values. */
export interface ClaimedMessage {
  id: string;
  organizationId: string;
  to: string;
  sender: string;
  text: string;
  reference: string | null;
  encoding: Message['encoding'];
  parts: number;
  campaignId: string | null;
  operator: string | null;
  attempts: number;
  createdAt: Date;
}

/** The columns the claim returns (as stored, so the same on SQLite and PostgreSQL). */
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

/**
 * A row of the claim's RETURNING clause, read without building an entity: hydrating hundreds of entities
 * per batch was the largest cost of dispatch. Accepts the property names too (a driver may map them).
 */
export function claimedFromRow(row: Record<string, unknown>): ClaimedMessage {
  const value = (column: string, property: string) => row[column] ?? row[property];
  const created = value('created_at', 'createdAt');
  return {
    id: value('id', 'id') as string,
    organizationId: value('organization_id', 'organization') as string,
    to: value('recipient', 'to') as string,
    sender: value('sender', 'sender') as string,
    text: value('text', 'text') as string,
    reference: (value('reference', 'reference') as string | null) ?? null,
    encoding: value('encoding', 'encoding') as Message['encoding'],
    parts: Number(value('parts', 'parts')),
    campaignId: (value('campaign_id', 'campaignId') as string | null) ?? null,
    operator: (value('operator', 'operator') as string | null) ?? null,
    attempts: Number(value('attempts', 'attempts')),
    createdAt: created instanceof Date ? created : new Date(created as string | number),
  };
}
