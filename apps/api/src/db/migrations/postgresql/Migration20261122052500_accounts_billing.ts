import { Migration } from '@mikro-orm/migrations';

export class AccountsAndBilling extends Migration {
  override name = 'Migration20261122052500_accounts_billing';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null, "actor_user_id" uuid null, "actor_role" varchar(20) not null, "action" varchar(60) not null, "organization_id" uuid null, "target_type" varchar(40) not null, "target_id" varchar(80) not null, "details" jsonb null);`,
    );
    this.addSql(`create index "audit_log_organization_id_at_index" on "audit_log" ("organization_id", "at");`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(
      `create table "credit_packages" ("id" uuid not null, "name" varchar(60) not null, "parts" int not null, "price_tetri" int not null, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "top_up_requests" ("id" uuid not null, "organization_id" uuid not null, "reference" varchar(20) not null, "package_name" varchar(60) not null, "parts" int not null, "price_tetri" int not null, "status" text not null default 'requested', "requested_by" uuid not null, "requested_at" timestamptz not null, "confirmed_by" uuid null, "confirmed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "top_up_requests_organization_id_index" on "top_up_requests" ("organization_id");`);
    this.addSql(
      `alter table "top_up_requests" add constraint "top_up_requests_reference_unique" unique ("reference");`,
    );
    this.addSql(
      `create index "top_up_requests_status_requested_at_index" on "top_up_requests" ("status", "requested_at");`,
    );

    // Existing postings get their kind from the idempotency key prefix (reserve:…, consume:…).
    this.addSql(`alter table "ledger_postings" add "kind" text null;`);
    this.addSql(`update "ledger_postings" set "kind" = split_part("idempotency_key", ':', 1);`);
    this.addSql(`alter table "ledger_postings" alter column "kind" set not null;`);
    this.addSql(
      `alter table "ledger_postings" add constraint "ledger_postings_kind_check" check ("kind" in ('trial', 'top_up', 'reserve', 'consume', 'release'));`,
    );

    this.addSql(
      `alter table "organizations" add "contact_name" varchar(200) null, add "contact_email" varchar(254) null, add "contact_phone" varchar(20) null, add "activated_at" timestamptz null;`,
    );

    this.addSql(
      `alter table "top_up_requests" add constraint "top_up_requests_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`,
    );
    this.addSql(
      `alter table "top_up_requests" add constraint "top_up_requests_status_check" check ("status" in ('requested', 'confirmed', 'cancelled'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "credit_packages" cascade;`);
    this.addSql(`drop table if exists "top_up_requests" cascade;`);

    this.addSql(`alter table "ledger_postings" drop constraint "ledger_postings_kind_check";`);
    this.addSql(`alter table "ledger_postings" drop column "kind";`);

    this.addSql(
      `alter table "organizations" drop column "contact_name", drop column "contact_email", drop column "contact_phone", drop column "activated_at";`,
    );
  }
}
