import { Migration } from '@mikro-orm/migrations';

/**
 * A message's send and final times live on its row (sent_at, done_at) instead of a history row each, and
 * the indexes only the queued state needs are partial, so a status change writes fewer index entries, and
 * channel ids are keyed by the id the channel gave first (receipts look them up by it).
 */
export class MessageHotPath extends Migration {
  override name = 'Migration20261206080000_message_hot_path';

  override up(): void | Promise<void> {
    this.rekeyChannelMessageIds(['channel_message_id', 'channel_id']);
    this.addSql(`alter table \`messages\` add column \`sent_at\` datetime null;`);
    this.addSql(`alter table \`messages\` add column \`done_at\` datetime null;`);
    this.addSql(`drop index \`messages_status_updated_at_index\`;`);
    this.addSql(
      `create index \`messages_queued_updated_at_index\` on \`messages\` (\`updated_at\`) where \`status\` = 'queued';`,
    );
    this.addSql(`drop index \`messages_campaign_id_status_index\`;`);
    this.addSql(
      `create index \`messages_queued_campaign_id_index\` on \`messages\` (\`campaign_id\`) where \`status\` = 'queued';`,
    );
    this.addSql(`drop index \`messages_organization_id_reference_index\`;`);
    this.addSql(
      `create index \`messages_organization_id_reference_index\` on \`messages\` (\`organization_id\`, \`reference\`) where \`reference\` is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.rekeyChannelMessageIds(['channel_id', 'channel_message_id']);
    this.addSql(`drop index \`messages_organization_id_reference_index\`;`);
    this.addSql(
      `create index \`messages_organization_id_reference_index\` on \`messages\` (\`organization_id\`, \`reference\`);`,
    );
    this.addSql(`drop index \`messages_queued_campaign_id_index\`;`);
    this.addSql(`create index \`messages_campaign_id_status_index\` on \`messages\` (\`campaign_id\`, \`status\`);`);
    this.addSql(`drop index \`messages_queued_updated_at_index\`;`);
    this.addSql(`create index \`messages_status_updated_at_index\` on \`messages\` (\`status\`, \`updated_at\`);`);
    this.addSql(`alter table \`messages\` drop column \`done_at\`;`);
    this.addSql(`alter table \`messages\` drop column \`sent_at\`;`);
  }

  /** SQLite cannot change a primary key in place: the table is copied into one with the new key. */
  private rekeyChannelMessageIds(key: [string, string]): void {
    this.addSql(
      `create table \`channel_message_ids__rekeyed\` (\`channel_id\` text not null, \`channel_message_id\` text not null, \`message_id\` text not null, \`part\` integer not null, primary key (\`${key[0]}\`, \`${key[1]}\`));`,
    );
    this.addSql(
      `insert into \`channel_message_ids__rekeyed\` (\`channel_id\`, \`channel_message_id\`, \`message_id\`, \`part\`) select \`channel_id\`, \`channel_message_id\`, \`message_id\`, \`part\` from \`channel_message_ids\`;`,
    );
    this.addSql(`drop table \`channel_message_ids\`;`);
    this.addSql(`alter table \`channel_message_ids__rekeyed\` rename to \`channel_message_ids\`;`);
    this.addSql(`create index \`channel_message_ids_message_id_index\` on \`channel_message_ids\` (\`message_id\`);`);
  }
}
