import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const portalDistDefault = fileURLToPath(new URL('../../../portal/dist', import.meta.url));

/** Every setting comes from the environment; defaults suit a laptop. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Absent: an SQLite file under MTREDI_DATA_DIR. Present: postgresql://… */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL (leave it unset for the embedded SQLite database)')
    .optional(),
  MTREDI_DATA_DIR: z.string().default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Separates several installations (or test runs) sharing one Redis. */
  MTREDI_REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/, 'letters, digits, dot, dash, underscore only')
    .default('mtredi'),
  /** `all` serves HTTP and runs the queue workers in one process; `api` and `worker` split them. */
  MTREDI_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  PORTAL_DIST: z.string().default(portalDistDefault),
  /** Channel driver packages to load, comma-separated. */
  MTREDI_DRIVERS: z.string().default('@mtredi/driver-simulator'),
  /** Requests per second each API key (or portal user) may make. */
  MTREDI_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How often the sweeper looks for accepted messages that no queue holds. */
  MTREDI_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  /** A queued message untouched for this long is considered lost by the queue and re-enqueued. */
  MTREDI_SWEEP_AFTER_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * A campaign's fan-out stores its next chunk (1,000 messages) only while fewer than this many of its
   * messages wait in the queue: messages are stored about as fast as they are sent, not all at once.
   */
  MTREDI_CAMPAIGN_PACING_WINDOW: z.coerce.number().int().min(1).default(1500),
  /** How long a worker's claim on a message lasts before another worker may reconcile it. */
  MTREDI_CLAIM_TTL_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * Let webhooks reach loopback, private and link-local addresses. Off in production: a customer's URL must
   * not reach the platform's own network. Tests and benchmarks turn it on for their receivers on 127.0.0.1.
   */
  MTREDI_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type AppConfig = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {
  readonly code = 'config/invalid_environment';
}

/** Parses the environment; a bad value stops start-up with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = isAbsolute(e.MTREDI_DATA_DIR) ? e.MTREDI_DATA_DIR : resolve(process.cwd(), e.MTREDI_DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    role: e.MTREDI_ROLE,
    database: e.DATABASE_URL
      ? ({ kind: 'postgresql', url: e.DATABASE_URL } as const)
      : ({ kind: 'sqlite', file: resolve(dataDir, 'mtredi.sqlite') } as const),
    dataDir,
    redis: { url: e.REDIS_URL, prefix: e.MTREDI_REDIS_PREFIX },
    portalDist: e.PORTAL_DIST,
    drivers: e.MTREDI_DRIVERS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    sweeper: { intervalMs: e.MTREDI_SWEEP_INTERVAL_MS, afterMs: e.MTREDI_SWEEP_AFTER_MS },
    claimTtlMs: e.MTREDI_CLAIM_TTL_MS,
    campaigns: { pacingWindow: e.MTREDI_CAMPAIGN_PACING_WINDOW },
    rateLimitPerSecond: e.MTREDI_RATE_LIMIT_PER_SECOND,
    webhooks: { allowPrivateAddresses: e.MTREDI_WEBHOOK_ALLOW_PRIVATE_ADDRESSES },
  };
}

/** Nest injection token for the parsed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
