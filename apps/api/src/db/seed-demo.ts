import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { postings } from '@mtredi/billing';
import { OPERATORS } from '@mtredi/sender-auth';
import type { AppConfig } from '../config/config.js';
import { ApiKey } from '../modules/accounts/api-key.entity.js';
import { ApiKeysService } from '../modules/accounts/api-keys.service.js';
import { hashPassword } from '../modules/accounts/auth.service.js';
import { Organization } from '../modules/accounts/organization.entity.js';
import { User } from '../modules/accounts/user.entity.js';
import { CreditService } from '../modules/billing/credit.service.js';
import { seedDefaultPackages } from '../modules/billing/packages.service.js';
import { Channel } from '../modules/channels/channel.entity.js';
import { SenderAuthorization } from '../modules/senders/sender-authorization.entity.js';
import { SenderName } from '../modules/senders/sender-name.entity.js';
import { ormOptions } from './orm-config.js';
import { seedReferenceData } from './seed-reference.js';
import { systemScope, Tenancy } from './tenancy.js';

export const DEMO = {
  organization: 'Mtredi Demo',
  website: 'mtredi.ge',
  email: 'demo@mtredi.ge',
  password: 'mtredi-demo',
  sender: 'Mtredi',
  trialCredits: 10,
  apiKeyName: 'Demo key',
  staffEmail: 'staff@mtredi.ge',
  staffPassword: 'mtredi-staff',
} as const;

export const STAFF_ORGANIZATION = 'Mtredi staff';

/**
 * Makes a new installation usable at once: the local simulator channel, and a demo organization with its
 * trial credits, user, active sender name and a fresh API key. Idempotent: running it again changes
 * nothing but the API key, which is replaced because a key's secret is never stored.
 */
/**
 * A platform staff user (in the provider's own organization). Staff accounts are made only by this, from the
 * command line, never by self-registration. Returns false when the e-mail already exists.
 */
export async function ensureStaffUser(em: SqlEntityManager, email: string, password: string, name: string) {
  if (await em.count(User, { email })) return false;
  let staffOrganization = await em.findOne(Organization, { name: STAFF_ORGANIZATION });
  if (!staffOrganization) {
    staffOrganization = em.create(Organization, {
      id: randomUUID(),
      name: STAFF_ORGANIZATION,
      status: 'active',
      createdAt: new Date(),
      activatedAt: new Date(),
    });
  }
  em.create(User, {
    id: randomUUID(),
    organization: staffOrganization,
    email,
    name,
    passwordHash: await hashPassword(password),
    role: 'staff',
    createdAt: new Date(),
  });
  await em.flush();
  return true;
}

export async function seedDemo(config: AppConfig): Promise<{ apiKey: string; organizationId: string }> {
  const orm = await MikroORM.init(ormOptions(config));
  try {
    const em = systemScope(orm.em as SqlEntityManager);
    if ((await em.count(Channel, {})) === 0) {
      em.create(Channel, {
        id: randomUUID(),
        name: 'Local simulator',
        driver: 'simulator',
        config: { version: 1, settings: {} },
        priority: 100,
        createdAt: new Date(),
      });
    }
    let organization = await em.findOne(Organization, { name: DEMO.organization });
    if (!organization) {
      organization = em.create(Organization, {
        id: randomUUID(),
        name: DEMO.organization,
        website: DEMO.website,
        status: 'active',
        createdAt: new Date(),
      });
      em.create(User, {
        id: randomUUID(),
        organization,
        email: DEMO.email,
        name: 'Demo User',
        passwordHash: await hashPassword(DEMO.password),
        role: 'owner',
        createdAt: new Date(),
      });
      const sender = em.create(SenderName, {
        id: randomUUID(),
        organization,
        name: DEMO.sender,
        matches: true,
        matchExplanation: 'the company name',
        createdAt: new Date(),
      });
      for (const operator of OPERATORS) {
        em.create(SenderAuthorization, {
          sender,
          operator,
          organizationId: organization.id,
          state: 'active',
          updatedAt: new Date(),
        });
      }
    }
    await em.flush();
    await seedDefaultPackages(em);
    await seedReferenceData(em);
    await ensureStaffUser(em, DEMO.staffEmail, DEMO.staffPassword, 'Demo staff');
    const organizationId = organization.id;
    await em.transactional((tx: SqlEntityManager) =>
      new CreditService().post(tx, postings.trial(organizationId, DEMO.trialCredits)),
    );
    await em.nativeUpdate(
      ApiKey,
      { organization: organizationId, name: DEMO.apiKeyName, revokedAt: null },
      { revokedAt: new Date() },
    );
    const { key } = await new ApiKeysService(new Tenancy(orm.em as SqlEntityManager)).create(
      organizationId,
      DEMO.apiKeyName,
    );
    return { apiKey: key, organizationId };
  } finally {
    await orm.close(true);
  }
}

/** Runs `work` with an entity manager scoped to the whole platform, then closes the connection. */
export async function withSystemEm<T>(config: AppConfig, work: (em: SqlEntityManager) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormOptions(config));
  try {
    return await work(systemScope(orm.em as SqlEntityManager));
  } finally {
    await orm.close(true);
  }
}
