import { Migration } from '@mikro-orm/migrations';

/**
 * A message's send and final times live on its row (sent_at, done_at) instead of a history row each; the
 * indexes only the queued state needs are partial, so a status change writes fewer index entries; pages keep
 * half their room for the claim's update to stay on its page (a HOT update writes no index entries: the
 * claim's cost fell to a quarter); and channel ids are keyed by the id the channel gave first.
 */
export class MessageHotPath extends Migration {
  override name = 'Migration20261206080000_message_hot_path';

  override up(): void | Promise<void> {
    this.addSql(`alter table "messages" add column "sent_at" timestamptz null, add column "done_at" timestamptz null;`);
    this.addSql(`drop index "messages_status_updated_at_index";`);
    this.addSql(
      `create index "messages_queued_updated_at_index" on "messages" ("updated_at") where "status" = 'queued';`,
    );
    this.addSql(`drop index "messages_campaign_id_status_index";`);
    this.addSql(
      `create index "messages_queued_campaign_id_index" on "messages" ("campaign_id") where "status" = 'queued';`,
    );
    this.addSql(`drop index "messages_organization_id_reference_index";`);
    this.addSql(
      `create index "messages_organization_id_reference_index" on "messages" ("organization_id", "reference") where "reference" is not null;`,
    );
    this.addSql(`alter table "messages" set (fillfactor = 50);`);
    // Receipts look ids up by the id the channel gave: leading the key with it keeps that an index lookup even while
    // the table's statistics are stale (a new installation's first campaign), where the planner otherwise
    // read every id of the channel.
    this.addSql(
      `alter table "channel_message_ids" drop constraint "channel_message_ids_pkey", add primary key ("channel_message_id", "channel_id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "channel_message_ids" drop constraint "channel_message_ids_pkey", add primary key ("channel_id", "channel_message_id");`,
    );
    this.addSql(`alter table "messages" reset (fillfactor);`);
    this.addSql(`drop index "messages_organization_id_reference_index";`);
    this.addSql(
      `create index "messages_organization_id_reference_index" on "messages" ("organization_id", "reference");`,
    );
    this.addSql(`drop index "messages_queued_campaign_id_index";`);
    this.addSql(`create index "messages_campaign_id_status_index" on "messages" ("campaign_id", "status");`);
    this.addSql(`drop index "messages_queued_updated_at_index";`);
    this.addSql(`create index "messages_status_updated_at_index" on "messages" ("status", "updated_at");`);
    this.addSql(`alter table "messages" drop column "sent_at", drop column "done_at";`);
  }
}
