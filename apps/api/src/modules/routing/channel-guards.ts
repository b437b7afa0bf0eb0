import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { REDIS, redisKey } from '../redis/redis.module.js';

/**
 * Per-channel facts every worker process must share, kept in Redis: what was sent recently (so a channel
 * that silently drops repeats never gets one) and how much of the channel's throughput is used this second.
 */
@Injectable()
export class ChannelGuards {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Channels (among those with a window) that carried this text to this number within their window. */
  async duplicatesOn(
    channels: { channelId: string; windowSeconds: number }[],
    to: string,
    text: string,
  ): Promise<Set<string>> {
    const watched = channels.filter((c) => c.windowSeconds > 0);
    if (watched.length === 0) return new Set();
    const keys = watched.map((c) => this.duplicateKey(c.channelId, to, text));
    const seen = await this.redis.mget(...keys);
    return new Set(watched.filter((_, i) => seen[i] !== null).map((c) => c.channelId));
  }

  /** Remembers a submit for the channel's window (its own record; the channel keeps one we cannot see). */
  async rememberSent(channelId: string, windowSeconds: number, to: string, text: string): Promise<void> {
    if (windowSeconds <= 0) return;
    await this.redis.set(this.duplicateKey(channelId, to, text), '1', 'EX', windowSeconds);
  }

  /**
   * Forgets submits the channel never got (a lost submit sent again: receipts/resender.ts), so its repeat
   * window does not stop the resend. Windowless channels keep no record; deleting nothing costs one call.
   */
  async forgetSent(sent: { channelId: string; to: string; text: string }[]): Promise<void> {
    if (sent.length === 0) return;
    await this.redis.del(...sent.map((s) => this.duplicateKey(s.channelId, s.to, s.text)));
  }

  /**
   * Takes one slot of the channel's per-second budget, shared by all workers. Returns 0 when granted, else
   * how long to wait for the next second.
   */
  async acquire(channelId: string, maxPerSecond: number): Promise<number> {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const key = redisKey(this.config, 'rate', channelId, String(second));
    const [[, used]] = (await this.redis.multi().incr(key).expire(key, 2).exec()) as [[null, number], unknown];
    return used <= maxPerSecond ? 0 : (second + 1) * 1000 - now;
  }

  /**
   * Takes up to `wanted` slots of this second's budget at once (one round trip for a batch). Returns how
   * many were granted and, when not all were, how long to wait for the next second. Slots over the budget
   * are given back so that they do not starve the other workers.
   */
  async acquireMany(
    channelId: string,
    maxPerSecond: number,
    wanted: number,
  ): Promise<{ granted: number; waitMs: number }> {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const key = redisKey(this.config, 'rate', channelId, String(second));
    const [[, used]] = (await this.redis.multi().incrby(key, wanted).expire(key, 2).exec()) as [
      [null, number],
      unknown,
    ];
    const granted = Math.max(0, Math.min(wanted, maxPerSecond - (used - wanted)));
    if (granted < wanted) await this.redis.decrby(key, wanted - granted);
    return { granted, waitMs: granted < wanted ? (second + 1) * 1000 - now : 0 };
  }

  private duplicateKey(channelId: string, to: string, text: string): string {
    const digest = createHash('sha256').update(to).update('\u0000').update(text).digest('base64url');
    return redisKey(this.config, 'sent', channelId, digest);
  }
}
