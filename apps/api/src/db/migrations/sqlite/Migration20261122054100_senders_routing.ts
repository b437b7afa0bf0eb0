import { Migration } from '@mikro-orm/migrations';

export class SendersAndRouting extends Migration {
  override name = 'Migration20261122054100_senders_routing';

  override up(): void | Promise<void> {
    this.addSql(`create table \`generic_sender_names\` (\`name\` text not null primary key);`);

    this.addSql(
      `create table \`notices\` (\`id\` text not null primary key, \`kind\` text check (\`kind\` in ('reauthorization', 'service')) not null, \`text_ka\` text not null, \`text_en\` text not null, \`active\` integer not null default true, \`published_at\` datetime not null, \`published_by\` text null);`,
    );
    this.addSql(`create index \`notices_active_published_at_index\` on \`notices\` (\`active\`, \`published_at\`);`);

    this.addSql(
      `create table \`operator_prefixes\` (\`prefix\` text not null primary key, \`operator\` text check (\`operator\` in ('magti', 'silknet', 'cellfie')) not null);`,
    );

    this.addSql(
      `create table \`ported_numbers\` (\`number\` text not null primary key, \`operator\` text check (\`operator\` in ('magti', 'silknet', 'cellfie')) not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`routes\` (\`operator\` text check (\`operator\` in ('magti', 'silknet', 'cellfie')) not null, \`channel_id\` text not null, \`priority\` integer not null, primary key (\`operator\`, \`channel_id\`));`,
    );

    this.addSql(
      `create table \`sender_authorization_events\` (\`id\` integer not null primary key autoincrement, \`sender_id\` text not null, \`organization_id\` text not null, \`operator\` text check (\`operator\` in ('magti', 'silknet', 'cellfie')) not null, \`from_state\` text check (\`from_state\` in ('requested', 'submitted', 'active', 'rejected', 'revoked')) not null, \`to_state\` text check (\`to_state\` in ('requested', 'submitted', 'active', 'rejected', 'revoked')) not null, \`event\` text not null, \`reason\` text null, \`actor_kind\` text not null, \`actor_id\` text null, \`at\` datetime not null);`,
    );
    this.addSql(
      `create index \`sender_authorization_events_sender_id_at_index\` on \`sender_authorization_events\` (\`sender_id\`, \`at\`);`,
    );

    this.addSql(
      `create table \`sender_authorizations\` (\`sender_id\` text not null, \`operator\` text check (\`operator\` in ('magti', 'silknet', 'cellfie')) not null, \`organization_id\` text not null, \`state\` text check (\`state\` in ('requested', 'submitted', 'active', 'rejected', 'revoked')) not null, \`reason\` text null, \`updated_at\` datetime not null, primary key (\`sender_id\`, \`operator\`), constraint \`sender_authorizations_sender_id_foreign\` foreign key (\`sender_id\`) references \`sender_names\` (\`id\`));`,
    );
    this.addSql(`create index \`sender_authorizations_sender_id_index\` on \`sender_authorizations\` (\`sender_id\`);`);
    this.addSql(
      `create index \`sender_authorizations_organization_id_index\` on \`sender_authorizations\` (\`organization_id\`);`,
    );
    this.addSql(
      `create index \`sender_authorizations_operator_state_index\` on \`sender_authorizations\` (\`operator\`, \`state\`);`,
    );

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`audit_log__temp_alter\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor_user_id\` text null, \`actor_role\` text not null, \`action\` text not null, \`organization_id\` text null, \`target_type\` text not null, \`target_id\` text not null, \`details\` json null);`,
    );
    this.addSql(
      `insert into \`audit_log__temp_alter\` select \`id\`, \`at\`, \`actor_user_id\`, \`actor_role\`, \`action\`, \`organization_id\`, \`target_type\`, \`target_id\`, \`details\` from \`audit_log\`;`,
    );
    this.addSql(`drop table \`audit_log\`;`);
    this.addSql(`alter table \`audit_log__temp_alter\` rename to \`audit_log\`;`);
    this.addSql(`create index \`audit_log_organization_id_at_index\` on \`audit_log\` (\`organization_id\`, \`at\`);`);
    this.addSql(`create index \`audit_log_at_index\` on \`audit_log\` (\`at\`);`);
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`alter table \`channels\` add column \`allow_provider_sender\` integer not null default false;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`credit_accounts__temp_alter\` (\`organization_id\` text not null, \`account\` text check (\`account\` in ('available', 'reserved', 'sales', 'promotions', 'consumed')) not null, \`balance\` integer not null default 0, primary key (\`organization_id\`, \`account\`));`,
    );
    this.addSql(
      `insert into \`credit_accounts__temp_alter\` select \`organization_id\`, \`account\`, \`balance\` from \`credit_accounts\`;`,
    );
    this.addSql(`drop table \`credit_accounts\`;`);
    this.addSql(`alter table \`credit_accounts__temp_alter\` rename to \`credit_accounts\`;`);
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`ledger_postings__temp_alter\` (\`id\` integer not null primary key autoincrement, \`organization_id\` text not null, \`idempotency_key\` text not null, \`kind\` text check (\`kind\` in ('trial', 'top_up', 'reserve', 'consume', 'release')) not null, \`debit\` text check (\`debit\` in ('available', 'reserved', 'sales', 'promotions', 'consumed')) not null, \`credit\` text check (\`credit\` in ('available', 'reserved', 'sales', 'promotions', 'consumed')) not null, \`amount\` integer not null, \`memo\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`ledger_postings__temp_alter\` select \`id\`, \`organization_id\`, \`idempotency_key\`, \`kind\`, \`debit\`, \`credit\`, \`amount\`, \`memo\`, \`created_at\` from \`ledger_postings\`;`,
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

    this.addSql(`pragma foreign_keys = off;`);
    // Kept aside: the rebuild of sender_names below drops the status column.
    this.addSql(
      `create temp table \`sender_status\` as select \`id\`, \`organization_id\`, \`status\` from \`sender_names\`;`,
    );
    // Every existing channel serves every operator until staff set routes.
    this.addSql(
      `insert into \`routes\` (\`operator\`, \`channel_id\`, \`priority\`) select o.\`operator\`, c.\`id\`, c.\`priority\` from \`channels\` c cross join (select 'magti' as \`operator\` union all select 'silknet' union all select 'cellfie') o where c.\`enabled\`;`,
    );
    this.addSql(
      `create table \`sender_names__temp_alter\` (\`id\` text not null primary key, \`organization_id\` text not null, \`name\` text not null, \`match_explanation\` text not null, \`matches\` integer not null, \`override_reason\` text null, \`overridden_by\` text null, \`created_at\` datetime not null, \`deleted_at\` datetime null, constraint \`sender_names_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(
      `insert into \`sender_names__temp_alter\` select \`id\`, \`organization_id\`, \`name\`, 'registered before name checks' as \`match_explanation\`, 1 as \`matches\`, null as \`override_reason\`, null as \`overridden_by\`, \`created_at\`, null as \`deleted_at\` from \`sender_names\`;`,
    );
    this.addSql(`drop table \`sender_names\`;`);
    this.addSql(`alter table \`sender_names__temp_alter\` rename to \`sender_names\`;`);
    this.addSql(`create index \`sender_names_organization_id_index\` on \`sender_names\` (\`organization_id\`);`);
    this.addSql(
      `create index \`sender_names_organization_id_name_index\` on \`sender_names\` (\`organization_id\`, \`name\`);`,
    );
    // Names from before per-operator authorization keep their status for every operator.
    this.addSql(
      `insert into \`sender_authorizations\` (\`sender_id\`, \`operator\`, \`organization_id\`, \`state\`, \`updated_at\`) select s.\`id\`, o.\`operator\`, s.\`organization_id\`, s.\`status\`, cast(strftime('%s','now') as integer) * 1000 from \`sender_status\` s cross join (select 'magti' as \`operator\` union all select 'silknet' union all select 'cellfie') o;`,
    );
    this.addSql(`drop table \`sender_status\`;`);
    this.addSql(`pragma foreign_keys = on;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`generic_sender_names\`;`);
    this.addSql(`drop table if exists \`notices\`;`);
    this.addSql(`drop table if exists \`operator_prefixes\`;`);
    this.addSql(`drop table if exists \`ported_numbers\`;`);
    this.addSql(`drop table if exists \`routes\`;`);
    this.addSql(`drop table if exists \`sender_authorization_events\`;`);
    this.addSql(`drop table if exists \`sender_authorizations\`;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`audit_log__temp_alter\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor_user_id\` TEXT null, \`actor_role\` TEXT not null, \`action\` TEXT not null, \`organization_id\` TEXT null, \`target_type\` TEXT not null, \`target_id\` TEXT not null, \`details\` json null);`,
    );
    this.addSql(
      `insert into \`audit_log__temp_alter\` select \`id\`, \`at\`, \`actor_user_id\`, \`actor_role\`, \`action\`, \`organization_id\`, \`target_type\`, \`target_id\`, \`details\` from \`audit_log\`;`,
    );
    this.addSql(`drop table \`audit_log\`;`);
    this.addSql(`alter table \`audit_log__temp_alter\` rename to \`audit_log\`;`);
    this.addSql(`create index \`audit_log_at_index\` on \`audit_log\` (\`at\`);`);
    this.addSql(`create index \`audit_log_organization_id_at_index\` on \`audit_log\` (\`organization_id\`, \`at\`);`);
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`alter table \`channels\` drop column \`allow_provider_sender\`;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`credit_accounts__temp_alter\` (\`organization_id\` TEXT not null primary key, \`account\` TEXT check (\`account\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null primary key, \`balance\` INTEGER not null default 0, primary key (\`organization_id\`, \`account\`));`,
    );
    this.addSql(
      `insert into \`credit_accounts__temp_alter\` select \`organization_id\`, \`account\`, \`balance\` from \`credit_accounts\`;`,
    );
    this.addSql(`drop table \`credit_accounts\`;`);
    this.addSql(`alter table \`credit_accounts__temp_alter\` rename to \`credit_accounts\`;`);
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`ledger_postings__temp_alter\` (\`id\` integer not null primary key autoincrement, \`organization_id\` TEXT not null, \`idempotency_key\` TEXT not null, \`kind\` TEXT check (\`kind\` in ('trial', 'top_up', 'reserve', 'consume', 'release')) not null, \`debit\` TEXT check (\`debit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`credit\` TEXT check (\`credit\` in ('available', 'reserved', 'consumed', 'promotions', 'sales')) not null, \`amount\` INTEGER not null, \`memo\` TEXT not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`ledger_postings__temp_alter\` select \`id\`, \`organization_id\`, \`idempotency_key\`, \`kind\`, \`debit\`, \`credit\`, \`amount\`, \`memo\`, \`created_at\` from \`ledger_postings\`;`,
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

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`sender_names__temp_alter\` (\`id\` TEXT not null primary key, \`organization_id\` TEXT not null, \`name\` TEXT not null, \`status\` TEXT not null default 'requested', \`created_at\` datetime not null, constraint \`sender_names_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`) on update no action on delete no action);`,
    );
    this.addSql(
      `insert into \`sender_names__temp_alter\` select \`id\`, \`organization_id\`, \`name\`, null as \`status\`, \`created_at\` from \`sender_names\`;`,
    );
    this.addSql(`drop table \`sender_names\`;`);
    this.addSql(`alter table \`sender_names__temp_alter\` rename to \`sender_names\`;`);
    this.addSql(
      `create unique index \`sender_names_organization_id_name_unique\` on \`sender_names\` (\`organization_id\`, \`name\`);`,
    );
    this.addSql(`create index \`sender_names_organization_id_index\` on \`sender_names\` (\`organization_id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
