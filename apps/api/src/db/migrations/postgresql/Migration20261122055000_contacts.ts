import { Migration } from '@mikro-orm/migrations';

export class Contacts extends Migration {
  override name = 'Migration20261122055000_contacts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "group_members" ("group_id" uuid not null, "contact_id" uuid not null, "organization_id" uuid not null, primary key ("group_id", "contact_id"));`,
    );
    this.addSql(`create index "group_members_contact_id_index" on "group_members" ("contact_id");`);

    this.addSql(
      `create table "drafts" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid null, "content" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "drafts_organization_id_updated_at_index" on "drafts" ("organization_id", "updated_at");`,
    );

    this.addSql(
      `create table "contact_imports" ("id" uuid not null, "organization_id" uuid not null, "status" text not null, "file_name" varchar(200) not null, "kind" text not null, "file" bytea null, "header_row" int null, "mapping" jsonb null, "group_id" uuid null, "counts" jsonb not null, "error_report" bytea null, "failure" varchar(500) null, "created_by" varchar(80) null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "contact_imports_organization_id_created_at_index" on "contact_imports" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "contact_groups" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(100) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "contact_groups" add constraint "contact_groups_organization_id_name_unique" unique ("organization_id", "name");`,
    );

    this.addSql(
      `create table "contacts" ("id" uuid not null, "organization_id" uuid not null, "phone" varchar(20) not null, "first_name" varchar(100) null, "last_name" varchar(100) null, "fields" jsonb null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "contacts_organization_id_last_name_first_name_index" on "contacts" ("organization_id", "last_name", "first_name");`,
    );
    this.addSql(
      `create index "contacts_organization_id_created_at_index" on "contacts" ("organization_id", "created_at");`,
    );
    this.addSql(
      `alter table "contacts" add constraint "contacts_organization_id_phone_unique" unique ("organization_id", "phone");`,
    );

    this.addSql(
      `create table "stop_list" ("organization_id" uuid not null, "phone" varchar(20) not null, "source" text not null, "reason" varchar(300) null, "created_by" varchar(80) null, "created_at" timestamptz not null, primary key ("organization_id", "phone"));`,
    );

    this.addSql(
      `create table "templates" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(100) not null, "body" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "templates_organization_id_name_index" on "templates" ("organization_id", "name");`);

    this.addSql(`alter table "sender_names" alter column "match_explanation" drop default;`);
    this.addSql(`alter table "sender_names" alter column "matches" drop default;`);

    this.addSql(
      `alter table "drafts" add constraint "drafts_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );

    this.addSql(
      `alter table "contact_imports" add constraint "contact_imports_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    this.addSql(
      `alter table "contact_imports" add constraint "contact_imports_status_check" check ("status" in ('uploaded', 'queued', 'running', 'completed', 'failed'));`,
    );
    this.addSql(
      `alter table "contact_imports" add constraint "contact_imports_kind_check" check ("kind" in ('xlsx', 'csv'));`,
    );

    this.addSql(
      `alter table "contact_groups" add constraint "contact_groups_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );

    this.addSql(
      `alter table "contacts" add constraint "contacts_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );

    this.addSql(
      `alter table "stop_list" add constraint "stop_list_source_check" check ("source" in ('reply', 'customer', 'staff'));`,
    );

    this.addSql(
      `alter table "templates" add constraint "templates_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    // Search by any fragment of a number or name, fast at a million contacts per organization.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create index "contacts_phone_trgm" on "contacts" using gin ("phone" gin_trgm_ops);`);
    this.addSql(`create index "contacts_first_name_trgm" on "contacts" using gin ("first_name" gin_trgm_ops);`);
    this.addSql(`create index "contacts_last_name_trgm" on "contacts" using gin ("last_name" gin_trgm_ops);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "group_members" cascade;`);
    this.addSql(`drop table if exists "drafts" cascade;`);
    this.addSql(`drop table if exists "contact_imports" cascade;`);
    this.addSql(`drop table if exists "contact_groups" cascade;`);
    this.addSql(`drop table if exists "contacts" cascade;`);
    this.addSql(`drop table if exists "stop_list" cascade;`);
    this.addSql(`drop table if exists "templates" cascade;`);

    this.addSql(
      `alter table "sender_names" alter column "match_explanation" set default 'registered before name checks';`,
    );
    this.addSql(`alter table "sender_names" alter column "matches" set default true;`);
  }
}
