/**
 * Opens the one database handle every store area writes its queries on: Kysely over
 * better-sqlite3 (one process, a file under DATA_DIR) or over a node-postgres pool (several
 * stateless processes on one PostgreSQL). Queries are written once; what truly differs between
 * the two databases lives in files named for it (event-insert.ts, locks.ts, dialect-sql.ts).
 *
 * - SQLite: WAL, NORMAL sync, foreign keys on, a 5 s busy timeout; prepared statements are cached
 *   by their SQL text (Kysely prepares per query; the cache keeps better-sqlite3 as fast as
 *   hand-prepared statements); a file's checkpoints run in a worker thread (wal-checkpoints.ts).
 * - PostgreSQL: BIGINT read as a JS number (every stored value is a safe integer); `search_path`
 *   set to the configured schema; an error listener on every client, so a connection lost while a
 *   client is checked out fails that query instead of crashing the process (node-postgres emits
 *   'error' on the client, where nothing else listens).
 */
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type DatabaseIntrospector,
  type LogEvent,
  type SqliteDatabase,
  type TableMetadata,
  type Transaction,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { Database } from './schema';
import { checkpointOffThread } from './wal-checkpoints';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

/** Where the store lives (see open.ts for reading it from the environment). */
export type StoreTarget =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; schema?: string };

export interface OpenedDb {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL: the schema the tables live in (for lock keys and the migrator). */
  schema?: string;
  /** Who hears of each statement run on `db` (see `BaseStore.watchQueries`). */
  watchers: QueryWatchers;
  /** Stops what runs beside the handle (SQLite's checkpoint worker); before `db.destroy()`. */
  stopHelpers(): Promise<void>;
}

/** Listeners told the SQL text of every statement a handle runs and its ms, after it ran. */
export type QueryWatchers = Set<(sql: string, ms: number) => void>;

/** Kysely's query log, told to `watchers`; nothing is logged when none listens. */
function logTo(watchers: QueryWatchers) {
  return (event: LogEvent) => {
    if (event.level === 'query' && watchers.size)
      for (const watcher of watchers) watcher(event.query.sql, event.queryDurationMillis);
  };
}

/**
 * A text holding U+0000, which PostgreSQL cannot store (SQLite can): refused before either
 * database sees it, so both answer a NUL in an id, a name or a path alike (a 400, never a 500).
 */
export class UnstorableText extends Error {
  constructor() {
    super('a text parameter holds U+0000');
  }
}

/** Throws `UnstorableText` when any string of `values` holds U+0000. */
export function refuseNul(values: readonly unknown[]): void {
  for (const value of values)
    if (typeof value === 'string' && value.includes('\u0000')) throw new UnstorableText();
}

/** True when `db` (or a transaction of it) talks to PostgreSQL. */
export function isPostgres(db: { getExecutor(): { readonly adapter: object } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function openDb(target: StoreTarget): Promise<OpenedDb> {
  const watchers: QueryWatchers = new Set();
  return target.dialect === 'sqlite'
    ? openSqlite(target.file, watchers)
    : openPostgres(target.url, target.schema, watchers);
}

function openSqlite(file: string, watchers: QueryWatchers): OpenedDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const checkpoints = file === ':memory:' ? undefined : checkpointOffThread(raw);
  const database = cachedStatements(raw);
  const db = new Kysely<Database>({
    dialect: new TransactionalDdlSqlite({ database }, database),
    log: logTo(watchers),
  });
  return { db, dialect: 'sqlite', watchers, stopHelpers: async () => checkpoints?.stop() };
}

/** Each SQLite store's statement cache, by its adapter (which its transactions share). */
const sqliteByAdapter = new WeakMap<object, SqliteDatabase>();

/**
 * Runs one SQL statement once per parameter list, synchronously on the connection `tx` holds,
 * and returns the rows each run changed. SQLite only, for hot loops (an event batch's inserts):
 * through Kysely each run would cost a promise round of its own, more than SQLite takes to run it.
 */
export function runEachOnSqlite(tx: Tx, text: string, runs: readonly unknown[][]): number[] {
  const database = sqliteByAdapter.get(tx.getExecutor().adapter);
  if (!database) throw new Error('runEachOnSqlite: not a SQLite transaction');
  const statement = database.prepare(text) as unknown as BetterSqlite3.Statement;
  return runs.map((params) => statement.run(...params).changes);
}

/**
 * SQLite's DDL is transactional too (Kysely assumes not): with this, the migrator runs every
 * pending migration in one transaction, so a crash mid-migration leaves nothing half-done.
 */
class TransactionalDdlSqlite extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly database: SqliteDatabase,
  ) {
    super(config);
  }
  override createAdapter() {
    const adapter = new (class extends SqliteAdapter {
      override get supportsTransactionalDdl() {
        return true;
      }
    })();
    sqliteByAdapter.set(adapter, this.database);
    return adapter;
  }
}

const STATEMENT_CACHE = 512;

/**
 * better-sqlite3 with its prepared statements kept by SQL text. Kysely uses `all`/`run` only (we
 * never stream on SQLite), so one statement object serves every call of the same SQL.
 */
function cachedStatements(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(text) {
      let statement = cache.get(text);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE) cache.clear(); // IN-lists of many lengths: stay bounded
        statement = refusingNul(raw.prepare(text));
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/** The statement, with its runs refusing a NUL in a text parameter as PostgreSQL does. */
function refusingNul(statement: BetterSqlite3.Statement): BetterSqlite3.Statement {
  const { all, run } = statement;
  // Kysely passes one array of parameters; the event batch (`runEachOnSqlite`) spreads them.
  const check = (params: unknown[]) =>
    refuseNul(params.length === 1 && Array.isArray(params[0]) ? params[0] : params);
  statement.all = (...params: unknown[]) => (check(params), all.apply(statement, params));
  statement.run = (...params: unknown[]) => (check(params), run.apply(statement, params));
  return statement;
}

function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`BIGINT ${text} is outside the safe integer range`);
  return n;
}

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseBigint
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** SQL texts run as named statements on PostgreSQL (see `nameStatement`), by their name. */
const statementNames = new Map<string, string>();

/**
 * Marks `text` as a hot query: on PostgreSQL each connection parses and plans it once, under a
 * name, instead of on every run (for a board read, planning cost more than executing). Kysely's
 * driver sends `(text, values)`; the connection hook below adds the name.
 */
export function nameStatement(text: string): void {
  if (!statementNames.has(text)) statementNames.set(text, `kindling_${statementNames.size + 1}`);
}

function planNamedStatementsOnce(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (Array.isArray(values)) refuseNul(values);
    const name =
      typeof text === 'string' && args.length === 2 ? statementNames.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  }) as typeof client.query;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres(
  url: string,
  schema: string | undefined,
  watchers: QueryWatchers,
): Promise<OpenedDb> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw new Error(`schema name "${schema}" must be lowercase letters, digits and _`);
  const pool = new pg.Pool({
    connectionString: url,
    types: pgTypes,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('postgres: idle connection lost:', err.message));
  pool.on('connect', (client) => {
    // Nor a client that is checked out: its query fails, and the pool drops it on release.
    client.on('error', (err) => console.error('postgres: connection lost:', err.message));
    planNamedStatementsOnce(client);
  });
  let ours: string;
  try {
    if (schema) await createSchema(pool, schema);
    ours = schema ?? (await pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = new Kysely<Database>({
    dialect: new OneSchemaPostgres({ pool }, ours),
    log: logTo(watchers),
  });
  return { db, dialect: 'postgres', schema: ours, watchers, stopHelpers: async () => {} };
}

/**
 * Creates `schema` unless it exists. `IF NOT EXISTS` is not safe against a concurrent create: two
 * processes starting at once on a new schema can both pass the check, and the second then fails
 * on the catalog's unique index (23505) or as a duplicate schema (42P06). Either means it exists.
 */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  }
}

/**
 * PostgreSQL, introspected in our schema only. Kysely's own introspector (which its migrator
 * uses) lists every table of every schema in the database: slow where many schemas live, and
 * it fails when another schema is dropped while it reads.
 */
class OneSchemaPostgres extends PostgresDialect {
  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly schema: string,
  ) {
    super(config);
  }
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    const schema = this.schema;
    const getTables = async (): Promise<TableMetadata[]> => {
      const { rows } = await sql<{ name: string }>`
        SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${schema}`.execute(
        db,
      );
      return rows.map(({ name }) => ({ name, schema, isView: false, columns: [] }));
    };
    return {
      getSchemas: async () => [{ name: schema }],
      getTables,
      getMetadata: async () => ({ tables: await getTables() }),
    };
  }
}

/** PostgreSQL error classes that mean "the server went or is not there yet": 08 connection, 57P shutdown. */
const GONE_CODES = /^(08...|57P0[1-3]|53300)$/;
const GONE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const GONE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client (has encountered a connection error|was closed) and is not queryable)/;

/**
 * True when `err` says the database is away (stopped, restarting, failing over, unreachable)
 * rather than that the query was wrong: nothing of the request was committed, or it was and a
 * resend is idempotent, so the caller may try again shortly (a 503, not a 500).
 */
export function databaseAway(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof AggregateError && err.errors.some(databaseAway)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (GONE_CODES.test(code) || GONE_SOCKET.has(code))) return true;
  return GONE_MESSAGE.test(err.message);
}

const MAX_ATTEMPTS = 5;
/** PostgreSQL deadlock_detected, serialization_failure: nothing was committed, so retrying is safe. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `fn` in one transaction and returns its result after COMMIT ("acked means durable").
 * Deadlocks and serialization failures are retried. Inside `fn`, use only `tx`: on SQLite the
 * one connection is held by the transaction, so a query on `db` would wait for it forever.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt < MAX_ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code)) continue;
      throw err;
    }
  }
}
