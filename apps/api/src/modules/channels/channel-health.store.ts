import type { ChannelHealth } from '@mtredi/channel-sdk';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { REDIS, redisKey } from '../redis/redis.module.js';

export interface ChannelHealthRecord {
  health: ChannelHealth;
  detail: string | null;
  since: string;
}

/** Channel health shared through Redis, so an API process can report what the worker process sees. */
@Injectable()
export class ChannelHealthStore {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = redisKey(config, 'channel-health');
  }

  async set(channelId: string, health: ChannelHealth, detail?: string): Promise<void> {
    const record: ChannelHealthRecord = { health, detail: detail ?? null, since: new Date().toISOString() };
    await this.redis.hset(this.key, channelId, JSON.stringify(record));
  }

  async all(): Promise<Record<string, ChannelHealthRecord>> {
    const raw = await this.redis.hgetall(this.key);
    return Object.fromEntries(Object.entries(raw).map(([id, json]) => [id, JSON.parse(json) as ChannelHealthRecord]));
  }
}
