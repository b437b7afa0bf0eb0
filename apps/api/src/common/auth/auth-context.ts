import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Who is calling. Every service method that touches tenant data takes this and scopes its queries by
 * `organizationId`; it is built only by the AuthGuard.
 */
export interface AuthContext {
  organizationId: string;
  userId: string | null;
  apiKeyId: string | null;
  role: 'owner' | 'member' | 'staff' | 'integrator';
}

export type AuthenticatedRequest = FastifyRequest & { auth?: AuthContext };

const PUBLIC_ROUTE = 'mtredi:public';

/** Marks a route that needs no login (health, login itself, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
export const isPublicRoute = PUBLIC_ROUTE;

const REQUIRED_ROLES = 'mtredi:roles';
export const requiredRolesKey = REQUIRED_ROLES;

/** Limits a route (or a controller) to callers with one of these roles; checked by the AuthGuard. */
export const RequireRole = (...roles: AuthContext['role'][]) => SetMetadata(REQUIRED_ROLES, roles);

/** Injects the caller's AuthContext into a handler. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.auth) throw new Error('Auth used on a public route');
  return request.auth;
});

export const SESSION_COOKIE = 'mtredi_session';
