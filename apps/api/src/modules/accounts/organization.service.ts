import { randomUUID } from 'node:crypto';
import type { Member, OrganizationProfile, UpdateOrganizationRequest } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { ReadCache } from '../../common/read-cache.js';
import { Tenancy } from '../../db/tenancy.js';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from './auth.service.js';
import { Organization } from './organization.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

@Injectable()
export class OrganizationService {
  /** A suspension reaches a busy sender within this time. */
  private readonly activeOrganizations = new ReadCache<true>({ ttlMs: 5_000, max: 10_000 });

  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditService,
  ) {}

  async profile(auth: AuthContext): Promise<OrganizationProfile> {
    const organization = await this.tenancy.system().findOneOrFail(Organization, { id: auth.organizationId });
    return toProfile(organization);
  }

  /** Only a verified (active) organization may send; a pending one is told why, before anything is charged. */
  async assertCanSend(auth: AuthContext): Promise<void> {
    // Only "active" is remembered (briefly): a newly activated organization can send at once.
    const active = await this.activeOrganizations.get(auth.organizationId, async () => {
      const found = await this.tenancy.system().findOneOrFail(Organization, { id: auth.organizationId });
      return found.status === 'active' ? true : undefined;
    });
    if (active) return;
    const organization = await this.tenancy.system().findOneOrFail(Organization, { id: auth.organizationId });
    if (organization.status === 'pending') {
      throw new DomainError(
        'accounts/organization_pending',
        'Your organization is waiting for verification by our staff (usually about a day); sending opens then',
        403,
      );
    }
    if (organization.status !== 'active') {
      throw new DomainError('accounts/organization_suspended', 'Your organization is suspended; contact support', 403);
    }
  }

  async update(auth: AuthContext, changes: z.output<typeof UpdateOrganizationRequest>): Promise<OrganizationProfile> {
    await this.tenancy.system().transactional(async (tx) => {
      await tx.nativeUpdate(Organization, { id: auth.organizationId }, changes);
      this.audit.record(tx, auth, {
        action: 'organization.updated',
        organizationId: auth.organizationId,
        targetType: 'organization',
        targetId: auth.organizationId,
        details: changes,
      });
    });
    return this.profile(auth);
  }

  async members(auth: AuthContext): Promise<{ items: Member[] }> {
    const users = await this.tenancy.of(auth).find(User, {}, { orderBy: { createdAt: 'asc' } });
    return { items: users.map(toMember) };
  }

  async addMember(auth: AuthContext, input: { email: string; name: string; password: string }): Promise<Member> {
    const system = this.tenancy.system();
    if (await system.count(User, { email: input.email })) {
      throw new DomainError('accounts/email_taken', `An account with the e-mail ${input.email} already exists`, 409, [
        { path: 'email', message: 'already registered' },
      ]);
    }
    const passwordHash = await hashPassword(input.password);
    const user = await this.tenancy.of(auth).transactional(async (tx) => {
      const created = tx.create(User, {
        id: randomUUID(),
        organization: auth.organizationId,
        email: input.email,
        name: input.name,
        passwordHash,
        role: 'member',
        createdAt: new Date(),
      });
      this.audit.record(tx, auth, {
        action: 'member.added',
        organizationId: auth.organizationId,
        targetType: 'user',
        targetId: created.id,
        details: { email: input.email },
      });
      return created;
    });
    return toMember(user);
  }

  /** Removes a member and ends their sessions; an owner cannot remove themself (the organization keeps one). */
  async removeMember(auth: AuthContext, userId: string): Promise<void> {
    if (userId === auth.userId) {
      throw new DomainError('accounts/cannot_remove_self', 'You cannot remove yourself from the organization', 422);
    }
    await this.tenancy.of(auth).transactional(async (tx) => {
      const user = await tx.findOne(User, { id: userId });
      if (!user) throw new NotFoundError('members', userId);
      await tx.nativeDelete(Session, { user: userId });
      await tx.nativeDelete(User, { id: userId });
      this.audit.record(tx, auth, {
        action: 'member.removed',
        organizationId: auth.organizationId,
        targetType: 'user',
        targetId: userId,
        details: { email: user.email },
      });
    });
  }
}

export function toProfile(o: Organization): OrganizationProfile {
  return {
    id: o.id,
    name: o.name,
    website: o.website ?? null,
    contactName: o.contactName ?? null,
    contactEmail: o.contactEmail ?? null,
    contactPhone: o.contactPhone ?? null,
    status: o.status,
    createdAt: o.createdAt.toISOString(),
    activatedAt: o.activatedAt?.toISOString() ?? null,
  };
}

function toMember(u: User): Member {
  return { id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt.toISOString() };
}
