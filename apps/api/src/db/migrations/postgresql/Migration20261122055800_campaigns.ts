import { Migration } from '@mikro-orm/migrations';

export class Campaigns extends Migration {
  override name = 'Migration20261122055800_campaigns';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "campaigns" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "status" text not null default 'draft', "sender" varchar(11) not null, "body" text not null, "options" jsonb not null, "recipients" jsonb not null, "totals" jsonb null, "failure" varchar(300) null, "scheduled_at" timestamptz null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "campaigns_organization_id_created_at_index" on "campaigns" ("organization_id", "created_at");`,
    );
    this.addSql(`create index "campaigns_status_scheduled_at_index" on "campaigns" ("status", "scheduled_at");`);

    this.addSql(
      `create table "stat_counters" ("organization_id" uuid not null, "scope" varchar(60) not null, "metric" varchar(40) not null, "count" bigint not null default '0', primary key ("organization_id", "scope", "metric"));`,
    );

    this.addSql(`alter table "messages" add "campaign_id" uuid null, add "operator" varchar(20) null;`);
    this.addSql(`create index "messages_campaign_id_status_index" on "messages" ("campaign_id", "status");`);
    this.addSql(
      `alter table "messages" add constraint "messages_campaign_id_recipient_unique" unique ("campaign_id", "recipient");`,
    );

    this.addSql(
      `alter table "campaigns" add constraint "campaigns_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    this.addSql(
      `alter table "campaigns" add constraint "campaigns_status_check" check ("status" in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "campaigns" cascade;`);
    this.addSql(`drop table if exists "stat_counters" cascade;`);

    this.addSql(`create index "contacts_first_name_trgm" on "contacts" using gin ("first_name");`);
    this.addSql(`create index "contacts_last_name_trgm" on "contacts" using gin ("last_name");`);
    this.addSql(`create index "contacts_phone_trgm" on "contacts" using gin ("phone");`);

    this.addSql(`drop index "messages_campaign_id_status_index";`);
    this.addSql(`alter table "messages" drop constraint "messages_campaign_id_recipient_unique";`);
    this.addSql(`alter table "messages" drop column "campaign_id", drop column "operator";`);
  }
}
