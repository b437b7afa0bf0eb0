import { Migration } from '@mikro-orm/migrations';

export class InitialSchema extends Migration {
  override name = 'Migration20261122051000_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "channels" ("id" uuid not null, "name" varchar(100) not null, "driver" varchar(50) not null, "config" jsonb not null, "enabled" boolean not null default true, "priority" int not null default 100, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "channels" add constraint "channels_name_unique" unique ("name");`);

    this.addSql(
      `create table "channel_message_ids" ("channel_id" uuid not null, "channel_message_id" varchar(80) not null, "message_id" uuid not null, "part" int not null, primary key ("channel_id", "channel_message_id"));`,
    );
    this.addSql(`create index "channel_message_ids_message_id_index" on "channel_message_ids" ("message_id");`);

    this.addSql(
      `create table "credit_accounts" ("organization_id" uuid not null, "account" text not null, "balance" int not null default 0, primary key ("organization_id", "account"));`,
    );

    this.addSql(
      `create table "ledger_postings" ("id" bigserial primary key, "organization_id" uuid not null, "idempotency_key" varchar(120) not null, "debit" text not null, "credit" text not null, "amount" int not null, "memo" varchar(200) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "ledger_postings_organization_id_created_at_index" on "ledger_postings" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "message_events" ("id" bigserial primary key, "message_id" uuid not null, "status" text not null, "error_code" varchar(40) null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "message_events_message_id_at_index" on "message_events" ("message_id", "at");`);

    this.addSql(
      `create table "organizations" ("id" uuid not null, "name" varchar(200) not null, "website" varchar(200) null, "status" text not null default 'pending', "created_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "messages" ("id" uuid not null, "organization_id" uuid not null, "recipient" varchar(20) not null, "sender" varchar(11) not null, "text" text not null, "reference" varchar(100) null, "status" text not null default 'queued', "encoding" text not null, "parts" int not null, "channel_id" uuid null, "error_code" varchar(40) null, "attempts" int not null default 0, "claimed_until" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "messages_organization_id_created_at_index" on "messages" ("organization_id", "created_at");`,
    );
    this.addSql(`create index "messages_status_updated_at_index" on "messages" ("status", "updated_at");`);
    this.addSql(
      `create index "messages_organization_id_reference_index" on "messages" ("organization_id", "reference");`,
    );

    this.addSql(
      `create table "api_keys" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "api_keys_organization_id_index" on "api_keys" ("organization_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);

    this.addSql(
      `create table "sender_names" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(11) not null, "status" text not null default 'requested', "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "sender_names" add constraint "sender_names_organization_id_name_unique" unique ("organization_id", "name");`,
    );

    this.addSql(
      `create table "users" ("id" uuid not null, "organization_id" uuid not null, "email" varchar(254) not null, "name" varchar(200) not null, "password_hash" varchar(200) not null, "role" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "sessions" ("token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("token_hash"));`,
    );
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);

    this.addSql(
      `alter table "credit_accounts" add constraint "credit_accounts_account_check" check ("account" in ('available', 'reserved', 'consumed', 'promotions', 'sales'));`,
    );

    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_debit_check" check ("debit" in ('available', 'reserved', 'consumed', 'promotions', 'sales'));`,
    );
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_credit_check" check ("credit" in ('available', 'reserved', 'consumed', 'promotions', 'sales'));`,
    );

    this.addSql(
      `alter table "message_events" add constraint "message_events_status_check" check ("status" in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed'));`,
    );

    this.addSql(
      `alter table "organizations" add constraint "organizations_status_check" check ("status" in ('pending', 'active', 'suspended'));`,
    );

    this.addSql(
      `alter table "messages" add constraint "messages_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    this.addSql(
      `alter table "messages" add constraint "messages_status_check" check ("status" in ('queued', 'in_transit', 'delivered', 'undelivered', 'expired', 'rejected', 'failed'));`,
    );
    this.addSql(
      `alter table "messages" add constraint "messages_encoding_check" check ("encoding" in ('gsm7', 'ucs2'));`,
    );

    this.addSql(
      `alter table "api_keys" add constraint "api_keys_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );

    this.addSql(
      `alter table "sender_names" add constraint "sender_names_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    this.addSql(
      `alter table "sender_names" add constraint "sender_names_status_check" check ("status" in ('requested', 'active', 'rejected', 'revoked'));`,
    );

    this.addSql(
      `alter table "users" add constraint "users_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    this.addSql(
      `alter table "users" add constraint "users_role_check" check ("role" in ('owner', 'member', 'staff'));`,
    );

    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "messages" drop constraint "messages_organization_id_foreign";`);
    this.addSql(`alter table "api_keys" drop constraint "api_keys_organization_id_foreign";`);
    this.addSql(`alter table "sender_names" drop constraint "sender_names_organization_id_foreign";`);
    this.addSql(`alter table "users" drop constraint "users_organization_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);

    this.addSql(`drop table if exists "channels" cascade;`);
    this.addSql(`drop table if exists "channel_message_ids" cascade;`);
    this.addSql(`drop table if exists "credit_accounts" cascade;`);
    this.addSql(`drop table if exists "ledger_postings" cascade;`);
    this.addSql(`drop table if exists "message_events" cascade;`);
    this.addSql(`drop table if exists "organizations" cascade;`);
    this.addSql(`drop table if exists "messages" cascade;`);
    this.addSql(`drop table if exists "api_keys" cascade;`);
    this.addSql(`drop table if exists "sender_names" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
  }
}
