import type { SqlEntityManager } from '@mikro-orm/sql';
import { BoundSql, type BulkColumn } from '../../db/bound-sql.js';
import type { MessageStatusValue } from './message.entity.js';

export interface HistoryEntry {
  messageId: string;
  status: MessageStatusValue;
  errorCode: string | null;
  at: Date;
}

const COLUMNS: BulkColumn[] = [
  { name: 'message_id', pgType: 'uuid' },
  { name: 'status', pgType: 'text' },
  { name: 'error_code', pgType: 'text' },
  { name: 'at', pgType: 'timestamptz' },
];

/** Appends status changes to the messages' histories (message_events), one statement for the lot. */
export async function appendHistory(tx: SqlEntityManager, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const db = new BoundSql(tx);
  await db.run(
    db.insert(
      'message_events',
      COLUMNS,
      entries.map((e) => [e.messageId, e.status, e.errorCode, e.at]),
    ),
  );
}
