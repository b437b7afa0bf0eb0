import { Migration } from '@mikro-orm/migrations';

export class InitialSchema extends Migration {
  override name = 'Migration20261122051000_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`channels\` (\`id\` text not null primary key, \`name\` text not null, \`driver\` text not null, \`config\` json not null, \`enabled\` integer not null default true, \`priority\` integer not null default 100, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`channels_name_unique\` on \`channels\` (\`name\`);`);

    this.addSql(
      `create table \`channel_message_ids\` (\`channel_id\` text not null, \`channel_message_id\` text not null, \`message_id\` text not null, \`part\` integer not null, primary key (\`channel_id\`, \`channel_message_id\`));`,
    );
    this.addSql(`create index \`channel_message_ids_message_id_index\` on \`channel_message_ids\` (\`message_id\`);`);

    this.addSql(
      `create table \`credit_accounts\` (\`organization_id\` text not null, \`account\` text check (\`account\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`balance\` integer not null default 0, primary key (\`organization_id\`, \`account\`));`,
    );

    this.addSql(
      `create table \`ledger_postings\` (\`id\` integer not null primary key autoincrement, \`organization_id\` text not null, \`idempotency_key\` text not null, \`debit\` text check (\`debit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`credit\` text check (\`credit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`amount\` integer not null, \`memo\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`ledger_postings_idempotency_key_unique\` on \`ledger_postings\` (\`idempotency_key\`);`,
    );
    this.addSql(
      `create index \`ledger_postings_organization_id_created_at_index\` on \`ledger_postings\` (\`organization_id\`, \`created_at\`);`,
    );

    this.addSql(
      `create table \`message_events\` (\`id\` integer not null primary key autoincrement, \`message_id\` text not null, \`status\` text check (\`status\` in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed')) not null, \`error_code\` text null, \`at\` datetime not null);`,
    );
    this.addSql(`create index \`message_events_message_id_at_index\` on \`message_events\` (\`message_id\`, \`at\`);`);

    this.addSql(
      `create table \`organizations\` (\`id\` text not null primary key, \`name\` text not null, \`website\` text null, \`status\` text check (\`status\` in ('pending', 'active', 'suspended')) not null default 'pending', \`created_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`messages\` (\`id\` text not null primary key, \`organization_id\` text not null, \`recipient\` text not null, \`sender\` text not null, \`text\` text not null, \`reference\` text null, \`status\` text check (\`status\` in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed')) not null default 'queued', \`encoding\` text check (\`encoding\` in ('gsm7', 'ucs2')) not null, \`parts\` integer not null, \`channel_id\` text null, \`error_code\` text null, \`attempts\` integer not null default 0, \`claimed_until\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`messages_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`messages_organization_id_index\` on \`messages\` (\`organization_id\`);`);
    this.addSql(
      `create index \`messages_organization_id_created_at_index\` on \`messages\` (\`organization_id\`, \`created_at\`);`,
    );
    this.addSql(`create index \`messages_status_updated_at_index\` on \`messages\` (\`status\`, \`updated_at\`);`);
    this.addSql(
      `create index \`messages_organization_id_reference_index\` on \`messages\` (\`organization_id\`, \`reference\`);`,
    );

    this.addSql(
      `create table \`api_keys\` (\`id\` text not null primary key, \`organization_id\` text not null, \`name\` text not null, \`prefix\` text not null, \`key_hash\` text not null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null, constraint \`api_keys_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`api_keys_organization_id_index\` on \`api_keys\` (\`organization_id\`);`);
    this.addSql(`create unique index \`api_keys_key_hash_unique\` on \`api_keys\` (\`key_hash\`);`);

    this.addSql(
      `create table \`sender_names\` (\`id\` text not null primary key, \`organization_id\` text not null, \`name\` text not null, \`status\` text check (\`status\` in ('requested', 'active', 'rejected', 'revoked')) not null default 'requested', \`created_at\` datetime not null, constraint \`sender_names_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`sender_names_organization_id_index\` on \`sender_names\` (\`organization_id\`);`);
    this.addSql(
      `create unique index \`sender_names_organization_id_name_unique\` on \`sender_names\` (\`organization_id\`, \`name\`);`,
    );

    this.addSql(
      `create table \`users\` (\`id\` text not null primary key, \`organization_id\` text not null, \`email\` text not null, \`name\` text not null, \`password_hash\` text not null, \`role\` text check (\`role\` in ('owner', 'member', 'staff')) not null, \`created_at\` datetime not null, constraint \`users_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`users_organization_id_index\` on \`users\` (\`organization_id\`);`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);

    this.addSql(
      `create table \`sessions\` (\`token_hash\` text not null primary key, \`user_id\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, constraint \`sessions_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`));`,
    );
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`channels\`;`);
    this.addSql(`drop table if exists \`channel_message_ids\`;`);
    this.addSql(`drop table if exists \`credit_accounts\`;`);
    this.addSql(`drop table if exists \`ledger_postings\`;`);
    this.addSql(`drop table if exists \`message_events\`;`);
    this.addSql(`drop table if exists \`organizations\`;`);
    this.addSql(`drop table if exists \`messages\`;`);
    this.addSql(`drop table if exists \`api_keys\`;`);
    this.addSql(`drop table if exists \`sender_names\`;`);
    this.addSql(`drop table if exists \`users\`;`);
    this.addSql(`drop table if exists \`sessions\`;`);
  }
}
