import type { FilterDef } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context.js';
import { ApiKey } from '../modules/accounts/api-key.entity.js';
import { User } from '../modules/accounts/user.entity.js';
import { CreditAccount } from '../modules/billing/credit-account.entity.js';
import { LedgerPosting } from '../modules/billing/ledger-posting.entity.js';
import { TopUpRequest } from '../modules/billing/top-up-request.entity.js';
import { Campaign } from '../modules/campaigns/campaign.entity.js';
import { Contact } from '../modules/contacts/contact.entity.js';
import { ContactGroup, GroupMember } from '../modules/contacts/contact-group.entity.js';
import { ContactImport } from '../modules/contacts/contact-import.entity.js';
import { StopEntry } from '../modules/contacts/stop-entry.entity.js';
import { Message } from '../modules/messaging/message.entity.js';
import { SenderAuthorization } from '../modules/senders/sender-authorization.entity.js';
import { SenderName } from '../modules/senders/sender-name.entity.js';
import { StatCounter } from '../modules/statistics/stat-counter.entity.js';
import { Draft, Template } from '../modules/templates/template.entity.js';
import { Webhook } from '../modules/webhooks/webhook.entity.js';
import { WebhookDelivery } from '../modules/webhooks/webhook-delivery.entity.js';

export const TENANT_FILTER = 'tenant';

/** Entities that belong to one organization, and the property that says which. */
const TENANT_ENTITIES = [
  [Message, 'organization'],
  [SenderName, 'organization'],
  [SenderAuthorization, 'organizationId'],
  [ApiKey, 'organization'],
  [User, 'organization'],
  [TopUpRequest, 'organization'],
  [LedgerPosting, 'organizationId'],
  [CreditAccount, 'organizationId'],
  [Contact, 'organization'],
  [Campaign, 'organization'],
  [StatCounter, 'organizationId'],
  [ContactGroup, 'organization'],
  [GroupMember, 'organizationId'],
  [StopEntry, 'organizationId'],
  [ContactImport, 'organization'],
  [Template, 'organization'],
  [Draft, 'organization'],
  [Webhook, 'organization'],
  [WebhookDelivery, 'organizationId'],
] as const;
const TENANT_PROPERTY = new Map<string, string>(TENANT_ENTITIES.map(([entity, property]) => [entity.name, property]));

type TenantParams = { organizationId: string } | { allOrganizations: true };

/**
 * Tenancy in one place: every read, update and delete of a tenant entity gets `organization = <caller's>`
 * added by this ORM filter. It is on by default and needs its parameter, so a query through an entity
 * manager that was not scoped by `Tenancy` fails loudly instead of returning another tenant's rows.
 */
export const tenantFilter: FilterDef = {
  name: TENANT_FILTER,
  default: true,
  entity: TENANT_ENTITIES.map(([entity]) => entity),
  cond: (args: TenantParams, _type, _em, _options, entityName) => {
    if ('allOrganizations' in args) return {};
    const name = typeof entityName === 'string' ? entityName : (entityName as { name?: string } | undefined)?.name;
    const property = name ? TENANT_PROPERTY.get(name) : undefined;
    if (!property) throw new Error(`tenant filter applied to ${name}, which has no organization`);
    return { [property]: args.organizationId };
  },
};

/** Hands out entity managers that are scoped to one organization, or explicitly to all of them. */
@Injectable()
export class Tenancy {
  constructor(private readonly em: SqlEntityManager) {}

  /** What a request may see: its own organization's rows only. */
  of(auth: Pick<AuthContext, 'organizationId'>): SqlEntityManager {
    return this.scoped({ organizationId: auth.organizationId });
  }

  /** For the platform's own work (workers, staff lists, logins by e-mail), never for a tenant's request. */
  system(): SqlEntityManager {
    return this.scoped({ allOrganizations: true });
  }

  private scoped(params: TenantParams): SqlEntityManager {
    const em = this.em.fork();
    em.setFilterParams(TENANT_FILTER, params);
    return em;
  }
}

/** The same scoping for code that holds an entity manager but no Nest container (seed, CLI). */
export function systemScope(em: SqlEntityManager): SqlEntityManager {
  const fork = em.fork();
  fork.setFilterParams(TENANT_FILTER, { allOrganizations: true });
  return fork;
}
