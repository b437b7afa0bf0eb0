import { Migration } from '@mikro-orm/migrations';

export class SendersAndRouting extends Migration {
  override name = 'Migration20261122054100_senders_routing';

  override up(): void | Promise<void> {
    this.addSql(`create table "generic_sender_names" ("name" varchar(40) not null, primary key ("name"));`);

    this.addSql(
      `create table "notices" ("id" uuid not null, "kind" text not null, "text_ka" text not null, "text_en" text not null, "active" boolean not null default true, "published_at" timestamptz not null, "published_by" uuid null, primary key ("id"));`,
    );
    this.addSql(`create index "notices_active_published_at_index" on "notices" ("active", "published_at");`);

    this.addSql(
      `create table "operator_prefixes" ("prefix" varchar(15) not null, "operator" text not null, primary key ("prefix"));`,
    );

    this.addSql(
      `create table "ported_numbers" ("number" varchar(20) not null, "operator" text not null, "updated_at" timestamptz not null, primary key ("number"));`,
    );

    this.addSql(
      `create table "routes" ("operator" text not null, "channel_id" uuid not null, "priority" int not null, primary key ("operator", "channel_id"));`,
    );

    this.addSql(
      `create table "sender_authorization_events" ("id" bigserial primary key, "sender_id" uuid not null, "organization_id" uuid not null, "operator" text not null, "from_state" text not null, "to_state" text not null, "event" varchar(40) not null, "reason" varchar(300) null, "actor_kind" varchar(20) not null, "actor_id" varchar(80) null, "at" timestamptz not null);`,
    );
    this.addSql(
      `create index "sender_authorization_events_sender_id_at_index" on "sender_authorization_events" ("sender_id", "at");`,
    );

    this.addSql(
      `create table "sender_authorizations" ("sender_id" uuid not null, "operator" text not null, "organization_id" uuid not null, "state" text not null, "reason" varchar(300) null, "updated_at" timestamptz not null, primary key ("sender_id", "operator"));`,
    );
    this.addSql(
      `create index "sender_authorizations_organization_id_index" on "sender_authorizations" ("organization_id");`,
    );
    this.addSql(
      `create index "sender_authorizations_operator_state_index" on "sender_authorizations" ("operator", "state");`,
    );

    this.addSql(`alter table "channels" add "allow_provider_sender" boolean not null default false;`);

    this.addSql(`alter table "credit_accounts" drop constraint "credit_accounts_account_check";`);
    this.addSql(
      `alter table "credit_accounts" add constraint "credit_accounts_account_check" check ("account" in ('available', 'reserved', 'sales', 'promotions', 'consumed'));`,
    );

    this.addSql(`alter table "ledger_postings" drop constraint "ledger_postings_credit_check";`);
    this.addSql(`alter table "ledger_postings" drop constraint "ledger_postings_debit_check";`);
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_credit_check" check ("credit" in ('available', 'reserved', 'sales', 'promotions', 'consumed'));`,
    );
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_debit_check" check ("debit" in ('available', 'reserved', 'sales', 'promotions', 'consumed'));`,
    );

    // Names from before per-operator authorization keep their status for every operator.
    this.addSql(
      `insert into "sender_authorizations" ("sender_id", "operator", "organization_id", "state", "updated_at") select s."id", o."operator", s."organization_id", s."status", now() from "sender_names" s cross join (values ('magti'), ('silknet'), ('cellfie')) as o("operator");`,
    );
    // Every existing channel serves every operator until staff set routes.
    this.addSql(
      `insert into "routes" ("operator", "channel_id", "priority") select o."operator", c."id", row_number() over (partition by o."operator" order by c."priority", c."name") - 1 from "channels" c cross join (values ('magti'), ('silknet'), ('cellfie')) as o("operator") where c."enabled";`,
    );
    this.addSql(`alter table "sender_names" drop constraint "sender_names_organization_id_name_unique";`);
    this.addSql(`alter table "sender_names" drop constraint "sender_names_status_check";`);
    this.addSql(`alter table "sender_names" drop column "status";`);
    this.addSql(
      `alter table "sender_names" add "match_explanation" varchar(300) not null default 'registered before name checks', add "matches" boolean not null default true, add "override_reason" varchar(300) null, add "overridden_by" uuid null, add "deleted_at" timestamptz null;`,
    );
    this.addSql(
      `create index "sender_names_organization_id_name_index" on "sender_names" ("organization_id", "name");`,
    );

    this.addSql(
      `alter table "notices" add constraint "notices_kind_check" check ("kind" in ('reauthorization', 'service'));`,
    );

    this.addSql(
      `alter table "operator_prefixes" add constraint "operator_prefixes_operator_check" check ("operator" in ('magti', 'silknet', 'cellfie'));`,
    );

    this.addSql(
      `alter table "ported_numbers" add constraint "ported_numbers_operator_check" check ("operator" in ('magti', 'silknet', 'cellfie'));`,
    );

    this.addSql(
      `alter table "routes" add constraint "routes_operator_check" check ("operator" in ('magti', 'silknet', 'cellfie'));`,
    );

    this.addSql(
      `alter table "sender_authorization_events" add constraint "sender_authorization_events_operator_check" check ("operator" in ('magti', 'silknet', 'cellfie'));`,
    );
    this.addSql(
      `alter table "sender_authorization_events" add constraint "sender_authorization_events_from_state_check" check ("from_state" in ('requested', 'submitted', 'active', 'rejected', 'revoked'));`,
    );
    this.addSql(
      `alter table "sender_authorization_events" add constraint "sender_authorization_events_to_state_check" check ("to_state" in ('requested', 'submitted', 'active', 'rejected', 'revoked'));`,
    );

    this.addSql(
      `alter table "sender_authorizations" add constraint "sender_authorizations_sender_id_foreign" foreign key ("sender_id") references "sender_names" ("id");`,
    );
    this.addSql(
      `alter table "sender_authorizations" add constraint "sender_authorizations_operator_check" check ("operator" in ('magti', 'silknet', 'cellfie'));`,
    );
    this.addSql(
      `alter table "sender_authorizations" add constraint "sender_authorizations_state_check" check ("state" in ('requested', 'submitted', 'active', 'rejected', 'revoked'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "generic_sender_names" cascade;`);
    this.addSql(`drop table if exists "notices" cascade;`);
    this.addSql(`drop table if exists "operator_prefixes" cascade;`);
    this.addSql(`drop table if exists "ported_numbers" cascade;`);
    this.addSql(`drop table if exists "routes" cascade;`);
    this.addSql(`drop table if exists "sender_authorization_events" cascade;`);
    this.addSql(`drop table if exists "sender_authorizations" cascade;`);

    this.addSql(`alter table "channels" drop column "allow_provider_sender";`);

    this.addSql(`alter table "credit_accounts" drop constraint "credit_accounts_account_check";`);
    this.addSql(
      `alter table "credit_accounts" add constraint "credit_accounts_account_check" check ("account" in ('available', 'reserved', 'consumed', 'promotions', 'sales'));`,
    );

    this.addSql(`alter table "ledger_postings" drop constraint "ledger_postings_debit_check";`);
    this.addSql(`alter table "ledger_postings" drop constraint "ledger_postings_credit_check";`);
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_debit_check" check ("debit" in ('available', 'reserved', 'consumed', 'promotions', 'sales'));`,
    );
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_credit_check" check ("credit" in ('available', 'reserved', 'consumed', 'promotions', 'sales'));`,
    );

    this.addSql(`drop index "sender_names_organization_id_name_index";`);
    this.addSql(
      `alter table "sender_names" drop column "match_explanation", drop column "matches", drop column "override_reason", drop column "overridden_by", drop column "deleted_at";`,
    );
    this.addSql(`alter table "sender_names" add "status" text not null default 'requested';`);
    this.addSql(
      `alter table "sender_names" add constraint "sender_names_organization_id_name_unique" unique ("organization_id", "name");`,
    );
    this.addSql(
      `alter table "sender_names" add constraint "sender_names_status_check" check ("status" in ('requested', 'active', 'rejected', 'revoked'));`,
    );
  }
}
