import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { newSecret, sha256 } from './secrets.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

@Injectable()
export class SessionsService {
  constructor(private readonly tenancy: Tenancy) {}

  /** Opens a session and returns the cookie token (only its hash is stored). */
  async open(userId: string): Promise<string> {
    const token = newSecret(32);
    const now = new Date();
    await this.tenancy.system().insert(Session, {
      tokenHash: sha256(token),
      user: userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
    return token;
  }

  async close(token: string): Promise<void> {
    await this.tenancy.system().nativeDelete(Session, { tokenHash: sha256(token) });
  }

  /** Log out everywhere: ends every session of the caller's user. */
  async closeAll(auth: AuthContext): Promise<void> {
    if (!auth.userId) throw new DomainError('auth/user_required', 'This needs a logged-in user, not an API key', 403);
    await this.tenancy.system().nativeDelete(Session, { user: auth.userId });
  }

  async authenticate(token: string): Promise<AuthContext> {
    const em = this.tenancy.system();
    const session = await em.findOne(
      Session,
      { tokenHash: sha256(token), expiresAt: { $gt: new Date() } },
      { populate: ['user'] },
    );
    if (!session) throw new DomainError('auth/unauthenticated', 'Your session has ended; log in again', 401);
    const user = session.user.getEntity();
    return { organizationId: user.organization.id, userId: user.id, apiKeyId: null, role: user.role };
  }

  async userOf(auth: AuthContext): Promise<User> {
    if (!auth.userId) throw new DomainError('auth/user_required', 'This needs a logged-in user, not an API key', 403);
    return this.tenancy.of(auth).findOneOrFail(User, { id: auth.userId }, { populate: ['organization'] });
  }
}
