import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from './processes.js';
import { SimulatorProcess } from './simulator.js';

const TOKEN = 'spec-account';

/** The simulator CLI with its aggregator API (`--aggregator-port`), run as a process like the drills run it. */
describe('simulator CLI with the reserve aggregator', () => {
  let simulator: SimulatorProcess;

  const aggregator = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${simulator.aggregatorUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const smscAccepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(simulator.smppPort, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });

  beforeAll(async () => {
    simulator = await SimulatorProcess.start({ aggregatorToken: TOKEN, aggregatorSenderOverride: 'unauthorized' });
  });
  afterAll(() => simulator?.stop());

  it('serves the aggregator API on its own port and sends an unauthorized sender under the provider name', async () => {
    expect(simulator.aggregatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await simulator.setScenario({ authorizedSenders: ['SMSOFFICE'] });
    const sent = await aggregator('POST', '/api/v1/messages', {
      from: 'Mtredi',
      to: '+995599123456',
      text: 'გამარჯობა',
      reference: 'spec-1',
    });
    expect(sent.status).toBe(202);
    expect(await simulator.aggregatorMessage('spec-1')).toMatchObject({ from: 'Mtredi', deliveredAs: 'SMSOFFICE' });
    expect((await simulator.stats()).accepted).toBe(1);
  });

  it('keeps the aggregator up while the scenario closes the SMSC, and takes both down in an outage', async () => {
    await simulator.setScenario({ smpp: { refuseConnections: true } });
    expect(await smscAccepts()).toBe(false);
    expect((await aggregator('GET', '/api/v1/health')).status).toBe(200);

    await simulator.setScenario({ outages: [{ startAfterMs: 0, retryAfterMs: 2000 }] });
    const health = await aggregator('GET', '/api/v1/health');
    expect(health).toMatchObject({ status: 503, body: { code: 'unavailable' } });
    const refused = await aggregator('POST', '/api/v1/messages', { from: 'Mtredi', to: '+995599123457', text: 'x' });
    expect(refused.status).toBe(503);

    await simulator.setScenario({});
    expect((await aggregator('GET', '/api/v1/health')).status).toBe(200);
    expect(await smscAccepts()).toBe(true);
  });

  it('refuses a bad aggregator flag with one line, exit code 2', async () => {
    const cli = fileURLToPath(new URL('../../../apps/simulator/dist/cli.js', import.meta.url));
    const child = new ManagedProcess({
      name: 'simulator',
      args: [cli, '--aggregator-port', '0', '--aggregator-sender-override', 'sometimes'],
      cwd: process.cwd(),
      env: process.env,
    });
    expect(await child.exited).toBe(2);
    expect(child.text().trim()).toBe(
      'mtredi-sim: --aggregator-sender-override must be one of off, unauthorized, always, got "sometimes"',
    );
  });
});
