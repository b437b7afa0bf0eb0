import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/config.js';
import { RateLimitGuard } from './rate-limit.guard.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const config = { rateLimitPerSecond: 100, redis: { prefix: `mtredi-test-${randomUUID()}` } } as AppConfig;

function requestOf(apiKeyId: string): ExecutionContext {
  const request = { auth: { apiKeyId, organizationId: 'o', userId: null, role: 'integrator' } };
  return { getType: () => 'http', switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

/** How many of `attempts` requests the guard lets through. */
function admitted(guard: RateLimitGuard, key: string, attempts: number): number {
  let ok = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      if (guard.canActivate(requestOf(key))) ok++;
    } catch (error) {
      expect((error as { code?: string }).code).toBe('rate_limit/exceeded');
    }
  }
  return ok;
}

/** Waits until the next second has just begun, so a test's requests all fall in one second. */
async function startOfSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

describe('RateLimitGuard', () => {
  const guards: RateLimitGuard[] = [];
  afterAll(async () => {
    for (const g of guards) g.onModuleDestroy();
    await redis.quit();
  });
  const guard = () => {
    const g = new RateLimitGuard(redis, config);
    guards.push(g);
    return g;
  };

  it('admits exactly the budget per key and second in one process, keys apart', async () => {
    const g = guard();
    await startOfSecond();
    expect(admitted(g, 'key-a', 150)).toBe(100);
    expect(admitted(g, 'key-b', 10)).toBe(10);
  });

  it('shares the budget between processes through Redis, each learning the others’ counts at its sync', async () => {
    const [a, b] = [guard(), guard()];
    const sync = () => new Promise((resolve) => setTimeout(resolve, 250));
    await startOfSecond();
    expect(admitted(a, 'shared', 70)).toBe(70);
    await sync();
    expect(admitted(b, 'shared', 20)).toBe(20);
    await sync(); // a now knows of b's 20, b of a's 70
    expect(admitted(a, 'shared', 50)).toBe(10);
    expect(admitted(b, 'shared', 50)).toBe(10);
  });
});
