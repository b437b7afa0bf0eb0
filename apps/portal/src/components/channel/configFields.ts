/**
 * Turns a driver's settings schema (JSON Schema, as `GET /v1/admin/drivers` gives it) into form fields:
 * strings, numbers, booleans and enums, and objects of those one level deep. Whatever else a driver
 * declares (unions, lists, maps, deeper objects) stays editable as JSON, so no setting is ever lost.
 */

/** The API's rule for write-only settings: it answers them masked and keeps the stored value when sent back so. */
export const SECRET_FIELD = /pass|secret|token|key/i;
export const MASK = '********';

export type ScalarKind = 'string' | 'secret' | 'number' | 'integer' | 'boolean' | 'enum';

export interface ScalarField {
  kind: ScalarKind;
  /** Dotted path in the config: `host`, `reconnect.initialMs`. */
  path: string;
  key: string;
  required: boolean;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  /** `exclusiveMinimum`: the value must be above `minimum`. */
  aboveMinimum?: boolean;
  options?: string[];
}

export interface GroupField {
  kind: 'group';
  path: string;
  key: string;
  required: boolean;
  description?: string;
  fields: ScalarField[];
}

export type ConfigField = ScalarField | GroupField;

export interface ConfigForm {
  fields: ConfigField[];
  /** Settings with one possible value (`version: 1`): always sent, never shown. */
  constants: Record<string, unknown>;
  /** Dotted paths of the settings the form cannot show; they are edited as JSON. */
  advanced: string[];
}

/** The form state: one entry per scalar field, by path. Text and numbers as typed, booleans as booleans. */
export type ConfigValues = Record<string, string | boolean>;

export type FieldError = { key: 'required' | 'notNumber' | 'notInteger' } | { key: 'min' | 'max'; n: number };

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `anyOf: [X, {type: 'null'}]` (an optional setting) is treated as X. */
function unwrapNullable(schema: Schema): Schema {
  const variants = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(variants)) return schema;
  const real = variants.filter((v) => !(isObject(v) && v.type === 'null'));
  return real.length === 1 && isObject(real[0]) ? { ...real[0], ...pick(schema, ['default', 'description']) } : schema;
}

function pick(schema: Schema, keys: string[]): Schema {
  return Object.fromEntries(keys.filter((k) => k in schema).map((k) => [k, schema[k]]));
}

/** JSON Schema from zod writes "no bound" as ±MAX_SAFE_INTEGER; such bounds say nothing to a person. */
function bound(value: unknown): number | undefined {
  return typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

function scalar(key: string, path: string, raw: Schema, required: boolean): ScalarField | undefined {
  const schema = unwrapNullable(raw);
  const base = {
    path,
    key,
    required: required && !('default' in schema),
    ...('default' in schema ? { default: schema.default } : {}),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  };
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) {
    return { ...base, kind: 'enum', options: schema.enum as string[] };
  }
  switch (schema.type) {
    case 'string':
      return { ...base, kind: SECRET_FIELD.test(key) ? 'secret' : 'string' };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'integer':
    case 'number': {
      const minimum = bound(schema.minimum) ?? bound(schema.exclusiveMinimum);
      const maximum = bound(schema.maximum) ?? bound(schema.exclusiveMaximum);
      return {
        ...base,
        kind: schema.type,
        ...(minimum !== undefined ? { minimum } : {}),
        ...(maximum !== undefined ? { maximum } : {}),
        ...(bound(schema.minimum) === undefined && minimum !== undefined ? { aboveMinimum: true } : {}),
      };
    }
    default:
      return undefined;
  }
}

function properties(schema: Schema): [string, Schema][] {
  return isObject(schema.properties)
    ? Object.entries(schema.properties).filter((e): e is [string, Schema] => isObject(e[1]))
    : [];
}

const requiredKeys = (schema: Schema): Set<string> =>
  new Set(Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === 'string') : []);

/** The fields, constants and JSON-only settings of a driver's settings schema. */
export function describeConfig(schema: unknown): ConfigForm {
  const form: ConfigForm = { fields: [], constants: {}, advanced: [] };
  if (!isObject(schema)) return form;
  const required = requiredKeys(schema);
  for (const [key, raw] of properties(schema)) {
    if ('const' in raw) {
      form.constants[key] = raw.const;
      continue;
    }
    const field = scalar(key, key, raw, required.has(key));
    if (field) {
      form.fields.push(field);
      continue;
    }
    const inner = unwrapNullable(raw);
    const children = properties(inner);
    if (inner.type !== 'object' || children.length === 0) {
      form.advanced.push(key);
      continue;
    }
    const innerRequired = requiredKeys(inner);
    const group: GroupField = {
      kind: 'group',
      path: key,
      key,
      required: required.has(key) && !('default' in raw),
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
      fields: [],
    };
    for (const [childKey, child] of children) {
      const path = `${key}.${childKey}`;
      if ('const' in child) continue; // nested versions take their default on the server
      const childField = scalar(childKey, path, child, innerRequired.has(childKey));
      if (childField) group.fields.push(childField);
      else form.advanced.push(path);
    }
    if (group.fields.length > 0) form.fields.push(group);
  }
  return form;
}

export const scalarFields = (form: ConfigForm): ScalarField[] =>
  form.fields.flatMap((f) => (f.kind === 'group' ? f.fields : [f]));

function valueAt(config: Record<string, unknown> | undefined, path: string): unknown {
  let current: unknown = config;
  for (const part of path.split('.')) current = isObject(current) ? current[part] : undefined;
  return current;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let current = target;
  for (const part of parts) {
    if (!isObject(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[last] = value;
}

/** `systemId` → "System id", `maxMessagesPerSecond` → "Max messages per second". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The form state for an existing config (or a new one). Stored secrets start empty: leaving them so keeps them. */
export function initialValues(form: ConfigForm, config?: Record<string, unknown>): ConfigValues {
  const values: ConfigValues = {};
  for (const field of scalarFields(form)) {
    const current = valueAt(config, field.path);
    if (field.kind === 'boolean') values[field.path] = typeof current === 'boolean' ? current : field.default === true;
    else if (field.kind === 'secret') values[field.path] = '';
    else values[field.path] = current === undefined || current === null ? '' : String(current);
  }
  return values;
}

/** Paths of secrets the API holds (it answered them masked). */
export function storedSecrets(form: ConfigForm, config?: Record<string, unknown>): Set<string> {
  return new Set(
    scalarFields(form)
      .filter((f) => f.kind === 'secret' && valueAt(config, f.path) === MASK)
      .map((f) => f.path),
  );
}

/** The JSON-only settings of an existing config, as editable text ('' when there are none). */
export function advancedText(form: ConfigForm, config?: Record<string, unknown>): string {
  const extra: Record<string, unknown> = {};
  for (const path of form.advanced) {
    const value = valueAt(config, path);
    if (value !== undefined) setAt(extra, path, value);
  }
  return Object.keys(extra).length === 0 ? '' : JSON.stringify(extra, null, 2);
}

function parseNumber(field: ScalarField, text: string): number | FieldError {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) return { key: 'notNumber' };
  if (field.kind === 'integer' && !Number.isInteger(value)) return { key: 'notInteger' };
  if (field.minimum !== undefined && (field.aboveMinimum ? value <= field.minimum : value < field.minimum)) {
    return { key: 'min', n: field.minimum };
  }
  if (field.maximum !== undefined && value > field.maximum) return { key: 'max', n: field.maximum };
  return value;
}

export interface BuiltConfig {
  config: Record<string, unknown>;
  /** By field path; `advanced` for the JSON text. */
  errors: Record<string, FieldError | { key: 'advancedInvalid' }>;
}

/**
 * The config to send. Empty fields are left out, so the driver's defaults apply; a stored secret left
 * empty is sent masked, which the API reads as "keep it"; booleans are sent when they differ from
 * their default or were set before.
 */
export function buildConfig(
  form: ConfigForm,
  values: ConfigValues,
  advanced: string,
  options: { secrets?: Set<string>; previous?: Record<string, unknown> } = {},
): BuiltConfig {
  const config: Record<string, unknown> = { ...form.constants };
  const errors: BuiltConfig['errors'] = {};
  const put = (field: ScalarField): void => {
    const value = values[field.path];
    if (field.kind === 'boolean') {
      const set = valueAt(options.previous, field.path) !== undefined;
      if (value !== (field.default === true) || set) setAt(config, field.path, value === true);
      return;
    }
    const text = typeof value === 'string' ? value : '';
    if (text === '') {
      if (field.kind === 'secret' && options.secrets?.has(field.path)) setAt(config, field.path, MASK);
      else if (field.required) errors[field.path] = { key: 'required' };
      return;
    }
    if (field.kind === 'number' || field.kind === 'integer') {
      const parsed = parseNumber(field, text);
      if (typeof parsed === 'number') setAt(config, field.path, parsed);
      else errors[field.path] = parsed;
      return;
    }
    setAt(config, field.path, text);
  };
  for (const field of form.fields) {
    if (field.kind !== 'group') {
      put(field);
      continue;
    }
    for (const child of field.fields) put(child);
    // A required setting inside an optional group counts only once the group is filled in at all.
    if (!field.required && valueAt(config, field.path) === undefined) {
      for (const child of field.fields) if (errors[child.path]?.key === 'required') delete errors[child.path];
    }
  }
  if (advanced.trim() !== '') {
    let extra: unknown;
    try {
      extra = JSON.parse(advanced);
    } catch {
      extra = undefined;
    }
    if (isObject(extra)) mergeInto(config, extra);
    else errors.advanced = { key: 'advancedInvalid' };
  }
  return { config, errors };
}

/** Objects are merged one level deep, so JSON for `scenario.outages` joins the form's `scenario.name`. */
function mergeInto(target: Record<string, unknown>, extra: Schema): void {
  for (const [key, value] of Object.entries(extra)) {
    const current = target[key];
    target[key] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
  }
}
