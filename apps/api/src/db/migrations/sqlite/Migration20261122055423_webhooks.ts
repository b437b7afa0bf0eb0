import { Migration } from '@mikro-orm/migrations';

export class Webhooks extends Migration {
  override name = 'Migration20261122055423_webhooks';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`webhooks\` (\`id\` text not null primary key, \`organization_id\` text not null, \`url\` text not null, \`description\` text null, \`format\` text check (\`format\` in ('mtredi', 'smsoffice')) not null default 'mtredi', \`events\` json null, \`secret\` text not null, \`enabled\` integer not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`webhooks_organization_id_foreign\` foreign key (\`organization_id\`) references \`organizations\` (\`id\`));`,
    );
    this.addSql(`create index \`webhooks_organization_id_index\` on \`webhooks\` (\`organization_id\`);`);

    this.addSql(
      `create table \`webhook_deliveries\` (\`id\` text not null primary key, \`webhook_id\` text not null, \`organization_id\` text not null, \`event_id\` text not null, \`message_id\` text null, \`event\` text check (\`event\` in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed')) not null, \`test\` integer not null default false, \`format\` text check (\`format\` in ('mtredi', 'smsoffice')) not null, \`payload\` json not null, \`status\` text check (\`status\` in ('pending', 'delivered', 'failed')) not null default 'pending', \`attempts\` integer not null default 0, \`last_status_code\` integer null, \`last_error\` text null, \`last_attempt_at\` datetime null, \`next_attempt_at\` datetime null, \`claimed_until\` datetime null, \`delivered_at\` datetime null, \`created_at\` datetime not null, constraint \`webhook_deliveries_webhook_id_foreign\` foreign key (\`webhook_id\`) references \`webhooks\` (\`id\`));`,
    );
    this.addSql(`create index \`webhook_deliveries_webhook_id_index\` on \`webhook_deliveries\` (\`webhook_id\`);`);
    this.addSql(
      `create index \`webhook_deliveries_webhook_id_created_at_index\` on \`webhook_deliveries\` (\`webhook_id\`, \`created_at\`);`,
    );
    this.addSql(
      `create index \`webhook_deliveries_status_next_attempt_at_index\` on \`webhook_deliveries\` (\`status\`, \`next_attempt_at\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`webhook_deliveries\`;`);
    this.addSql(`drop table if exists \`webhooks\`;`);
  }
}
