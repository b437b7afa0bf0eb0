import { LRUCache } from 'lru-cache';

/**
 * A bounded, short-lived memo of database reads that every request repeats (the API key, the organization's
 * state, a sender's authorizations, ported numbers). The time to live bounds how stale a read may be in
 * another process; the process that makes a change clears the entry itself, so its own next read is fresh.
 * Loads of the same key at the same time share one query.
 */
export class ReadCache<V extends {}> {
  private readonly cache: LRUCache<string, V, () => Promise<V | undefined>>;

  constructor(options: { ttlMs: number; max: number }) {
    this.cache = new LRUCache<string, V, () => Promise<V | undefined>>({
      max: options.max,
      ttl: options.ttlMs,
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  /** The cached value, or what `load` returns (`undefined` results are not kept). */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    return this.cache.fetch(key, { context: load });
  }

  delete(key: string): void {
    this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }
}
