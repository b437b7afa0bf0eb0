import { type CanActivate, type ExecutionContext, Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { REDIS, redisKey } from '../modules/redis/redis.module.js';
import type { AuthenticatedRequest } from './auth/auth-context.js';
import { DomainError } from './domain-error.js';

/** How often this process adds its counts to the shared ones in Redis and learns the others'. */
const SYNC_EVERY_MS = 100;

interface Window {
  second: number;
  /** Requests counted here this second. */
  local: number;
  /** Of those, already added to Redis. */
  synced: number;
  /** Requests other API instances counted this second, as of the last sync. */
  others: number;
}

/**
 * Requests per second per API key (or per portal user), shared by every API instance. Each request is
 * counted in memory (a Redis round trip per request cost more than the rest of a send); ten times a second
 * the counts are added to Redis, which answers with everyone's total. One instance is exact; several
 * together may let through one sync interval's worth of the others' requests. Over it: 429 with Retry-After.
 * Runs after the AuthGuard, which identifies the caller.
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.timer = setInterval(() => void this.sync().catch(() => undefined), SYNC_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = request.auth?.apiKeyId ?? request.auth?.userId;
    if (!caller) return true;
    const now = Date.now();
    const second = Math.floor(now / 1000);
    let window = this.windows.get(caller);
    if (window?.second !== second) {
      window = { second, local: 0, synced: 0, others: 0 };
      this.windows.set(caller, window);
    }
    if (window.local + window.others < this.config.rateLimitPerSecond) {
      window.local++;
      return true;
    }
    throw new DomainError(
      'rate_limit/exceeded',
      `More than ${this.config.rateLimitPerSecond} requests per second for this key`,
      429,
      undefined,
      { 'Retry-After': String(Math.max(1, Math.ceil(((second + 1) * 1000 - now) / 1000))) },
    );
  }

  private async sync(): Promise<void> {
    const second = Math.floor(Date.now() / 1000);
    const pending: [string, Window][] = [];
    for (const [caller, window] of this.windows) {
      // Callers of this second are synced even without new requests here, to learn the others' counts.
      if (window.second < second) this.windows.delete(caller);
      else pending.push([caller, window]);
    }
    if (pending.length === 0) return;
    const multi = this.redis.multi();
    for (const [caller, window] of pending) {
      const key = redisKey(this.config, 'rate-limit', caller, String(window.second));
      multi.incrby(key, window.local - window.synced).expire(key, 2);
      window.synced = window.local;
    }
    const results = (await multi.exec()) ?? [];
    pending.forEach(([, window], i) => {
      const total = Number(results[i * 2]?.[1] ?? 0);
      window.others = Math.max(0, total - window.synced);
    });
  }
}
