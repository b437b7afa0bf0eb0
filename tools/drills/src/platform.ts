import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { REQUEST_TIMEOUT_MS } from './api.js';
import { freePort, ManagedProcess } from './processes.js';
import { sleep } from './traffic.js';

const API_DIR = fileURLToPath(new URL('../../../apps/api/', import.meta.url));
const API_CLI = join(API_DIR, 'dist/cli.js');
/** tools/start.sh's default V8 heap cap for the platform's processes (MTREDI_MAX_HEAP_MB overrides it). */
const DEFAULT_MAX_HEAP_MB = 384;
export const DRIVERS = '@mtredi/driver-simulator,@mtredi/driver-smpp,@mtredi/driver-aggregator';
const READY_TIMEOUT_MS = 120_000;

export interface PlatformOptions {
  /**
   * A PostgreSQL server (`postgresql://user@host:5432/any`) on which a fresh database is created and
   * dropped at the end. Absent: an SQLite file in a temporary directory.
   */
  postgresServer?: string | undefined;
  /** `all` (default): one `start` process serves HTTP and runs the workers. `split`: an api and a worker process. */
  roles?: 'all' | 'split';
  /** Extra environment (log level, sweeper timing…). */
  env?: Record<string, string>;
}

/**
 * The real platform as processes: `node apps/api/dist/cli.js start` (migrate, seed the demo, serve) on a
 * free loopback port, with its own data directory, database and Redis key prefix, all removed by `destroy`.
 * Channels are started by the worker at boot, so after creating channels through the staff API the
 * worker is restarted (`restartWorker`).
 */
export class Platform {
  /** The demo organization's API key; `start` makes a new one on every run. */
  apiKey = '';
  private api: ManagedProcess | undefined;
  private worker: ManagedProcess | undefined;
  private readonly logs: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();

  private constructor(
    readonly baseUrl: string,
    /** The fresh PostgreSQL database, when one was made (for measurements straight from the tables). */
    readonly databaseUrl: string | undefined,
    private readonly env: NodeJS.ProcessEnv,
    private readonly roles: 'all' | 'split',
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(options: PlatformOptions = {}): Promise<Platform> {
    if (!existsSync(API_CLI)) throw new Error(`${API_CLI} is missing: build first (pnpm build)`);
    const suffix = randomBytes(4).toString('hex');
    const dataDir = await mkdtemp(join(tmpdir(), 'mtredi-drill-'));
    const prefix = `mtredi-drill-${suffix}`;
    const database = options.postgresServer
      ? await createDatabase(options.postgresServer, `mtredi_drill_${suffix}`)
      : undefined;
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      MTREDI_DATA_DIR: dataDir,
      MTREDI_REDIS_PREFIX: prefix,
      MTREDI_DRIVERS: DRIVERS,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      // Drills and benchmarks send faster than one integrator key may (200/s by default).
      MTREDI_RATE_LIMIT_PER_SECOND: '1000000',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    };
    if (!database) delete env.DATABASE_URL;
    const cleanup = async () => {
      await deleteRedisKeys(env.REDIS_URL as string, prefix);
      if (database) await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    };
    const platform = new Platform(`http://127.0.0.1:${port}`, database?.url, env, options.roles ?? 'all', cleanup);
    try {
      await platform.launch();
    } catch (error) {
      await platform.destroy();
      throw error;
    }
    return platform;
  }

  /** The processes now running (`api` serves HTTP; in `all` mode it is the worker too). */
  get processes(): { api: ManagedProcess | undefined; worker: ManagedProcess | undefined } {
    return { api: this.api, worker: this.worker };
  }

  /** The last output of every run, for failure messages. */
  output(): string {
    return [...this.logs, this.api?.text() ?? '', this.worker?.text() ?? ''].join('\n').slice(-20_000);
  }

  /** Calls `listener` with every line any platform process prints from now on, across restarts. */
  onLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /**
   * Restarts whatever runs the channel drivers, so channels created or changed since are started. In
   * `all` mode that is the whole platform: stored messages survive it, queued jobs stay in Redis.
   */
  async restartWorker(): Promise<void> {
    if (this.roles === 'split') {
      await this.stopProcess('worker');
      this.worker = this.spawn('worker', [API_CLI, 'worker'], this.env);
      // A worker prints nothing when it is ready; callers wait for their channel's health instead.
      const early = await Promise.race([this.worker.exited, sleep(1000).then(() => undefined)]);
      if (early !== undefined) throw new Error(`the worker exited at once (code ${early})\n${this.worker.tail()}`);
      return;
    }
    await this.stopProcess('api');
    await this.launch();
  }

  async stopProcesses(): Promise<void> {
    await this.stopProcess('worker');
    await this.stopProcess('api');
  }

  /** Stops every process and removes the database, the Redis keys and the data directory. */
  async destroy(): Promise<void> {
    await this.stopProcesses().catch(() => undefined);
    await this.cleanup();
  }

  private async launch(): Promise<void> {
    const env = this.roles === 'split' ? { ...this.env, MTREDI_ROLE: 'api' } : this.env;
    this.api = this.spawn('platform', [API_CLI, 'start'], env);
    const ready = await this.api.waitFor(/Demo API key:\s+(\S+)/, READY_TIMEOUT_MS);
    this.apiKey = ready[1] as string;
    const health = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!health.ok) throw new Error(`GET /health answered ${health.status}\n${this.api.tail()}`);
  }

  private spawn(name: string, args: string[], env: NodeJS.ProcessEnv): ManagedProcess {
    // The same V8 heap cap as tools/start.sh, so drills and the benchmark measure what production runs.
    const heap = `--max-old-space-size=${env.MTREDI_MAX_HEAP_MB ?? DEFAULT_MAX_HEAP_MB}`;
    const child = new ManagedProcess({ name, args: [heap, ...args], cwd: API_DIR, env });
    let partial = '';
    child.onOutput((chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) for (const listener of this.lineListeners) listener(line);
    });
    return child;
  }

  private async stopProcess(which: 'api' | 'worker'): Promise<void> {
    const child = this[which];
    if (!child) return;
    await child.stop();
    this.logs.push(child.text().slice(-20_000));
    this[which] = undefined;
  }
}

async function createDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
