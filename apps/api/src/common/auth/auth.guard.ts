import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService } from '../../modules/accounts/api-keys.service.js';
import { SessionsService } from '../../modules/accounts/sessions.service.js';
import { DomainError } from '../domain-error.js';
import {
  type AuthContext,
  type AuthenticatedRequest,
  isPublicRoute,
  requiredRolesKey,
  SESSION_COOKIE,
} from './auth-context.js';

/**
 * Global guard: every route needs an API key (`Authorization: Bearer …`) or a portal session cookie unless
 * it is marked @Public(). Tenancy starts here: the resulting AuthContext names the one organization the
 * request may see.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(isPublicRoute, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header) {
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        throw new DomainError('auth/malformed_authorization', 'Authorization header must be "Bearer <API key>"', 401);
      }
      request.auth = await this.apiKeys.authenticate(token);
    } else {
      const sessionToken = request.cookies?.[SESSION_COOKIE];
      if (!sessionToken) {
        throw new DomainError(
          'auth/unauthenticated',
          'Log in, or send an API key as "Authorization: Bearer <key>"',
          401,
        );
      }
      request.auth = await this.sessions.authenticate(sessionToken);
    }
    const roles = this.reflector.getAllAndOverride<AuthContext['role'][] | undefined>(requiredRolesKey, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(request.auth.role)) {
      throw new DomainError('auth/forbidden', `This needs the role ${roles.join(' or ')}`, 403);
    }
    return true;
  }
}
