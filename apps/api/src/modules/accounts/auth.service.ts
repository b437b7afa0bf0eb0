import type { LoginRequest, SessionUser } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { SessionsService } from './sessions.service.js';
import { User } from './user.entity.js';

/** Hash used when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
const DUMMY_HASH = await argon2.hash('mtredi-timing-equaliser', { type: argon2.argon2id });

@Injectable()
export class AuthService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: SessionsService,
  ) {}

  async login(request: LoginRequest): Promise<{ token: string; user: SessionUser }> {
    const user = await this.tenancy.system().findOne(User, { email: request.email }, { populate: ['organization'] });
    const ok = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, request.password);
    if (!user || !ok) throw new DomainError('auth/invalid_credentials', 'Wrong e-mail or password', 401);
    const token = await this.sessions.open(user.id);
    return { token, user: toSessionUser(user) };
  }

  async me(auth: AuthContext): Promise<SessionUser> {
    return toSessionUser(await this.sessions.userOf(auth));
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

function toSessionUser(user: User): SessionUser {
  const organization = user.organization.getEntity();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organization: { id: organization.id, name: organization.name },
  };
}
