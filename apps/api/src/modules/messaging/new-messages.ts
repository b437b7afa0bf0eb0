import type { SqlEntityManager } from '@mikro-orm/sql';
import { sql } from 'kysely';
import { BoundSql, type BulkColumn } from '../../db/bound-sql.js';
import type { Message } from './message.entity.js';
import type { StatusChange } from './status-events.js';

/** A message accepted for sending, as it is first stored: queued, never attempted. */
export interface NewMessage {
  id: string;
  organizationId: string;
  to: string;
  sender: string;
  text: string;
  reference: string | null;
  encoding: Message['encoding'];
  parts: number;
  operator: string | null;
  campaignId: string | null;
  at: Date;
}

const COLUMNS: BulkColumn[] = [
  { name: 'id', pgType: 'uuid' },
  { name: 'organization_id', pgType: 'uuid' },
  { name: 'recipient', pgType: 'text' },
  { name: 'sender', pgType: 'text' },
  { name: 'text', pgType: 'text' },
  { name: 'reference', pgType: 'text' },
  { name: 'status', pgType: 'text' },
  { name: 'encoding', pgType: 'text' },
  { name: 'parts', pgType: 'int' },
  { name: 'operator', pgType: 'text' },
  { name: 'campaign_id', pgType: 'uuid' },
  { name: 'attempts', pgType: 'int' },
  { name: 'created_at', pgType: 'timestamptz' },
  { name: 'updated_at', pgType: 'timestamptz' },
];

/**
 * Stores new messages with one statement (single sends' commits, batches, campaign chunks). With
 * `skipRepeats`, a number its campaign already has is skipped; returns the ids actually inserted.
 */
export async function insertNewMessages(
  tx: SqlEntityManager,
  messages: readonly NewMessage[],
  options: { skipRepeats?: boolean } = {},
): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const db = new BoundSql(tx);
  if (!options.skipRepeats) {
    await db.run(newMessagesInsert(db, messages));
    return new Set(messages.map((m) => m.id));
  }
  const tail = sql`on conflict (campaign_id, recipient) do nothing returning id`;
  const inserted = await db.rows<{ id: string }>(newMessagesInsert(db, messages, tail));
  return new Set(inserted.map((r) => r.id));
}

/** The INSERT of new messages as a statement, to run on its own or together with others. */
export function newMessagesInsert(db: BoundSql, messages: readonly NewMessage[], tail = sql``) {
  const rows = messages.map((m) => [
    m.id,
    m.organizationId,
    m.to,
    m.sender,
    m.text,
    m.reference,
    'queued',
    m.encoding,
    m.parts,
    m.operator,
    m.campaignId,
    0,
    m.at,
    m.at,
  ]);
  return db.insert('messages', COLUMNS, rows, tail);
}

/** The `queued` status changes of stored new messages, for the listeners (statistics, webhooks). */
export function queuedChanges(messages: readonly NewMessage[]): StatusChange[] {
  return messages.map((m) => ({
    messageId: m.id,
    organizationId: m.organizationId,
    reference: m.reference,
    to: m.to,
    status: 'queued',
    errorCode: null,
    at: m.at,
    campaignId: m.campaignId,
    sender: m.sender,
    operator: m.operator,
    acceptedAt: m.at,
  }));
}
