import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { LoginRequest, RegisterRequest, SessionUser } from '@mtredi/api-contract';
import { postings } from '@mtredi/billing';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { AuditService } from '../audit/audit.service.js';
import { CreditService } from '../billing/credit.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { Organization } from './organization.entity.js';
import { SessionsService } from './sessions.service.js';
import { User } from './user.entity.js';

/** Hash used when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
const DUMMY_HASH = await argon2.hash('mtredi-timing-equaliser', { type: argon2.argon2id });

type ValidRegistration = z.output<typeof RegisterRequest>;

@Injectable()
export class AuthService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly credit: CreditService,
    private readonly audit: AuditService,
  ) {}

  async login(request: LoginRequest, address: string): Promise<{ token: string; user: SessionUser }> {
    await this.throttle.assertAllowed(request.email, address);
    const user = await this.tenancy.system().findOne(User, { email: request.email }, { populate: ['organization'] });
    const ok = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, request.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(request.email, address);
      throw new DomainError('auth/invalid_credentials', 'Wrong e-mail or password', 401);
    }
    await this.throttle.recordSuccess(request.email);
    const token = await this.sessions.open(user.id);
    return { token, user: toSessionUser(user) };
  }

  /**
   * A new organization starts `pending` (staff verify it, about a day) with its owner and the free trial
   * credits; the owner is logged in at once and can look around, but cannot send until it is active.
   */
  async register(request: ValidRegistration): Promise<{ token: string; user: SessionUser }> {
    const em = this.tenancy.system();
    if (await em.count(User, { email: request.email })) throw emailTaken(request.email);
    const organizationId = randomUUID();
    const userId = randomUUID();
    const passwordHash = await hashPassword(request.password);
    try {
      await em.transactional(async (tx) => {
        const now = new Date();
        tx.create(Organization, {
          id: organizationId,
          name: request.companyName,
          website: request.website ?? null,
          contactName: request.contactName,
          contactEmail: request.email,
          contactPhone: request.phone,
          status: 'pending',
          createdAt: now,
        });
        tx.create(User, {
          id: userId,
          organization: organizationId,
          email: request.email,
          name: request.contactName,
          passwordHash,
          role: 'owner',
          createdAt: now,
        });
        await tx.flush();
        await this.credit.post(tx, postings.trial(organizationId));
        const actor: AuthContext = { organizationId, userId, apiKeyId: null, role: 'owner' };
        this.audit.record(tx, actor, {
          action: 'organization.registered',
          organizationId,
          targetType: 'organization',
          targetId: organizationId,
          details: { name: request.companyName },
        });
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw emailTaken(request.email);
      throw error;
    }
    const token = await this.sessions.open(userId);
    const user = await this.tenancy.system().findOneOrFail(User, { id: userId }, { populate: ['organization'] });
    return { token, user: toSessionUser(user) };
  }

  async me(auth: AuthContext): Promise<SessionUser> {
    return toSessionUser(await this.sessions.userOf(auth));
  }

  async changePassword(auth: AuthContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.sessions.userOf(auth);
    if (!(await argon2.verify(user.passwordHash, currentPassword))) {
      throw new DomainError('auth/invalid_credentials', 'The current password is wrong', 401);
    }
    await this.tenancy.of(auth).nativeUpdate(User, { id: user.id }, { passwordHash: await hashPassword(newPassword) });
  }
}

function emailTaken(email: string) {
  return new DomainError('accounts/email_taken', `An account with the e-mail ${email} already exists`, 409, [
    { path: 'email', message: 'already registered' },
  ]);
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function toSessionUser(user: User): SessionUser {
  const organization = user.organization.getEntity();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organization: { id: organization.id, name: organization.name, status: organization.status },
  };
}
