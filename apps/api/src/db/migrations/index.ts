import type { Migration } from '@mikro-orm/migrations';
import { InitialSchema as PostgresInitial } from './postgresql/Migration20261122051000_initial.js';
import { AccountsAndBilling as PostgresAccountsAndBilling } from './postgresql/Migration20261122052500_accounts_billing.js';
import { SendersAndRouting as PostgresSendersAndRouting } from './postgresql/Migration20261122054100_senders_routing.js';
import { Contacts as PostgresContacts } from './postgresql/Migration20261122055000_contacts.js';
import { Webhooks as PostgresWebhooks } from './postgresql/Migration20261122055423_webhooks.js';
import { Campaigns as PostgresCampaigns } from './postgresql/Migration20261122055800_campaigns.js';
import { CampaignTemplate as PostgresCampaignTemplate } from './postgresql/Migration20261123080000_campaign_template.js';
import { UnmatchedReceipts as PostgresUnmatchedReceipts } from './postgresql/Migration20261123081000_unmatched_receipts.js';
import { CampaignFanoutCursor as PostgresCampaignFanoutCursor } from './postgresql/Migration20261124090000_campaign_fanout_cursor.js';
import { MessageHotPath as PostgresMessageHotPath } from './postgresql/Migration20261206080000_message_hot_path.js';
import { InitialSchema as SqliteInitial } from './sqlite/Migration20261122051000_initial.js';
import { AccountsAndBilling as SqliteAccountsAndBilling } from './sqlite/Migration20261122052500_accounts_billing.js';
import { SendersAndRouting as SqliteSendersAndRouting } from './sqlite/Migration20261122054100_senders_routing.js';
import { Contacts as SqliteContacts } from './sqlite/Migration20261122055000_contacts.js';
import { Webhooks as SqliteWebhooks } from './sqlite/Migration20261122055423_webhooks.js';
import { Campaigns as SqliteCampaigns } from './sqlite/Migration20261122055800_campaigns.js';
import { CampaignTemplate as SqliteCampaignTemplate } from './sqlite/Migration20261123080000_campaign_template.js';
import { UnmatchedReceipts as SqliteUnmatchedReceipts } from './sqlite/Migration20261123081000_unmatched_receipts.js';
import { CampaignFanoutCursor as SqliteCampaignFanoutCursor } from './sqlite/Migration20261124090000_campaign_fanout_cursor.js';
import { MessageHotPath as SqliteMessageHotPath } from './sqlite/Migration20261206080000_message_hot_path.js';

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;
interface MigrationEntry {
  name: string;
  class: MigrationClass;
}

/** Listed by hand so the compiled app finds them without scanning folders. Oldest first; same names in both. */
export const POSTGRESQL_MIGRATIONS: MigrationEntry[] = [
  { name: 'Migration20261122051000_initial', class: PostgresInitial },
  { name: 'Migration20261122052500_accounts_billing', class: PostgresAccountsAndBilling },
  { name: 'Migration20261122054100_senders_routing', class: PostgresSendersAndRouting },
  { name: 'Migration20261122055000_contacts', class: PostgresContacts },
  { name: 'Migration20261122055423_webhooks', class: PostgresWebhooks },
  { name: 'Migration20261122055800_campaigns', class: PostgresCampaigns },
  { name: 'Migration20261123080000_campaign_template', class: PostgresCampaignTemplate },
  { name: 'Migration20261123081000_unmatched_receipts', class: PostgresUnmatchedReceipts },
  { name: 'Migration20261124090000_campaign_fanout_cursor', class: PostgresCampaignFanoutCursor },
  { name: 'Migration20261206080000_message_hot_path', class: PostgresMessageHotPath },
];
export const SQLITE_MIGRATIONS: MigrationEntry[] = [
  { name: 'Migration20261122051000_initial', class: SqliteInitial },
  { name: 'Migration20261122052500_accounts_billing', class: SqliteAccountsAndBilling },
  { name: 'Migration20261122054100_senders_routing', class: SqliteSendersAndRouting },
  { name: 'Migration20261122055000_contacts', class: SqliteContacts },
  { name: 'Migration20261122055423_webhooks', class: SqliteWebhooks },
  { name: 'Migration20261122055800_campaigns', class: SqliteCampaigns },
  { name: 'Migration20261123080000_campaign_template', class: SqliteCampaignTemplate },
  { name: 'Migration20261123081000_unmatched_receipts', class: SqliteUnmatchedReceipts },
  { name: 'Migration20261124090000_campaign_fanout_cursor', class: SqliteCampaignFanoutCursor },
  { name: 'Migration20261206080000_message_hot_path', class: SqliteMessageHotPath },
];
