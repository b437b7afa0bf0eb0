import { DeadlockException } from '@mikro-orm/core';
import type { Logger } from '@nestjs/common';

const ATTEMPTS = 3;

/** PostgreSQL aborted the statement to break a lock cycle (through the ORM, or raw from the driver). */
export function isDeadlock(error: unknown): boolean {
  return error instanceof DeadlockException || (error as { code?: unknown } | null)?.code === '40P01';
}

/**
 * Runs `work` again when PostgreSQL aborted it as a deadlock victim: the other side has gone on, so a second
 * try succeeds. `work` must be safe to repeat (one transaction, or conditional updates). Locks are taken in
 * a fixed order where it matters (BoundSql.inLocked), so this is the rare case, not the plan.
 */
export async function retryDeadlocks<T>(logger: Logger, what: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isDeadlock(error)) throw error;
      logger.warn(`${what}: deadlock victim, trying again (${attempt}/${ATTEMPTS - 1})`);
    }
  }
}
