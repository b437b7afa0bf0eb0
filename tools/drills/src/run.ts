import type { MessageView } from './api.js';
import { DrillEnvironment, type EnvironmentOptions } from './environment.js';
import type { DrillForm, DrillReport } from './report.js';
import type { OperatorStats } from './simulator.js';
import { type SendResult, sleep } from './traffic.js';
import { type Check, type Expectation, readStatuses, type Verdict, verify } from './verify.js';

const FINAL = new Set(['delivered', 'undelivered', 'expired', 'rejected', 'failed']);

/** What a drill's steps get: the running world, a logger, and places for notes and its own checks. */
export interface DrillContext {
  env: DrillEnvironment;
  form: DrillForm;
  say(line: string): void;
  notes: string[];
  checks: Check[];
  /** The drill's traffic must be sent by then (epoch ms); everything stops by `deadline` + settle time. */
  deadline: number;
  /** Times and counts the drill notes while it runs, for its final checks. */
  marks: Record<string, number>;
}

/** One drill: its world, its traffic and faults, and what its scenario implies for each message. */
export interface DrillDefinition<P> {
  name: string;
  title: string;
  params: Record<DrillForm, P>;
  environment(params: P): Omit<EnvironmentOptions, 'log' | 'postgresServer'>;
  /** Longest the traffic and faults may take, ms. */
  timeLimitMs(params: P): number;
  /** Longest the statuses may take to settle after that, ms. */
  settleLimitMs(params: P): number;
  /** Sends the traffic, performs the faults, and returns what the API answered. */
  run(ctx: DrillContext, params: P): Promise<SendResult[]>;
  expect(params: P): (message: SendResult, view: MessageView) => Expectation;
  /** Nothing changed for this long and the operator holds no receipt: the drill has settled. */
  quietMs(params: P): number;
  /** Checks of this drill beyond the shared ones, from the final evidence. */
  finalChecks?(ctx: DrillContext, params: P, final: FinalEvidence): Promise<void> | void;
}

/** What a drill's own final checks may look at. */
export interface FinalEvidence {
  verdict: Verdict;
  views: Map<string, MessageView>;
  results: SendResult[];
  operator: OperatorStats;
  /** Ids of messages the reserve aggregator carried. */
  failedOver: ReadonlySet<string>;
}

export interface RunOptions {
  form: DrillForm;
  /** A PostgreSQL server URL (DATABASE_URL) to create a fresh database on; absent: SQLite. */
  postgresServer?: string | undefined;
  log?: (line: string) => void;
}

/** Runs one drill from start to report; every process it started is stopped, also on failure. */
export async function runDrill<P>(definition: DrillDefinition<P>, options: RunOptions): Promise<DrillReport> {
  const say = options.log ?? (() => undefined);
  const params = definition.params[options.form];
  const started = Date.now();
  const env = await DrillEnvironment.start({
    ...definition.environment(params),
    postgresServer: options.postgresServer,
    log: say,
  });
  try {
    const ctx: DrillContext = {
      env,
      form: options.form,
      say,
      notes: [],
      checks: [],
      deadline: Date.now() + definition.timeLimitMs(params),
      marks: {},
    };
    const results = await definition.run(ctx, params);
    const ids = results.flatMap((r) => (r.id ? [r.id] : []));
    say(`${ids.length} accepted; waiting for the statuses to settle`);
    const views = await settle(
      env,
      ids,
      definition.quietMs(params),
      Date.now() + definition.settleLimitMs(params),
      say,
    );
    const failedOver = await reserveCarried(env, ids);
    const [reserve, consume, release, balance, operator] = await Promise.all([
      env.customer.ledger('reserve'),
      env.customer.ledger('consume'),
      env.customer.ledger('release'),
      env.customer.balance(),
      env.simulator.stats(),
    ]);
    const verdict = verify({
      results,
      views,
      expect: definition.expect(params),
      ledger: { reserve, consume, release },
      balance,
      operator,
      log: env.log,
      failedOver,
    });
    await definition.finalChecks?.(ctx, params, { verdict, views, results, operator, failedOver });
    const checks = [...verdict.checks, ...ctx.checks];
    return {
      drill: definition.name,
      title: definition.title,
      form: options.form,
      database: options.postgresServer ? 'PostgreSQL' : 'SQLite',
      durationMs: Date.now() - started,
      counts: verdict.counts,
      ledger: verdict.ledger,
      operator,
      unmatchedReceipts: env.log.unmatchedReceipts,
      retryReasons: env.log.topReasons(),
      checks,
      notes: ctx.notes,
      ok: checks.every((c) => c.ok),
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- platform output ---\n${env.platform.output().slice(-5000)}`, {
      cause: error,
    });
  } finally {
    await env.destroy();
  }
}

/**
 * Reads statuses until every message is final, or until nothing has changed for `quietMs` while the
 * operator holds no pending receipt (messages whose receipt never comes stay in transit), or `until`.
 */
async function settle(
  env: DrillEnvironment,
  ids: string[],
  quietMs: number,
  until: number,
  say: (line: string) => void,
): Promise<Map<string, MessageView>> {
  const views = await readStatuses(env.customer, ids);
  let lastChange = Date.now();
  let lastSignature = '';
  for (let round = 0; Date.now() < until; round++) {
    const open = ids.filter((id) => !FINAL.has(views.get(id)?.status ?? ''));
    if (open.length === 0) break;
    const queued = open.filter((id) => views.get(id)?.status === 'queued').length;
    const signature = `${open.length}/${queued}`;
    if (signature !== lastSignature) {
      lastSignature = signature;
      lastChange = Date.now();
    }
    if (round % 10 === 0) say(`  not final yet: ${open.length} (${queued} queued)`);
    // A queued message always has a way forward; only in-transit ones may wait for a receipt that never comes.
    const pending = (await env.simulator.stats()).receiptsPending;
    if (pending > 0) lastChange = Date.now();
    if (queued === 0 && pending === 0 && Date.now() - lastChange >= quietMs) break;
    await sleep(1000);
    await readStatuses(env.customer, open, views);
  }
  return views;
}

/** Messages the reserve aggregator holds (looked up by the platform's id, its `reference`). */
async function reserveCarried(env: DrillEnvironment, ids: string[]): Promise<Set<string>> {
  const carried = new Set<string>();
  if (!env.simulator.aggregatorUrl) return carried;
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      if (await env.simulator.aggregatorMessage(id)) carried.add(id);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return carried;
}
