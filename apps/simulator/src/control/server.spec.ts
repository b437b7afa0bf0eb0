import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimulatorApp, startSimulatorApp } from '../app.js';

let app: SimulatorApp;

beforeEach(async () => {
  app = await startSimulatorApp({ controlPort: 0, smppPort: 0 });
});
afterEach(async () => {
  await app.close();
});

const call = async (method: string, path: string, body?: string, type = 'application/yaml') => {
  const res = await fetch(`${app.controlUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': type } }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('control API over HTTP on 127.0.0.1', () => {
  it('listens on loopback, on the ephemeral port it was given', () => {
    expect(app.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.controlUrl).not.toBe('http://127.0.0.1:4780');
  });

  it('GET /health says the process and the operator are up', async () => {
    const { status, body } = await call('GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', operator: 'up' });
  });

  it('GET /stats returns the counters of the traffic so far', async () => {
    app.simulator.submit({ to: '+995599000001', from: 'Mtredi', text: 'a', parts: 2 });
    const { status, body } = await call('GET', '/stats');
    expect(status).toBe(200);
    expect(body).toMatchObject({ submitted: 2, accepted: 2, rejected: 0, receiptsPending: 2 });
  });

  it('PUT /scenario switches live and GET /scenario shows it', async () => {
    const yaml = 'version: 1\nname: outage\noutages: [{ retryAfterMs: 2000 }]\n';
    const put = await call('PUT', '/scenario', yaml);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'outage', outages: [{ startAfterMs: 0, retryAfterMs: 2000 }] });
    expect(app.simulator.submit({ to: '+995599000001', from: 'Mtredi', text: 'a' })).toMatchObject({
      kind: 'unavailable',
      retryAfterMs: 2000,
    });
    expect((await call('GET', '/health')).body.operator).toBe('down');
    expect((await call('GET', '/scenario')).body.name).toBe('outage');

    const json = JSON.stringify({
      version: 1,
      name: 'json',
      rules: [{ match: { prefix: '1' }, submit: { outcome: 'reject', status: 8 } }],
    });
    expect((await call('PUT', '/scenario', json, 'application/json')).status).toBe(200);
    expect(app.simulator.submit({ to: '+1555', from: 'Mtredi', text: 'a' }).kind).toBe('rejected');
  });

  it('PUT /scenario with a bad scenario answers 400 naming the field and keeps the old one', async () => {
    const { status, body } = await call('PUT', '/scenario', 'version: 1\nthrottle: { maxPerSecond: -5 }\n');
    expect(status).toBe(400);
    expect(body.code).toBe('simulator/invalid_scenario');
    expect(body.message).toMatch(/^request body: throttle\.maxPerSecond \(line 2\): /);
    expect(body.details).toEqual([{ path: 'throttle.maxPerSecond', message: expect.any(String) }]);
    expect(app.simulator.currentScenario.throttle).toBeUndefined();
  });

  it('POST /reset zeroes the counters and cancels pending receipts', async () => {
    app.simulator.submit({ to: '+995599000001', from: 'Mtredi', text: 'a' });
    const { status, body } = await call('POST', '/reset');
    expect(status).toBe(200);
    expect(body).toMatchObject({ submitted: 0, accepted: 0, receiptsPending: 0 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(app.simulator.stats().receiptsSent).toBe(0);
  });

  it('answers 404 and 405 with a code', async () => {
    expect(await call('GET', '/nope')).toEqual({
      status: 404,
      body: { code: 'simulator/not_found', message: 'no such endpoint: /nope' },
    });
    expect((await call('DELETE', '/stats')).status).toBe(405);
  });
});
