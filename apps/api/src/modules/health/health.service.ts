import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Tenancy } from '../../db/tenancy.js';
import { Channel } from '../channels/channel.entity.js';
import { ChannelHealthStore } from '../channels/channel-health.store.js';
import { REDIS } from '../redis/redis.module.js';

type Check = { status: 'up' } | { status: 'down'; error: string };

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  try {
    await fn();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly tenancy: Tenancy,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly channelHealth: ChannelHealthStore,
  ) {}

  async report() {
    const em = this.tenancy.system();
    const [database, redis] = await Promise.all([
      probe(() => em.getConnection().execute('select 1')),
      probe(() => this.redis.ping()),
    ]);
    const rows = database.status === 'up' ? await em.find(Channel, {}, { orderBy: { priority: 'asc' } }) : [];
    const live = redis.status === 'up' ? await this.channelHealth.all() : {};
    const channels = rows.map((c) => ({
      id: c.id,
      name: c.name,
      driver: c.driver,
      enabled: c.enabled,
      health: c.enabled ? (live[c.id]?.health ?? 'unknown') : 'disabled',
      detail: live[c.id]?.detail ?? null,
    }));
    const ok = database.status === 'up' && redis.status === 'up';
    return { status: ok ? 'ok' : 'degraded', database, redis, channels };
  }
}
