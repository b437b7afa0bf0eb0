import { Migration } from '@mikro-orm/migrations';

export class AccountsAndBilling extends Migration {
  override name = 'Migration20261122052500_accounts_billing';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`audit_log\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor_user_id\` text null, \`actor_role\` text not null, \`action\` text not null, \`organization_id\` text null, \`target_type\` text not null, \`target_id\` text not null, \`details\` json null);`,
    );
    this.addSql(`create index \`audit_log_organization_id_at_index\` on \`audit_log\` (\`organization_id\`, \`at\`);`);
    this.addSql(`create index \`audit_log_at_index\` on \`audit_log\` (\`at\`);`);

    this.addSql(
      `create table \`credit_packages\` (\`id\` text not null primary key, \`name\` text not null, \`parts\` integer not null, \`price_tetri\` integer not null, \`active\` integer not null default true, \`created_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`top_up_requests\` (\`id\` text not null primary key, \`organization_id\` text not null, \`reference\` text not null, \`package_name\` text not null, \`parts\` integer not null, \`price_tetri\` integer not null, \`status\` text check (\`status\` in ('requested', 'confirmed', 'cancelled')) not null default 'requested', \`requested_by\` text not null, \`requested_at\` datetime not null, \`confirmed_by\` text null, \`confirmed_at\` datetime null, constraint \`top_up_requests_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`top_up_requests_organization_id_index\` on \`top_up_requests\` (\`organization_id\`);`);
    this.addSql(`create unique index \`top_up_requests_reference_unique\` on \`top_up_requests\` (\`reference\`);`);
    this.addSql(
      `create index \`top_up_requests_status_requested_at_index\` on \`top_up_requests\` (\`status\`, \`requested_at\`);`,
    );

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`ledger_postings__temp_alter\` (\`id\` integer not null primary key autoincrement, \`organization_id\` text not null, \`idempotency_key\` text not null, \`kind\` text check (\`kind\` in ('trial', 'top_up', 'reserve', 'consume', 'release')) not null, \`debit\` text check (\`debit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`credit\` text check (\`credit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`amount\` integer not null, \`memo\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`ledger_postings__temp_alter\` select \`id\`, \`organization_id\`, \`idempotency_key\`, substr(\`idempotency_key\`, 1, instr(\`idempotency_key\`, ':') - 1) as \`kind\`, \`debit\`, \`credit\`, \`amount\`, \`memo\`, \`created_at\` from \`ledger_postings\`;`,
    );
    this.addSql(`drop table \`ledger_postings\`;`);
    this.addSql(`alter table \`ledger_postings__temp_alter\` rename to \`ledger_postings\`;`);
    this.addSql(
      `create unique index \`ledger_postings_idempotency_key_unique\` on \`ledger_postings\` (\`idempotency_key\`);`,
    );
    this.addSql(
      `create index \`ledger_postings_organization_id_created_at_index\` on \`ledger_postings\` (\`organization_id\`, \`created_at\`);`,
    );
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`message_events__temp_alter\` (\`id\` integer not null primary key autoincrement, \`message_id\` text not null, \`status\` text check (\`status\` in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed')) not null, \`error_code\` text null, \`at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`message_events__temp_alter\` select \`id\`, \`message_id\`, \`status\`, \`error_code\`, \`at\` from \`message_events\`;`,
    );
    this.addSql(`drop table \`message_events\`;`);
    this.addSql(`alter table \`message_events__temp_alter\` rename to \`message_events\`;`);
    this.addSql(`create index \`message_events_message_id_at_index\` on \`message_events\` (\`message_id\`, \`at\`);`);
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`alter table \`organizations\` add column \`contact_name\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`contact_email\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`contact_phone\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`activated_at\` datetime null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`audit_log\`;`);
    this.addSql(`drop table if exists \`credit_packages\`;`);
    this.addSql(`drop table if exists \`top_up_requests\`;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`ledger_postings__temp_alter\` (\`id\` integer not null primary key autoincrement, \`organization_id\` TEXT not null, \`idempotency_key\` TEXT not null, \`debit\` TEXT check (\`debit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`credit\` TEXT check (\`credit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`amount\` INTEGER not null, \`memo\` TEXT not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`ledger_postings__temp_alter\` select \`id\`, \`organization_id\`, \`idempotency_key\`, \`debit\`, \`credit\`, \`amount\`, \`memo\`, \`created_at\` from \`ledger_postings\`;`,
    );
    this.addSql(`drop table \`ledger_postings\`;`);
    this.addSql(`alter table \`ledger_postings__temp_alter\` rename to \`ledger_postings\`;`);
    this.addSql(
      `create index \`ledger_postings_organization_id_created_at_index\` on \`ledger_postings\` (\`organization_id\`, \`created_at\`);`,
    );
    this.addSql(
      `create unique index \`ledger_postings_idempotency_key_unique\` on \`ledger_postings\` (\`idempotency_key\`);`,
    );
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`message_events__temp_alter\` (\`id\` integer not null primary key autoincrement, \`message_id\` TEXT not null, \`status\` TEXT check (\`status\` in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed')) not null, \`error_code\` TEXT null, \`at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`message_events__temp_alter\` select \`id\`, \`message_id\`, \`status\`, \`error_code\`, \`at\` from \`message_events\`;`,
    );
    this.addSql(`drop table \`message_events\`;`);
    this.addSql(`alter table \`message_events__temp_alter\` rename to \`message_events\`;`);
    this.addSql(`create index \`message_events_message_id_at_index\` on \`message_events\` (\`message_id\`, \`at\`);`);
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`alter table \`organizations\` drop column \`contact_name\`;`);
    this.addSql(`alter table \`organizations\` drop column \`contact_email\`;`);
    this.addSql(`alter table \`organizations\` drop column \`contact_phone\`;`);
    this.addSql(`alter table \`organizations\` drop column \`activated_at\`;`);
  }
}
