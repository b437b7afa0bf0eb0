import { Migration } from '@mikro-orm/migrations';

export class Contacts extends Migration {
  override name = 'Migration20261122055000_contacts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`group_members\` (\`group_id\` text not null, \`contact_id\` text not null, \`organization_id\` text not null, primary key (\`group_id\`, \`contact_id\`));`,
    );
    this.addSql(`create index \`group_members_contact_id_index\` on \`group_members\` (\`contact_id\`);`);

    this.addSql(
      `create table \`drafts\` (\`id\` text not null primary key, \`organization_id\` text not null, \`user_id\` text null, \`content\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`drafts_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`drafts_organization_id_index\` on \`drafts\` (\`organization_id\`);`);
    this.addSql(
      `create index \`drafts_organization_id_updated_at_index\` on \`drafts\` (\`organization_id\`, \`updated_at\`);`,
    );

    this.addSql(
      `create table \`contact_imports\` (\`id\` text not null primary key, \`organization_id\` text not null, \`status\` text check (\`status\` in ('uploaded', 'queued', 'running', 'completed', 'failed')) not null, \`file_name\` text not null, \`kind\` text check (\`kind\` in ('xlsx', 'csv')) not null, \`file\` blob null, \`header_row\` integer null, \`mapping\` json null, \`group_id\` text null, \`counts\` json not null, \`error_report\` blob null, \`failure\` text null, \`created_by\` text null, \`created_at\` datetime not null, \`finished_at\` datetime null, constraint \`contact_imports_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`contact_imports_organization_id_index\` on \`contact_imports\` (\`organization_id\`);`);
    this.addSql(
      `create index \`contact_imports_organization_id_created_at_index\` on \`contact_imports\` (\`organization_id\`, \`created_at\`);`,
    );

    this.addSql(
      `create table \`contact_groups\` (\`id\` text not null primary key, \`organization_id\` text not null, \`name\` text not null, \`created_at\` datetime not null, constraint \`contact_groups_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`contact_groups_organization_id_index\` on \`contact_groups\` (\`organization_id\`);`);
    this.addSql(
      `create unique index \`contact_groups_organization_id_name_unique\` on \`contact_groups\` (\`organization_id\`, \`name\`);`,
    );

    this.addSql(
      `create table \`contacts\` (\`id\` text not null primary key, \`organization_id\` text not null, \`phone\` text not null, \`first_name\` text null, \`last_name\` text null, \`fields\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`contacts_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`contacts_organization_id_index\` on \`contacts\` (\`organization_id\`);`);
    this.addSql(
      `create index \`contacts_organization_id_last_name_first_name_index\` on \`contacts\` (\`organization_id\`, \`last_name\`, \`first_name\`);`,
    );
    this.addSql(
      `create index \`contacts_organization_id_created_at_index\` on \`contacts\` (\`organization_id\`, \`created_at\`);`,
    );
    this.addSql(
      `create unique index \`contacts_organization_id_phone_unique\` on \`contacts\` (\`organization_id\`, \`phone\`);`,
    );

    this.addSql(
      `create table \`stop_list\` (\`organization_id\` text not null, \`phone\` text not null, \`source\` text check (\`source\` in ('reply', 'customer', 'staff')) not null, \`reason\` text null, \`created_by\` text null, \`created_at\` datetime not null, primary key (\`organization_id\`, \`phone\`));`,
    );

    this.addSql(
      `create table \`templates\` (\`id\` text not null primary key, \`organization_id\` text not null, \`name\` text not null, \`body\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`templates_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`templates_organization_id_index\` on \`templates\` (\`organization_id\`);`);
    this.addSql(
      `create index \`templates_organization_id_name_index\` on \`templates\` (\`organization_id\`, \`name\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`group_members\`;`);
    this.addSql(`drop table if exists \`drafts\`;`);
    this.addSql(`drop table if exists \`contact_imports\`;`);
    this.addSql(`drop table if exists \`contact_groups\`;`);
    this.addSql(`drop table if exists \`contacts\`;`);
    this.addSql(`drop table if exists \`stop_list\`;`);
    this.addSql(`drop table if exists \`templates\`;`);

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

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`ledger_postings__temp_alter\` (\`id\` integer not null primary key autoincrement, \`organization_id\` TEXT not null, \`idempotency_key\` TEXT not null, \`kind\` TEXT check (\`kind\` in ('trial', 'top_up', 'reserve', 'consume', 'release')) not null, \`debit\` TEXT check (\`debit\` in ('available', 'reserved', 'sales', 'promotions', 'consumed')) not null, \`credit\` TEXT check (\`credit\` in ('available', 'reserved', 'sales', 'promotions', 'consumed')) not null, \`amount\` INTEGER not null, \`memo\` TEXT not null, \`created_at\` datetime not null);`,
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
      `create table \`routes__temp_alter\` (\`operator\` TEXT not null primary key, \`channel_id\` TEXT not null primary key, \`priority\` INTEGER not null, primary key (\`operator\`, \`channel_id\`));`,
    );
    this.addSql(
      `insert into \`routes__temp_alter\` select \`operator\`, \`channel_id\`, \`priority\` from \`routes\`;`,
    );
    this.addSql(`drop table \`routes\`;`);
    this.addSql(`alter table \`routes__temp_alter\` rename to \`routes\`;`);
    this.addSql(`pragma foreign_keys = on;`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`sender_authorization_events__temp_alter\` (\`id\` integer not null primary key autoincrement, \`sender_id\` TEXT not null, \`organization_id\` TEXT not null, \`operator\` TEXT check (\`operator\` in ('magti', 'silknet', 'cellfie')) not null, \`from_state\` TEXT check (\`from_state\` in ('requested', 'submitted', 'active', 'rejected', 'revoked')) not null, \`to_state\` TEXT check (\`to_state\` in ('requested', 'submitted', 'active', 'rejected', 'revoked')) not null, \`event\` TEXT not null, \`reason\` TEXT null, \`actor_kind\` TEXT not null, \`actor_id\` TEXT null, \`at\` datetime not null);`,
    );
    this.addSql(
      `insert into \`sender_authorization_events__temp_alter\` select \`id\`, \`sender_id\`, \`organization_id\`, \`operator\`, \`from_state\`, \`to_state\`, \`event\`, \`reason\`, \`actor_kind\`, \`actor_id\`, \`at\` from \`sender_authorization_events\`;`,
    );
    this.addSql(`drop table \`sender_authorization_events\`;`);
    this.addSql(`alter table \`sender_authorization_events__temp_alter\` rename to \`sender_authorization_events\`;`);
    this.addSql(
      `create index \`sender_authorization_events_sender_id_at_index\` on \`sender_authorization_events\` (\`sender_id\`, \`at\`);`,
    );
    this.addSql(`pragma foreign_keys = on;`);
  }
}
