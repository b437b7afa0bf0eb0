import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { REDIS, redisKey } from '../modules/redis/redis.module.js';
import type { AuthenticatedRequest } from './auth/auth-context.js';
import { DomainError } from './domain-error.js';

/**
 * Requests per second per API key (or per portal user), counted in Redis so every API instance shares the
 * budget. Over it: 429 with Retry-After. Runs after the AuthGuard, which identifies the caller.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = request.auth?.apiKeyId ?? request.auth?.userId;
    if (!caller) return true;
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const key = redisKey(this.config, 'rate-limit', caller, String(second));
    const [[, used]] = (await this.redis.multi().incr(key).expire(key, 2).exec()) as [[null, number], unknown];
    if (used <= this.config.rateLimitPerSecond) return true;
    throw new DomainError(
      'rate_limit/exceeded',
      `More than ${this.config.rateLimitPerSecond} requests per second for this key`,
      429,
      undefined,
      { 'Retry-After': String(Math.max(1, Math.ceil(((second + 1) * 1000 - now) / 1000))) },
    );
  }
}
