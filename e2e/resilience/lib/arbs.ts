import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { NAUGHTY } from './naughty';

type Schema = Record<string, any>;

export const MARKER = 'zz-injected-marker';
/** Fields a client should never be able to set; sent as extras with a marker value. */
export const EXTRA_KEYS = ['role', 'status', 'centreId', 'version', 'id', 'createdAt', 'holderId', 'quarantined', 'priority', 'outcome', 'active', 'isAdmin', 'audit'];

export const naughty = fc.constantFrom(...NAUGHTY);

function formatValue(format: string, pool: string[]): fc.Arbitrary<string> {
  switch (format) {
    case 'date-time': return fc.oneof(fc.constant(new Date(Date.now() + 86_400_000).toISOString()), fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString()), naughty);
    case 'date': return fc.oneof(fc.constant('1980-03-14'), fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString().slice(0, 10)), naughty);
    case 'email': return fc.oneof(fc.emailAddress(), naughty);
    case 'uuid': return fc.oneof(fc.constantFrom(...pool), fc.uuid(), naughty);
    default: return fc.oneof(fc.string(), naughty);
  }
}

/** A value for a JSON schema: mostly shaped like what the route expects, with hostile strings in text fields. */
export function arbFor(schema: Schema | undefined, pool: string[], depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.oneof({ weight: 6, arbitrary: fc.constant(schema.const) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
  if (Array.isArray(schema.enum)) return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: naughty });
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length) return fc.oneof(...variants.map((v: Schema) => arbFor(v, pool, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length) return arbFor(Object.assign({}, ...schema.allOf), pool, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const wild = fc.oneof(fc.jsonValue({ maxDepth: 1 }), naughty, fc.constant(null));
  switch (type) {
    case 'string': {
      const max = Math.min(schema.maxLength ?? 60, 300);
      const ok = schema.format ? formatValue(schema.format, pool)
        : schema.pattern === '^[A-Za-z0-9-]+$' ? fc.oneof(fc.constantFrom(...pool), fc.uuid(), fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/))
        : fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: max }), fc.string({ unit: 'binary', maxLength: max }), fc.constantFrom('Mary Smith', 'Ada Lovelace', 'calf', 'left'));
      return fc.oneof({ weight: 5, arbitrary: ok }, { weight: 4, arbitrary: naughty }, { weight: 1, arbitrary: wild });
    }
    case 'integer':
    case 'number': {
      const ok = fc.integer({ min: Math.max(schema.minimum ?? -5, -1e6), max: Math.min(schema.maximum ?? 100, 1e6) });
      return fc.oneof({ weight: 6, arbitrary: ok }, { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 63), 1e308, 0.5)) }, { weight: 1, arbitrary: wild });
    }
    case 'boolean': return fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: wild });
    case 'null': return fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wild });
    case 'array': {
      const items = arbFor(schema.items, pool, depth + 1);
      return fc.oneof({ weight: 6, arbitrary: fc.array(items, { maxLength: Math.min(schema.maxItems ?? 6, 8) }) }, { weight: 1, arbitrary: fc.array(items, { maxLength: 40 }) }, { weight: 1, arbitrary: wild });
    }
    case 'object':
    default: {
      const props: Record<string, Schema> = schema.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length) return fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
      const required = new Set<string>(schema.required ?? []);
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, arbFor(props[k], pool, depth + 1)])), { requiredKeys: keys.filter((k) => required.has(k) || Math.random() < 0.6) });
      return fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: wild });
    }
  }
}

/** Adds hostile extras: fields the client may not set, prototype keys. Returns the JSON text (so __proto__ survives). */
export function hostileJson(value: unknown, schemaProps: Record<string, unknown> | undefined, mode: number): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value) ?? 'null';
  const body = { ...(value as Record<string, unknown>) };
  if (mode === 1) {
    for (const key of EXTRA_KEYS) if (!schemaProps || !(key in schemaProps)) body[key] = MARKER;
    return JSON.stringify(body);
  }
  if (mode === 2) {
    const text = JSON.stringify(body);
    const inner = text.length > 2 ? text.slice(1, -1) + ',' : '';
    return `{${inner}"__proto__":{"polluted":"${MARKER}","isAdmin":true},"constructor":{"prototype":{"polluted":"${MARKER}"}}}`;
  }
  return JSON.stringify(body);
}

export function randomId(): string {
  return randomUUID();
}
