import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiClient,
  DIRECT,
  type ManagedProcess,
  magtiNumber,
  Platform,
  PlatformLog,
  SimulatorProcess,
  SMPP_ACCOUNT,
  STAFF,
  sleep,
  topUp,
  waitFor,
} from '@mtredi/drills';
import pg from 'pg';
import { type LoadResult, runLoad } from './load.js';
import { PgWaitSampler, type WaitShare } from './pg-waits.js';
import { type ProfileSummary, profilesIn, summarizeProfile } from './profile.js';

export interface BenchOptions {
  /** A PostgreSQL server URL; the benchmark creates a fresh database on it and drops it at the end. */
  postgresServer: string;
  connections: number;
  apiSeconds: number;
  campaignSize: number;
  /** Run API and worker under `node --cpu-prof` and rank where their time went. */
  profile: boolean;
  /** Cap V8's old generation of API and worker (MB): does the memory stay live, or was it garbage not yet collected? */
  maxOldSpaceMb?: number | undefined;
  log: (line: string) => void;
}

export interface ProcessUse {
  name: string;
  peakRssMb: number;
  cpuMs: number;
}

export interface CampaignResult {
  recipients: number;
  /** From `POST /campaigns/:id/start` to the last status stored. */
  totalMs: number;
  messagesPerSecond: number;
  /** Until every message was stored (fan-out done). */
  storedMs: number;
  finals: Record<string, number>;
  acceptToDeliveredP50Ms: number;
  acceptToDeliveredP99Ms: number;
  /** Peak RSS (VmHWM, reset before the campaign) and CPU used during it, per process. */
  processes: ProcessUse[];
  /** Share of both cores busy during the campaign (all processes on the machine). */
  machineBusy: number;
  /** CPU the shared servers used during the campaign (all their processes), in ms. */
  servers: { name: string; cpuMs: number }[];
  /** What the database connections were busy with during the campaign. */
  waits: WaitShare[];
  /** Receipts the worker could match to no message (its log), and messages left in transit by them. */
  unmatchedReceipts: number;
  /** Database transactions committed per message (pg_stat_database). */
  transactionsPerMessage: number;
}

export interface BenchResult {
  startedAt: string;
  machine: {
    cpus: number;
    loadBefore: number[];
    loadAfter: number[];
    /** {@link referenceWorkMs} before and after the run: how fast this machine was at the time. */
    referenceMs: [number, number];
    node: string;
    postgres: string;
  };
  api: LoadResult;
  apiPeakRssMb: number;
  /** What the database connections were busy with during the API run. */
  apiWaits: WaitShare[];
  /** Database transactions committed per accepted request during the API run. */
  apiTransactionsPerRequest: number;
  /** CPU used during the API run (warm-up included): the API, the shared servers, and this load generator. */
  apiCpu: { requests: number; users: { name: string; cpuMs: number }[]; machineBusy: number };
  drain: { messages: number; ms: number; perSecond: number };
  campaign: CampaignResult;
  profiles: ProfileSummary[];
}

const CAMPAIGN_TEXT = 'Mtredi: your order is ready for pickup.';

/**
 * The platform benchmark: PostgreSQL (a fresh database), Redis, the API and the worker as separate
 * processes, and the simulator's SMSC with immediate receipts. (1) The single-send API under a closed
 * loop of keep-alive connections, the worker stopped so the API has the machine; (2) the worker drains
 * what (1) stored; (3) a campaign through the SMPP driver, from start to the last status stored.
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const say = options.log;
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const referenceBefore = referenceWorkMs();
  const profileDir = options.profile ? await mkdtemp(join(tmpdir(), 'mtredi-bench-prof-')) : undefined;
  const simulator = await SimulatorProcess.start();
  let platform: Platform | undefined;
  let db: pg.Client | undefined;
  const samplers: PgWaitSampler[] = [];
  try {
    await simulator.setScenario({
      name: 'bench',
      submitLatency: { kind: 'fixed', ms: 0 },
      receipt: { state: 'delivered', delay: { kind: 'fixed', ms: 0 } },
      smpp: { accounts: [SMPP_ACCOUNT] },
    });
    platform = await Platform.start({
      postgresServer: options.postgresServer,
      roles: 'split',
      env: {
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: profileDir ? `--cpu-prof --cpu-prof-dir=${profileDir}` : '',
        ...(options.maxOldSpaceMb ? { MTREDI_MAX_HEAP_MB: String(options.maxOldSpaceMb) } : {}),
      },
    });
    db = new pg.Client({ connectionString: platform.databaseUrl });
    await db.connect();
    const postgres = ((await db.query('show server_version')).rows[0] as { server_version: string }).server_version;
    const staff = await ApiClient.login(platform.baseUrl, STAFF.email, STAFF.password);
    const customer = ApiClient.withKey(platform.baseUrl, platform.apiKey);
    const channel = await staff.createChannel({
      name: DIRECT,
      driver: 'smpp',
      priority: 10,
      config: {
        host: '127.0.0.1',
        port: simulator.smppPort,
        systemId: SMPP_ACCOUNT.systemId,
        password: SMPP_ACCOUNT.password,
        window: 100,
        throughput: 50_000,
        responseTimeoutMs: 10_000,
        enquireLinkIntervalMs: 30_000,
      },
    });
    await staff.setRoute('magti', [channel]);
    const credit = await topUp(customer, staff, options.campaignSize + 4_000 * (options.apiSeconds + 5));
    say(`platform ${platform.baseUrl} on PostgreSQL ${postgres}; SMSC :${simulator.smppPort}; credit ${credit} parts`);

    say(`single-send API: ${options.connections} connections, ${options.apiSeconds} s (worker stopped)`);
    const apiSampler = new PgWaitSampler(platform.databaseUrl as string);
    samplers.push(apiSampler);
    await apiSampler.start();
    const commitsBeforeApi = await commits(db);
    const apiCpuBefore = apiRunCpu(platform);
    const api = await runLoad({
      baseUrl: platform.baseUrl,
      path: '/v1/messages',
      headers: { authorization: `Bearer ${platform.apiKey}` },
      body: (i) => JSON.stringify({ to: magtiNumber(i), sender: 'Mtredi', text: `Mtredi bench ${i}` }),
      connections: options.connections,
      warmupMs: 3_000,
      durationMs: options.apiSeconds * 1000,
    });
    const apiCpuAfter = apiRunCpu(platform);
    const apiWaits = await apiSampler.stop();
    const apiTransactionsPerRequest = ((await commits(db)) - commitsBeforeApi) / Math.max(1, api.sentOk);
    const apiPeakRssMb = platform.processes.api?.peakRssMb() ?? 0;
    say(`  ${api.okPerSecond.toFixed(0)} req/s, p50 ${api.p50Ms.toFixed(1)} ms, p99 ${api.p99Ms.toFixed(1)} ms`);

    say('worker started: draining the single sends');
    const drainStart = Date.now();
    await platform.restartWorker();
    await waitForChannelUp(staff);
    const backlog = api.sentOk;
    await waitFor(
      'single sends drained',
      async () =>
        (await count(db as pg.Client, "campaign_id is null and status = 'queued'")) === 0 ? true : undefined,
      15 * 60_000,
      500,
    );
    const drainMs = Date.now() - drainStart;
    say(`  ${backlog} message(s) in ${(drainMs / 1000).toFixed(1)} s (worker start included)`);

    const campaign = await runCampaign(options, platform, simulator, customer, db, samplers, say);
    const loadAfter = loadavg();
    const referenceAfter = referenceWorkMs();
    await platform.stopProcesses();
    const profiles = profileDir
      ? await Promise.all((await profilesIn(profileDir)).map((f) => summarizeProfile(f)))
      : [];
    return {
      startedAt,
      machine: {
        cpus: cpus().length,
        loadBefore,
        loadAfter,
        referenceMs: [referenceBefore, referenceAfter],
        node: process.version,
        postgres,
      },
      api,
      apiPeakRssMb,
      apiWaits,
      apiTransactionsPerRequest,
      apiCpu: {
        requests: api.sent,
        users: apiCpuAfter.users.map((u, i) => ({
          name: u.name,
          cpuMs: u.cpuMs - (apiCpuBefore.users[i]?.cpuMs ?? 0),
        })),
        machineBusy: busyBetween(apiCpuBefore.machine, apiCpuAfter.machine),
      },
      drain: { messages: backlog, ms: drainMs, perSecond: backlog / (drainMs / 1000) },
      campaign,
      profiles,
    };
  } finally {
    for (const sampler of samplers) await sampler.stop();
    await db?.end().catch(() => undefined);
    await platform?.destroy();
    await simulator.stop();
  }
}

async function runCampaign(
  options: BenchOptions,
  platform: Platform,
  simulator: SimulatorProcess,
  customer: ApiClient,
  db: pg.Client,
  samplers: PgWaitSampler[],
  say: (line: string) => void,
): Promise<CampaignResult> {
  const n = options.campaignSize;
  const { id } = await customer.request<{ id: string }>('POST', '/v1/campaigns', {
    name: `Benchmark ${n}`,
    sender: 'Mtredi',
    text: CAMPAIGN_TEXT,
    recipients: await campaignRecipients(n, customer, db, say),
  });
  const processes: [string, ManagedProcess | undefined][] = [
    ['api', platform.processes.api],
    ['worker', platform.processes.worker],
    ['simulator', simulator.process],
  ];
  for (const [, p] of processes) if (p) resetPeak(p.pid);
  const cpuBefore = processes.map(([, p]) => p?.cpuMs() ?? 0);
  const commitsBefore = await commits(db);
  const machineBefore = machineTicks();
  const serversBefore = SERVERS.map(serverCpuMs);
  const log = new PlatformLog(platform);
  say(`campaign of ${n} recipients started`);
  const sampler = new PgWaitSampler(platform.databaseUrl as string);
  samplers.push(sampler);
  await sampler.start();
  const started = Date.now();
  // The start plans the whole campaign for its estimate and credit check: minutes are allowed for a million.
  await customer.request('POST', `/v1/campaigns/${id}/start`, {}, 10 * 60_000);
  say(`  start answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const where = `campaign_id = '${id}'`;
  const finals = ['delivered', 'undelivered', 'expired', 'rejected', 'failed'].map((s) => `'${s}'`).join(',');
  let last = { done: -1, at: Date.now() };
  // The end is looked for once a second (counting a million rows is heavy); the times come from the stored rows.
  for (let tick = 0; Date.now() - started < 30 * 60_000; tick++) {
    await sleep(1_000);
    const done = await count(db, `${where} and status in (${finals})`);
    if (tick % 5 === 0) say(`  ${done} of ${n} final after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (done >= n) break;
    if (done !== last.done) last = { done, at: Date.now() };
    // None has changed for a minute: what is left will not move.
    else if (Date.now() - last.at > 60_000) {
      say(`  ${n - done} message(s) stopped short of a final status; not waiting longer`);
      break;
    }
  }
  const machine = machineTicks();
  const waits = await sampler.stop();
  log.close();
  const transactionsPerMessage = ((await commits(db)) - commitsBefore) / n;
  const processUse = processes.map(([name, p], i) => ({
    name,
    peakRssMb: p?.peakRssMb() ?? 0,
    cpuMs: (p?.cpuMs() ?? 0) - (cpuBefore[i] ?? 0),
  }));
  const stats = (
    await db.query(
      `select max(extract(epoch from updated_at) * 1000) as last_ms, max(extract(epoch from created_at) * 1000) as stored_ms,
        percentile_cont(0.5) within group (order by extract(epoch from updated_at - created_at) * 1000) as p50,
        percentile_cont(0.99) within group (order by extract(epoch from updated_at - created_at) * 1000) as p99
       from messages where ${where} and status = 'delivered'`,
    )
  ).rows[0] as { last_ms: string; stored_ms: string; p50: number; p99: number };
  const byStatus = (await db.query(`select status, count(*)::int as n from messages where ${where} group by status`))
    .rows as { status: string; n: number }[];
  const totalMs = Number(stats.last_ms) - started;
  return {
    recipients: n,
    totalMs,
    messagesPerSecond: n / (totalMs / 1000),
    storedMs: Number(stats.stored_ms) - started,
    finals: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
    acceptToDeliveredP50Ms: Number(stats.p50),
    acceptToDeliveredP99Ms: Number(stats.p99),
    processes: processUse,
    machineBusy: busyBetween(machineBefore, machine),
    servers: SERVERS.map((name, i) => ({ name, cpuMs: serverCpuMs(name) - (serversBefore[i] ?? 0) })),
    waits,
    unmatchedReceipts: log.unmatchedReceipts,
    transactionsPerMessage,
  };
}

/** Pasted numbers can be at most 100,000 per campaign. */
const MAX_PASTED = 100_000;

/**
 * Up to 100,000 recipients are pasted numbers, as a customer pastes them. More are contacts of a group: the
 * group is made through the API, its contacts written straight into the database (importing a million rows is
 * measured on its own, by the import benchmark), all Magti numbers +995 599 000 000 onwards.
 */
async function campaignRecipients(n: number, customer: ApiClient, db: pg.Client, say: (line: string) => void) {
  if (n <= MAX_PASTED) return { numbers: Array.from({ length: n }, (_, i) => magtiNumber(i).replace('+995', '')) };
  const group = await customer.request<{ id: string }>('POST', '/v1/groups', { name: `Benchmark ${n}` });
  await db.query(
    `with added as (
       insert into contacts (id, organization_id, phone, created_at, updated_at)
       select gen_random_uuid(), g.organization_id, '+995599' || lpad(i::text, 6, '0'), now(), now()
       from contact_groups g, generate_series(0, $2::int - 1) as i where g.id = $1
       returning id, organization_id
     )
     insert into group_members (group_id, contact_id, organization_id) select $1, id, organization_id from added`,
    [group.id, n],
  );
  await db.query('analyze contacts; analyze group_members');
  say(`  ${n} contacts stored in group ${group.id}`);
  return { groupIds: [group.id] };
}

function waitForChannelUp(staff: ApiClient): Promise<true> {
  return waitFor(
    'SMPP channel up',
    async () => ((await staff.channels()).items.find((c) => c.name === DIRECT)?.health === 'up' ? true : undefined),
    30_000,
  );
}

/** Transactions committed in the platform's database so far (its own sampling queries included, a few per second). */
async function commits(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'select xact_commit as n from pg_stat_database where datname = current_database()',
  );
  return Number(rows[0]?.n ?? 0);
}

async function count(db: pg.Client, where: string): Promise<number> {
  return ((await db.query(`select count(*)::int as n from messages where ${where}`)).rows[0] as { n: number }).n;
}

/** Resets a process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0, `5` to clear_refs). */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not allowed here: the peak then covers the whole life of the process.
  }
}

/** The shared servers whose CPU the campaign report shows, by process name. */
const SERVERS = ['postgres', 'redis-server'];

/**
 * CPU (user + system, in ms) of every running process with this name, plus what their exited children
 * used (PostgreSQL ends a backend per closed connection).
 */
function serverCpuMs(name: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
      const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10;
}

/**
 * A fixed piece of CPU work (400,000 SHA-256 digests of 64 bytes), timed. A shared virtual machine's speed
 * varies by a quarter from one minute to the next; results taken at different times compare only with this.
 */
function referenceWorkMs(): number {
  const block = Buffer.alloc(64, 7);
  const started = performance.now();
  for (let i = 0; i < 400_000; i++) createHash('sha256').update(block).digest();
  return Math.round(performance.now() - started);
}

/** CPU (ms) of the API process, the shared servers and this process (the load generator), and the machine's ticks. */
function apiRunCpu(platform: Platform) {
  const own = process.cpuUsage();
  return {
    users: [
      { name: 'api', cpuMs: platform.processes.api?.cpuMs() ?? 0 },
      ...SERVERS.map((name) => ({ name, cpuMs: serverCpuMs(name) })),
      { name: 'load generator', cpuMs: (own.user + own.system) / 1000 },
    ],
    machine: machineTicks(),
  };
}

/** Share of both cores busy between two readings of {@link machineTicks}. */
function busyBetween(before: { idle: number; total: number }, after: { idle: number; total: number }): number {
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

/** CPU time of the whole machine from /proc/stat, in clock ticks. */
function machineTicks(): { idle: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
}
