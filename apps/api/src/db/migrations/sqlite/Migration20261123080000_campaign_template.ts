import { Migration } from '@mikro-orm/migrations';

/** A campaign remembers the template its text came from; deleting the template only forgets the link. */
export class CampaignTemplate extends Migration {
  override name = 'Migration20261123080000_campaign_template';

  override up(): void | Promise<void> {
    // SQLite may add a column with a foreign key when its default is null, without rebuilding the table.
    this.addSql(
      `alter table \`campaigns\` add column \`template_id\` text null constraint \`campaigns_template_id_foreign\` references \`templates\` (\`id\`) on update cascade on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`campaigns\` drop column \`template_id\`;`);
  }
}
