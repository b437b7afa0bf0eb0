import { Migration } from '@mikro-orm/migrations';

/** A campaign's fan-out keeps its place (cursor) and the run that owns it, so it can pause and resume. */
export class CampaignFanoutCursor extends Migration {
  override name = 'Migration20261124090000_campaign_fanout_cursor';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`campaigns\` add column \`fanout_cursor\` json null;`);
    this.addSql(`alter table \`campaigns\` add column \`fanout_owner\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`campaigns\` drop column \`fanout_owner\`;`);
    this.addSql(`alter table \`campaigns\` drop column \`fanout_cursor\`;`);
  }
}
