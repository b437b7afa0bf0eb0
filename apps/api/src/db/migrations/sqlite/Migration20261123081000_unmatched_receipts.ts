import { Migration } from '@mikro-orm/migrations';

const LEDGER_COLUMNS =
  '`id`, `organization_id`, `idempotency_key`, `kind`, `debit`, `credit`, `amount`, `memo`, `created_at`';

/** Rebuilds ledger_postings with the given list of kinds: SQLite cannot alter a check constraint. */
function ledgerWithKinds(kinds: string[]): string[] {
  const list = kinds.map((k) => `'${k}'`).join(', ');
  const accounts = `('available', 'reserved', 'consumed', 'promotions', 'sales')`;
  return [
    `pragma foreign_keys = off;`,
    `create table \`ledger_postings__temp_alter\` (\`id\` integer not null primary key autoincrement, \`organization_id\` text not null, \`idempotency_key\` text not null, \`kind\` text check (\`kind\` in (${list})) not null, \`debit\` text check (\`debit\` in ${accounts}) not null, \`credit\` text check (\`credit\` in ${accounts}) not null, \`amount\` integer not null, \`memo\` text not null, \`created_at\` datetime not null);`,
    `insert into \`ledger_postings__temp_alter\` (${LEDGER_COLUMNS}) select ${LEDGER_COLUMNS} from \`ledger_postings\`;`,
    `drop table \`ledger_postings\`;`,
    `alter table \`ledger_postings__temp_alter\` rename to \`ledger_postings\`;`,
    `create unique index \`ledger_postings_idempotency_key_unique\` on \`ledger_postings\` (\`idempotency_key\`);`,
    `create index \`ledger_postings_organization_id_created_at_index\` on \`ledger_postings\` (\`organization_id\`, \`created_at\`);`,
    `pragma foreign_keys = on;`,
  ];
}

/**
 * Unmatched receipts kept in the database (not in memory), and the `refund` posting kind (the one
 * table rebuilt is the one whose check constraint changes).
 */
export class UnmatchedReceipts extends Migration {
  override name = 'Migration20261123081000_unmatched_receipts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`unmatched_receipts\` (\`id\` integer not null primary key autoincrement, \`channel_id\` text not null, \`channel_message_id\` text not null, \`state\` text check (\`state\` in ('enroute', 'delivered', 'undelivered', 'expired', 'rejected', 'unknown')) not null, \`error_code\` text null, \`handset\` text null, \`text_excerpt\` text null, \`receipt_at\` datetime not null, \`received_at\` datetime not null, \`tries\` integer not null default 0, \`retry_at\` datetime null);`,
    );
    this.addSql(
      `create index \`unmatched_receipts_channel_id_received_at_index\` on \`unmatched_receipts\` (\`channel_id\`, \`received_at\`);`,
    );
    this.addSql(`create index \`unmatched_receipts_retry_at_index\` on \`unmatched_receipts\` (\`retry_at\`);`);
    for (const sql of ledgerWithKinds(['trial', 'top_up', 'reserve', 'consume', 'release', 'refund'])) this.addSql(sql);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`unmatched_receipts\`;`);
    this.addSql(`delete from \`ledger_postings\` where \`kind\` = 'refund';`);
    for (const sql of ledgerWithKinds(['trial', 'top_up', 'reserve', 'consume', 'release'])) this.addSql(sql);
  }
}
