import { Migration } from '@mikro-orm/migrations';

/** A campaign remembers the template its text came from; deleting the template only forgets the link. */
export class CampaignTemplate extends Migration {
  override name = 'Migration20261123080000_campaign_template';

  override up(): void | Promise<void> {
    this.addSql(`alter table "campaigns" add column "template_id" uuid null;`);
    this.addSql(
      `alter table "campaigns" add constraint "campaigns_template_id_foreign" foreign key ("template_id") references "templates" ("id") on update cascade on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "campaigns" drop constraint "campaigns_template_id_foreign";`);
    this.addSql(`alter table "campaigns" drop column "template_id";`);
  }
}
