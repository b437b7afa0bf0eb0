import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldPath, loadScenarioFile, parseScenarioText, ScenarioError } from './load.js';

const example = new URL('../../scenarios/example.yaml', import.meta.url);

async function errorOf(promise: Promise<unknown>): Promise<ScenarioError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`);
  return error;
}

describe('scenario files', () => {
  it('loads the example scenario', async () => {
    const scenario = await loadScenarioFile(example.pathname);
    expect(scenario.name).toBe('georgian-networks-example');
    expect(scenario.rules.find((r) => r.name === 'invalid-destination')?.submit).toEqual({
      outcome: 'reject',
      status: 0x0b,
    });
    expect(scenario.throttle).toEqual({ maxPerSecond: 200 });
  });

  it('names the file and the field of the first problem, and counts the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mtredi-sim-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'version: 1\nrules:\n  - match: { prefix: "99559" }\n    submit: { outcome: reject, status: RNOPE }\nthrottle: { maxPerSecond: 0 }\n',
    );
    const error = await errorOf(loadScenarioFile(file));
    expect(error.message).toMatch(
      new RegExp(`^${file}: rules\\[0\\]\\.submit\\.status \\(line 4\\): not an SMPP error status: "RNOPE"`),
    );
    expect(error.message).toMatch(/\(and 1 more problem\)$/);
    expect(error.details.map((d) => d.path)).toEqual(['rules[0].submit.status', 'throttle.maxPerSecond']);
  });

  it('reports a missing version, broken YAML and a missing file clearly', async () => {
    expect(() => parseScenarioText('seed: 3', 'a.yaml')).toThrow('a.yaml: version (line 1): ');
    expect(() => parseScenarioText('rules: [ {', 'b.yaml')).toThrow(/^b\.yaml: not valid YAML: /);
    expect((await errorOf(loadScenarioFile('/nonexistent/x.yaml'))).message).toBe(
      '/nonexistent/x.yaml: cannot read the scenario file (ENOENT)',
    );
  });

  it('prints paths the way a reader writes them', () => {
    expect(fieldPath(['rules', 0, 'match', 'prefix', 1])).toBe('rules[0].match.prefix[1]');
    expect(fieldPath([])).toBe('');
  });
});

describe('the SMPP drill scenario', () => {
  it('is valid and sets the SMSC faults it documents', async () => {
    const scenario = await loadScenarioFile(new URL('../../scenarios/smpp-drill.yaml', import.meta.url).pathname);
    expect(scenario.authorizedSenders).toEqual(['Mtredi', 'MtrediTest']);
    expect(scenario.smpp).toMatchObject({
      accounts: [{ systemId: 'mtredi', password: 'secret' }],
      genericNack: { probability: 0.001, status: 'ESME_RSYSERR', withSequence: true },
      receipts: { idFormat: { base: 16 }, receiptIdFormat: { base: 10, padTo: 10 }, duplicateProbability: 0.01 },
    });
  });
});
