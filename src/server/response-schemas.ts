/**
 * Response schemas rewritten into the shapes fast-json-stringify serializes fastest.
 *
 * TypeBox writes a nullable field (`Union([T, Null])`) and a string enum (`Union([Literal…])`) as
 * `anyOf`. fast-json-stringify can only serialize an `anyOf` by running an Ajv validator on the value
 * to choose the branch: the validators are compiled on a route's first response (over a second of
 * blocked event loop for a request's detail on a busy machine, seen as the first requests of a burst
 * waiting) and then called for every nullable or enum field of every row (a queue page of 50 rows:
 * hundreds of calls). The same shapes written as `type: [t, 'null']` and `type: t, enum: […]` are
 * serialized with a `typeof` check. What is sent is unchanged: the same fields, the same values.
 *
 * Only the serializer sees these; request validation and the TypeScript types use the schemas as
 * written.
 */
import type { RouteOptions } from 'fastify';

type Schema = Record<string | symbol, unknown>;

const PRIMITIVE: Record<string, string> = { string: 'string', number: 'number', boolean: 'boolean' };

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One branch type a union collapses to, or null when it must stay an `anyOf`. */
function collapse(members: Schema[]): Schema | null {
  const nullable = members.some((m) => m['type'] === 'null');
  const rest = members.filter((m) => m['type'] !== 'null');
  if (!rest.length) return null;
  let base: Schema | null = null;
  const consts = rest.map((m) => m['const']);
  const constType = PRIMITIVE[typeof consts[0]];
  if (constType && rest.every((m) => 'const' in m && typeof m['const'] === typeof consts[0])) {
    base = { type: constType, enum: consts };
  } else if (rest.length === 1 && typeof rest[0]!['type'] === 'string' && !('anyOf' in rest[0]!) && !('oneOf' in rest[0]!) && !('allOf' in rest[0]!) && !('const' in rest[0]!)) {
    base = rest[0]!;
  }
  if (!base) return null;
  if (!nullable) return base;
  const withNull: Schema = { ...base, type: [base['type'], 'null'] };
  if (Array.isArray(base['enum'])) withNull['enum'] = [...(base['enum'] as unknown[]), null];
  return withNull;
}

const done = new WeakMap<object, unknown>();

export function forSerialization(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forSerialization);
  if (!isSchema(schema)) return schema;
  const cached = done.get(schema);
  if (cached) return cached;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions'
      ? (isSchema(value) ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, forSerialization(sub)])) : value)
      : key === 'items' || key === 'additionalProperties' || key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'not'
        ? forSerialization(value)
        : value;
  }
  let result: Schema = out;
  if (Array.isArray(out['anyOf']) && (out['anyOf'] as unknown[]).every(isSchema)) {
    const single = collapse(out['anyOf'] as Schema[]);
    if (single) {
      const { anyOf: _anyOf, ...siblings } = out;
      result = { ...siblings, ...single };
    }
  }
  done.set(schema, result);
  return result;
}

/** An onRoute hook: the route's response schemas, rewritten for the serializer (see above). */
export function serializeResponsesFast(route: RouteOptions): void {
  const response = route.schema?.response as Record<string, unknown> | undefined;
  if (!response) return;
  route.schema = {
    ...route.schema,
    response: Object.fromEntries(Object.entries(response).map(([status, schema]) => [status, forSerialization(schema)])),
  };
}
