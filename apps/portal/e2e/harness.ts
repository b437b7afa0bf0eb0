import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';

const portalDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const apiDir = resolve(portalDir, '../api');
export const portalDist = join(portalDir, 'dist');
export const artifactsDir = join(portalDir, 'test-artifacts');

/** Runs a command to completion, failing with its output if it exits non-zero. */
function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

/** Builds the portal from the current source, so the browser never tests a stale dist. */
export async function buildPortal(): Promise<void> {
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  await run(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], portalDir);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface Platform {
  baseUrl: string;
  /** Everything the platform printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real platform (`apps/api/dist/cli.js start`: migrate, seed the demo, serve API and portal)
 * on a free loopback port with a fresh data directory and its own Redis key prefix.
 */
export async function startPlatform(timeoutMs = 120_000): Promise<Platform> {
  const cli = join(apiDir, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the api first (pnpm --filter @mtredi/api build)`);
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'mtredi-e2e-'));
  const database = await freshDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(database ? { DATABASE_URL: database.url } : {}),
    PORT: String(port),
    MTREDI_DATA_DIR: dataDir,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    MTREDI_REDIS_PREFIX: `mtredi-e2e-${randomUUID().slice(0, 8)}`,
    PORTAL_DIST: portalDist,
  };
  const child = spawn(process.execPath, [cli, 'start'], { cwd: apiDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    await terminate(child);
    await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`platform not ready after ${timeoutMs} ms`)), timeoutMs);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Mtredi is ready')) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`platform exited early (code ${code}, signal ${signal})`));
      });
    });
    const health = await fetch(`${baseUrl}/health`);
    if (!health.ok) throw new Error(`GET /health answered ${health.status}`);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- platform output ---\n${output}`);
  }
  return { baseUrl, output: () => output, stop };
}

/**
 * With DATABASE_URL (a PostgreSQL server), each platform gets a database of its own, created here and dropped
 * on stop, so one test file's data (a re-authorization, a spent credit) never reaches the next.
 */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const server = process.env.DATABASE_URL;
  if (!server) return null;
  const name = `mtredi_e2e_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** The machine's Chromium, headless; nothing is ever downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function artifactPath(name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}

/** Logs in through the form, as a person would, and waits until the portal has moved on from /login. */
export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Collects console errors, leaving out the 401s a browser logs for every expected "not logged in" answer. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of (401|403|409|422)/.test(msg.text())) errors.push(msg.text());
  });
  return errors;
}

/** The trimmed text of the element with this test id. */
export async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
}

/** Waits until no CSS animation or transition runs (dialogs, messages fading in), so screenshots show the end state. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}
