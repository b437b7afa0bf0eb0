import { Logger } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { isDeadlock, retryDeadlocks } from './deadlocks.js';

const logger = new Logger('test');
logger.warn = () => undefined;

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryDeadlocks', () => {
  it('runs the work again when PostgreSQL chose it as a deadlock victim', async () => {
    let calls = 0;
    const result = await retryDeadlocks(logger, 'accepts', async () => {
      calls++;
      if (calls === 1) throw deadlock();
      return 'stored';
    });
    expect(result).toBe('stored');
    expect(calls).toBe(2);
  });

  it('gives up after three tries, and never repeats work that failed otherwise', async () => {
    let calls = 0;
    await expect(
      retryDeadlocks(logger, 'accepts', async () => {
        calls++;
        throw deadlock();
      }),
    ).rejects.toThrow('deadlock detected');
    expect(calls).toBe(3);

    calls = 0;
    await expect(
      retryDeadlocks(logger, 'accepts', async () => {
        calls++;
        throw Object.assign(new Error('unique violation'), { code: '23505' });
      }),
    ).rejects.toThrow('unique violation');
    expect(calls).toBe(1);
    expect(isDeadlock(new Error('x'))).toBe(false);
  });
});
