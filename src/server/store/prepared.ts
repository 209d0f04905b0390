/**
 * Queries compiled once and run many times. Kysely builds and compiles a query on every call:
 * cheap for most, but on a hot path it can cost more than the database takes to answer (a board
 * read's five-part union took ~1 ms to compile, SQLite ~0.3 ms to run it). A prepared query is
 * built once per database with markers standing for its parameters; each run puts the values in
 * their places in the compiled parameter list.
 *
 * Checklist for `build`:
 * - it must not branch on the parameters (it sees markers, not values);
 * - every value that changes between runs comes from `params` (anything else is fixed at the
 *   first run);
 * - `sql.lit` values are part of the SQL text and never change.
 *
 * On PostgreSQL the compiled text is also a named statement, planned once per connection.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import { isPostgres, nameStatement, type Db } from './db';

const MARK = '\u0000param:';

type Slot = { param: string } | { value: unknown };

/**
 * @example
 * const nameOf = prepared((db, p: { id: string }) =>
 *   db.selectFrom('users').select('name').where('id', '=', p.id));
 * const [row] = await nameOf(db, { id: 'u1' });
 */
export interface Prepared<P, O> {
  (db: Db, params: P): Promise<O[]>;
  /** The compiled SQL and its values for `params` (to EXPLAIN it, say). */
  compiled(db: Db, params: P): { sql: string; values: unknown[] };
}

export function prepared<P extends object, O>(
  build: (db: Db, params: P) => Compilable<O>,
): Prepared<P, O> {
  const cache = new WeakMap<Db, { sql: string; slots: Slot[] }>();
  const compiled = (db: Db, params: P) => {
    let query = cache.get(db);
    if (!query) {
      const markers = new Proxy({} as P, { get: (_, key) => MARK + String(key) });
      const { sql, parameters } = build(db, markers).compile();
      query = {
        sql,
        slots: parameters.map((v) =>
          typeof v === 'string' && v.startsWith(MARK)
            ? { param: v.slice(MARK.length) }
            : { value: v },
        ),
      };
      if (isPostgres(db)) nameStatement(sql);
      cache.set(db, query);
    }
    const named = params as Record<string, unknown>;
    return {
      sql: query.sql,
      values: query.slots.map((s) => ('param' in s ? named[s.param] : s.value)),
    };
  };
  const run = async (db: Db, params: P) => {
    const { sql, values } = compiled(db, params);
    return (await db.executeQuery<O>(CompiledQuery.raw(sql, values))).rows;
  };
  return Object.assign(run, { compiled });
}
