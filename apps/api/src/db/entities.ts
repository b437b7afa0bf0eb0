import { ApiKey } from '../modules/accounts/api-key.entity.js';
import { Organization } from '../modules/accounts/organization.entity.js';
import { Session } from '../modules/accounts/session.entity.js';
import { User } from '../modules/accounts/user.entity.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { CreditAccount } from '../modules/billing/credit-account.entity.js';
import { CreditPackage } from '../modules/billing/credit-package.entity.js';
import { LedgerPosting } from '../modules/billing/ledger-posting.entity.js';
import { TopUpRequest } from '../modules/billing/top-up-request.entity.js';
import { Campaign } from '../modules/campaigns/campaign.entity.js';
import { Channel } from '../modules/channels/channel.entity.js';
import { Contact } from '../modules/contacts/contact.entity.js';
import { ContactGroup, GroupMember } from '../modules/contacts/contact-group.entity.js';
import { ContactImport } from '../modules/contacts/contact-import.entity.js';
import { StopEntry } from '../modules/contacts/stop-entry.entity.js';
import { Message } from '../modules/messaging/message.entity.js';
import { MessageEvent } from '../modules/messaging/message-event.entity.js';
import { Notice } from '../modules/notices/notice.entity.js';
import { OperatorPrefix } from '../modules/operators/operator-prefix.entity.js';
import { PortedNumber } from '../modules/operators/ported-number.entity.js';
import { ChannelMessageId } from '../modules/receipts/channel-message-id.entity.js';
import { UnmatchedReceipt } from '../modules/receipts/unmatched-receipt.entity.js';
import { Route } from '../modules/routing/route.entity.js';
import { GenericSenderName } from '../modules/senders/generic-sender-name.entity.js';
import { SenderAuthorization } from '../modules/senders/sender-authorization.entity.js';
import { SenderAuthorizationEvent } from '../modules/senders/sender-authorization-event.entity.js';
import { SenderName } from '../modules/senders/sender-name.entity.js';
import { StatCounter } from '../modules/statistics/stat-counter.entity.js';
import { Draft, Template } from '../modules/templates/template.entity.js';
import { Webhook } from '../modules/webhooks/webhook.entity.js';
import { WebhookDelivery } from '../modules/webhooks/webhook-delivery.entity.js';

/** Every persisted entity; feature modules register the ones they use with `forFeature`. */
export const ALL_ENTITIES = [
  Organization,
  User,
  Session,
  ApiKey,
  SenderName,
  Channel,
  Message,
  MessageEvent,
  ChannelMessageId,
  UnmatchedReceipt,
  CreditAccount,
  LedgerPosting,
  CreditPackage,
  TopUpRequest,
  AuditEntry,
  SenderAuthorization,
  SenderAuthorizationEvent,
  GenericSenderName,
  OperatorPrefix,
  PortedNumber,
  Notice,
  Route,
  Contact,
  Campaign,
  StatCounter,
  ContactGroup,
  GroupMember,
  StopEntry,
  ContactImport,
  Template,
  Draft,
  Webhook,
  WebhookDelivery,
];
