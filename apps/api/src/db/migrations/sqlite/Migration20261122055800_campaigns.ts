import { Migration } from '@mikro-orm/migrations';

export class Campaigns extends Migration {
  override name = 'Migration20261122055800_campaigns';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`campaigns\` (\`id\` text not null primary key, \`organization_id\` text not null, \`name\` text not null, \`status\` text check (\`status\` in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')) not null default 'draft', \`sender\` text not null, \`body\` text not null, \`options\` json not null, \`recipients\` json not null, \`totals\` json null, \`failure\` text null, \`scheduled_at\` datetime null, \`created_at\` datetime not null, \`started_at\` datetime null, \`finished_at\` datetime null, constraint \`campaigns_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`campaigns_organization_id_index\` on \`campaigns\` (\`organization_id\`);`);
    this.addSql(
      `create index \`campaigns_organization_id_created_at_index\` on \`campaigns\` (\`organization_id\`, \`created_at\`);`,
    );
    this.addSql(
      `create index \`campaigns_status_scheduled_at_index\` on \`campaigns\` (\`status\`, \`scheduled_at\`);`,
    );

    this.addSql(
      `create table \`stat_counters\` (\`organization_id\` text not null, \`scope\` text not null, \`metric\` text not null, \`count\` bigint not null default '0', primary key (\`organization_id\`, \`scope\`, \`metric\`));`,
    );

    this.addSql(`alter table \`messages\` add column \`campaign_id\` text null;`);
    this.addSql(`alter table \`messages\` add column \`operator\` text null;`);
    this.addSql(`create index \`messages_campaign_id_status_index\` on \`messages\` (\`campaign_id\`, \`status\`);`);
    this.addSql(
      `create unique index \`messages_campaign_id_recipient_unique\` on \`messages\` (\`campaign_id\`, \`recipient\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`campaigns\`;`);
    this.addSql(`drop table if exists \`stat_counters\`;`);

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

    this.addSql(`drop index \`messages_campaign_id_status_index\`;`);
    this.addSql(`drop index \`messages_campaign_id_recipient_unique\`;`);
    this.addSql(`alter table \`messages\` drop column \`campaign_id\`;`);
    this.addSql(`alter table \`messages\` drop column \`operator\`;`);

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
