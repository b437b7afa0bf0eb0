import { describe, expect, it } from 'vitest';
import {
  advancedText,
  buildConfig,
  type ConfigValues,
  describeConfig,
  humanize,
  initialValues,
  MASK,
  scalarFields,
  storedSecrets,
} from './configFields.js';

const MAX = 9_007_199_254_740_991;

/** Shaped like `z.toJSONSchema` writes the SMPP driver's settings (input side). */
const smpp = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    version: { default: 1, type: 'number', const: 1 },
    host: { type: 'string', minLength: 1 },
    port: { default: 2775, type: 'integer', minimum: 1, maximum: 65535 },
    systemId: { type: 'string', minLength: 1, maxLength: 15 },
    password: { type: 'string', maxLength: 8 },
    throughput: { default: 100, type: 'number', exclusiveMinimum: 0 },
    enquireLinkIntervalMs: { default: 30000, type: 'integer', minimum: 0, maximum: MAX },
    reconnect: {
      default: { initialMs: 1000 },
      type: 'object',
      properties: {
        initialMs: { default: 1000, type: 'integer', minimum: 10, maximum: MAX },
        maxMs: { default: 60000, type: 'integer', minimum: 10, maximum: MAX },
      },
      additionalProperties: false,
    },
    encodings: {
      default: {},
      type: 'object',
      properties: {
        gsm7Packed: { default: false, type: 'boolean' },
        longMessages: { default: 'udh', type: 'string', enum: ['udh', 'sar', 'payload'] },
      },
    },
    tls: {
      type: 'object',
      properties: { ca: { type: 'string' }, rejectUnauthorized: { type: 'boolean' } },
      required: ['ca'],
    },
    statusOverrides: { default: {}, type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} },
    systemType: { anyOf: [{ type: 'string', maxLength: 12 }, { type: 'null' }] },
    submitLatency: { oneOf: [{ type: 'object', properties: { kind: { const: 'fixed' } } }, { type: 'object' }] },
  },
  required: ['host', 'systemId', 'password'],
  additionalProperties: false,
};

describe('describeConfig', () => {
  const form = describeConfig(smpp);

  it('turns scalars into typed fields, with secrets by name and bounds only where they mean something', () => {
    const byPath = Object.fromEntries(scalarFields(form).map((f) => [f.path, f]));
    expect(byPath.host).toMatchObject({ kind: 'string', required: true });
    expect(byPath.password).toMatchObject({ kind: 'secret', required: true });
    expect(byPath.port).toMatchObject({ kind: 'integer', required: false, default: 2775, minimum: 1, maximum: 65535 });
    expect(byPath.throughput).toMatchObject({ kind: 'number', minimum: 0, aboveMinimum: true });
    expect(byPath.enquireLinkIntervalMs?.maximum).toBeUndefined();
    expect(byPath['encodings.longMessages']).toMatchObject({ kind: 'enum', options: ['udh', 'sar', 'payload'] });
    expect(byPath['encodings.gsm7Packed']).toMatchObject({ kind: 'boolean', default: false });
    expect(byPath.systemType).toMatchObject({ kind: 'string', required: false });
  });

  it('nests objects one level as groups and leaves maps and unions to the JSON box', () => {
    expect(form.fields.filter((f) => f.kind === 'group').map((f) => f.path)).toEqual(['reconnect', 'encodings', 'tls']);
    expect(form.advanced).toEqual(['statusOverrides', 'submitLatency']);
    expect(form.constants).toEqual({ version: 1 });
  });

  it('copes with a driver that declares nothing', () => {
    expect(describeConfig({ type: 'object' })).toEqual({ fields: [], constants: {}, advanced: [] });
    expect(describeConfig(undefined).fields).toEqual([]);
  });
});

describe('buildConfig', () => {
  const form = describeConfig(smpp);
  const fresh = initialValues(form);

  it('sends what was typed, as numbers where the schema says so, and leaves empty fields to the defaults', () => {
    const values: ConfigValues = { ...fresh, host: '127.0.0.1', systemId: 'mtredi', password: 'secret', port: '2776' };
    values['reconnect.maxMs'] = '30000';
    const { config, errors } = buildConfig(form, values, '');
    expect(errors).toEqual({});
    expect(config).toEqual({
      version: 1,
      host: '127.0.0.1',
      systemId: 'mtredi',
      password: 'secret',
      port: 2776,
      reconnect: { maxMs: 30000 },
    });
  });

  it('names each field that is missing, not a number, not whole or out of bounds', () => {
    const values: ConfigValues = { ...fresh, host: '', systemId: 'x', password: 'p', port: '70000', throughput: '0' };
    values['reconnect.initialMs'] = '12.5';
    values.enquireLinkIntervalMs = 'soon';
    const { errors } = buildConfig(form, values, '');
    expect(errors).toEqual({
      host: { key: 'required' },
      port: { key: 'max', n: 65535 },
      throughput: { key: 'min', n: 0 },
      'reconnect.initialMs': { key: 'notInteger' },
      enquireLinkIntervalMs: { key: 'notNumber' },
    });
  });

  it('asks for a required setting of an optional group only once the group is used', () => {
    const base = { ...fresh, host: 'h', systemId: 's', password: 'p' };
    expect(buildConfig(form, base, '').errors).toEqual({});
    const used = { ...base, 'tls.rejectUnauthorized': true };
    expect(buildConfig(form, used, '').errors).toEqual({ 'tls.ca': { key: 'required' } });
  });

  it('keeps a stored secret by sending it back masked when the field is left empty', () => {
    const previous = { host: 'h', systemId: 's', password: MASK, encodings: { gsm7Packed: false } };
    const secrets = storedSecrets(form, previous);
    const values = initialValues(form, previous);
    expect(values.password).toBe('');
    expect(values.host).toBe('h');
    const { config, errors } = buildConfig(form, values, '', { secrets, previous });
    expect(errors).toEqual({});
    expect(config.password).toBe(MASK);
    // A boolean that was set before is sent again even at its default; an untouched one is not.
    expect(config.encodings).toEqual({ gsm7Packed: false });
    const typed = buildConfig(form, { ...values, password: 'new' }, '', { secrets, previous });
    expect(typed.config.password).toBe('new');
  });

  it('merges the JSON box one level deep and refuses anything but an object', () => {
    const values = { ...fresh, host: 'h', systemId: 's', password: 'p', 'reconnect.maxMs': '5000' };
    const extra = JSON.stringify({
      statusOverrides: { ESME_RSUBMITFAIL: 'reject' },
      reconnect: { bindRefusedMs: 100 },
    });
    const { config } = buildConfig(form, values, extra);
    expect(config.statusOverrides).toEqual({ ESME_RSUBMITFAIL: 'reject' });
    expect(config.reconnect).toEqual({ maxMs: 5000, bindRefusedMs: 100 });
    expect(buildConfig(form, values, '[1, 2]').errors.advanced).toEqual({ key: 'advancedInvalid' });
    expect(buildConfig(form, values, '{ nope').errors.advanced).toEqual({ key: 'advancedInvalid' });
  });

  it('shows the JSON-only settings of a saved config as text, so editing keeps them', () => {
    const saved = { host: 'h', statusOverrides: { '0x45': { retryAfterMs: 500 } } };
    expect(JSON.parse(advancedText(form, saved))).toEqual({ statusOverrides: { '0x45': { retryAfterMs: 500 } } });
    expect(advancedText(form, { host: 'h' })).toBe('');
  });
});

describe('humanize', () => {
  it('turns setting names into words', () => {
    expect(humanize('systemId')).toBe('System id');
    expect(humanize('maxMessagesPerSecond')).toBe('Max messages per second');
    expect(humanize('gsm7Packed')).toBe('Gsm7 packed');
    expect(humanize('receipt_mode')).toBe('Receipt mode');
  });
});
