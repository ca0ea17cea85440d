import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { DbOrTrx, Engine } from './database';
import { engineOf } from './engine';

/** Stands for the value at `path` (an argument's index, or keys into a record) while a query is compiled. */
class Placeholder {
  constructor(readonly path: readonly (string | number)[]) {}

  read(values: unknown): unknown {
    return this.path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], values);
  }
}

/**
 * Compiles a query built on placeholders, refusing it unless every placeholder appears among its
 * parameters: a builder that computed with a value, instead of binding it, would otherwise run SQL
 * that ignores it.
 */
function compileWithPlaceholders<Row>(query: Compilable<Row>, placeholders: number, what: 'fixedQuery' | 'shapedQuery', of: 'arguments' | 'values'): CompiledQuery<Row> {
  const compiled = query.compile();
  const bound = new Set(compiled.parameters.flatMap((p) => (p instanceof Placeholder ? [p.path.join('.')] : [])));
  if (bound.size !== placeholders) throw new Error(`${what}: only ${bound.size} of ${placeholders} ${of} appear in the SQL as values`);
  return compiled;
}

/** The compiled query with each placeholder replaced by this run's value. */
function bind<Row>(query: CompiledQuery<Row>, values: unknown): CompiledQuery<Row> {
  return { ...query, parameters: query.parameters.map((p) => (p instanceof Placeholder ? p.read(values) : p)) };
}

/**
 * A query whose SQL never changes, only its values, for the statements every request runs (the
 * session lookup, the audit row). Kysely builds and compiles a query afresh at each run (~50 µs for
 * the session's, several per request); this one is compiled once per engine with placeholders, and
 * each run binds the arguments in their places. Arguments must be plain values used as they are:
 * one the builder computes with or spreads into a list would not appear among the parameters, and
 * the first run throws rather than run SQL that ignores it.
 */
export function fixedQuery<Args extends unknown[], Row>(build: (db: DbOrTrx, ...args: Args) => Compilable<Row>) {
  const compiled = new Map<Engine, CompiledQuery<Row>>();
  return async (db: DbOrTrx, ...args: Args): Promise<QueryResult<Row>> => {
    const engine = engineOf(db);
    let query = compiled.get(engine);
    if (!query) {
      query = compileWithPlaceholders(build(db, ...(args.map((_, index) => new Placeholder([index])) as Args)), args.length, 'fixedQuery', 'arguments');
      compiled.set(engine, query);
    }
    return db.executeQuery<Row>(bind(query, args));
  };
}

/** Shapes kept per query: a list's filters combine into a few dozen in practice. */
export const MAX_SHAPES = 200;

/**
 * A query whose SQL depends on which of its values are present (a list's optional filters), compiled
 * once per shape. `values` is a record of plain data: its strings and numbers are bound as
 * parameters, and the shape is everything else: which keys are present, lists' lengths, booleans,
 * nulls, and `variant` (such as a sort order). The builder may branch on the shape, never on a
 * value: it sees each value as a placeholder, and the first run of a shape throws if a value does
 * not appear among the parameters (computed with instead of bound).
 */
export function shapedQuery<Values extends object, Variant extends string, Row>(
  build: (db: DbOrTrx, values: Values, variant: Variant) => Compilable<Row>,
) {
  const compiled = new Map<string, CompiledQuery<Row>>();
  return async (db: DbOrTrx, values: Values, variant: Variant): Promise<QueryResult<Row>> => {
    const shape = `${engineOf(db)} ${variant} ${JSON.stringify(values, (_key, value: unknown) => (isBound(value) ? 0 : value))}`;
    let query = compiled.get(shape);
    if (!query) {
      const placeholders: Placeholder[] = [];
      query = compileWithPlaceholders(build(db, withPlaceholders(values, [], placeholders) as Values, variant), placeholders.length, 'shapedQuery', 'values');
      compiled.set(shape, query);
      if (compiled.size > MAX_SHAPES) compiled.delete(compiled.keys().next().value!);
    }
    return db.executeQuery<Row>(bind(query, values));
  };
}

function isBound(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/** A copy of `value` with each string and number replaced by a placeholder for its path, collected in `placeholders`. */
function withPlaceholders(value: unknown, path: (string | number)[], placeholders: Placeholder[]): unknown {
  if (isBound(value)) {
    const placeholder = new Placeholder(path);
    placeholders.push(placeholder);
    return placeholder;
  }
  if (Array.isArray(value)) return value.map((item, index) => withPlaceholders(item, [...path, index], placeholders));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withPlaceholders(item, [...path, key], placeholders)]));
  }
  return value;
}
