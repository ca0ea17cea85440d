import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { DbOrTrx, Engine } from './database';
import { engineOf } from './engine';

/** Stands for argument `index` while a fixed query is compiled. */
class Placeholder {
  constructor(readonly index: number) {}
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
      query = build(db, ...(args.map((_, index) => new Placeholder(index)) as Args)).compile();
      const bound = new Set(query.parameters.flatMap((p) => (p instanceof Placeholder ? [p.index] : [])));
      if (bound.size !== args.length) throw new Error(`fixedQuery: only ${bound.size} of ${args.length} arguments appear in the SQL as values`);
      compiled.set(engine, query);
    }
    return db.executeQuery<Row>({ ...query, parameters: query.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p)) });
  };
}
