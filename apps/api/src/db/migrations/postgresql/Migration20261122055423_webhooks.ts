import { Migration } from '@mikro-orm/migrations';

export class Webhooks extends Migration {
  override name = 'Migration20261122055423_webhooks';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "webhooks" ("id" uuid not null, "organization_id" uuid not null, "url" varchar(2000) not null, "description" varchar(200) null, "format" text not null default 'mtredi', "events" jsonb null, "secret" varchar(100) not null, "enabled" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "webhooks_organization_id_index" on "webhooks" ("organization_id");`);

    this.addSql(
      `create table "webhook_deliveries" ("id" uuid not null, "webhook_id" uuid not null, "organization_id" uuid not null, "event_id" uuid not null, "message_id" uuid null, "event" text not null, "test" boolean not null default false, "format" text not null, "payload" jsonb not null, "status" text not null default 'pending', "attempts" int not null default 0, "last_status_code" int null, "last_error" varchar(300) null, "last_attempt_at" timestamptz null, "next_attempt_at" timestamptz null, "claimed_until" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_deliveries_webhook_id_created_at_index" on "webhook_deliveries" ("webhook_id", "created_at");`,
    );
    this.addSql(
      `create index "webhook_deliveries_status_next_attempt_at_index" on "webhook_deliveries" ("status", "next_attempt_at");`,
    );

    this.addSql(
      `alter table "webhooks" add constraint "webhooks_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    this.addSql(
      `alter table "webhooks" add constraint "webhooks_format_check" check ("format" in ('mtredi', 'smsoffice'));`,
    );
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_webhook_id_foreign" foreign key ("webhook_id") references "webhooks" ("id");`,
    );
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_event_check" check ("event" in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed'));`,
    );
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_format_check" check ("format" in ('mtredi', 'smsoffice'));`,
    );
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_status_check" check ("status" in ('pending', 'delivered', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
    this.addSql(`drop table if exists "webhooks" cascade;`);
  }
}
