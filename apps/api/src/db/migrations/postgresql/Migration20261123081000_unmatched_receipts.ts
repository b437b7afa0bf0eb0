import { Migration } from '@mikro-orm/migrations';

/** Unmatched receipts kept in the database (not in memory), and the `refund` posting kind. */
export class UnmatchedReceipts extends Migration {
  override name = 'Migration20261123081000_unmatched_receipts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "unmatched_receipts" ("id" bigserial primary key, "channel_id" uuid not null, "channel_message_id" varchar(80) not null, "state" text not null, "error_code" varchar(40) null, "handset" varchar(20) null, "text_excerpt" varchar(160) null, "receipt_at" timestamptz not null, "received_at" timestamptz not null, "tries" int not null default 0, "retry_at" timestamptz null);`,
    );
    this.addSql(
      `create index "unmatched_receipts_channel_id_received_at_index" on "unmatched_receipts" ("channel_id", "received_at");`,
    );
    this.addSql(`create index "unmatched_receipts_retry_at_index" on "unmatched_receipts" ("retry_at");`);
    this.addSql(
      `alter table "unmatched_receipts" add constraint "unmatched_receipts_state_check" check ("state" in ('enroute', 'delivered', 'undelivered', 'expired', 'rejected', 'unknown'));`,
    );

    this.addSql(`alter table "ledger_postings" drop constraint "ledger_postings_kind_check";`);
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_kind_check" check ("kind" in ('trial', 'top_up', 'reserve', 'consume', 'release', 'refund'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "unmatched_receipts";`);
    this.addSql(`alter table "ledger_postings" drop constraint "ledger_postings_kind_check";`);
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_kind_check" check ("kind" in ('trial', 'top_up', 'reserve', 'consume', 'release'));`,
    );
  }
}
