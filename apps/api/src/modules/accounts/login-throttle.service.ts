import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { REDIS, redisKey } from '../redis/redis.module.js';

const WINDOW_SECONDS = 15 * 60;
/** Failed logins allowed per account, and per client address, inside the window. */
const MAX_PER_ACCOUNT = 5;
const MAX_PER_ADDRESS = 20;

/**
 * Slows password guessing: too many failures for one e-mail, or from one address, and further attempts are
 * refused for the rest of the window (shared by every API instance through Redis).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, address: string): Promise<void> {
    const [account, fromAddress] = await this.redis.mget(this.accountKey(email), this.addressKey(address));
    const blockedKey =
      Number(account ?? 0) >= MAX_PER_ACCOUNT
        ? this.accountKey(email)
        : Number(fromAddress ?? 0) >= MAX_PER_ADDRESS
          ? this.addressKey(address)
          : null;
    if (!blockedKey) return;
    const retryAfter = Math.max(1, await this.redis.ttl(blockedKey));
    throw new DomainError(
      'auth/too_many_attempts',
      `Too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minute(s)`,
      429,
      undefined,
      { 'Retry-After': String(retryAfter) },
    );
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of [this.accountKey(email), this.addressKey(address)]) {
      multi.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    }
    await multi.exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }

  private accountKey(email: string) {
    return redisKey(this.config, 'login-fail', 'account', email);
  }

  private addressKey(address: string) {
    return redisKey(this.config, 'login-fail', 'address', address);
  }
}
