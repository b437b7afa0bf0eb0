import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../common/auth/auth-context.js';
import { RateLimitGuard } from '../../common/rate-limit.guard.js';
import { ApiKeysService } from '../accounts/api-keys.service.js';

/**
 * smsoffice's clients send the API key as the `key` parameter, not as a header, so the global guards see an
 * anonymous request. This one authenticates the key and then applies the same per-key rate limit. A missing
 * or wrong key is let through: the service answers it in smsoffice's envelope (codes 500 and 80).
 */
@Injectable()
export class CompatKeyGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly rateLimit: RateLimitGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = keyOf(request.body) ?? keyOf(request.query);
    if (!key) return true;
    try {
      request.auth = await this.apiKeys.authenticate(key);
    } catch {
      return true;
    }
    return this.rateLimit.canActivate(context);
  }
}

function keyOf(params: unknown): string | undefined {
  const value = params && typeof params === 'object' ? (params as Record<string, unknown>).key : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}
