/**
 * Store factories for the contract suite: every test gets a fresh, empty database.
 *
 * - SQLite: a file in a new temp directory (a file, not ':memory:', so a second store instance
 *   can open the same database), removed afterwards.
 * - PostgreSQL on TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): a new
 *   schema with a random name, dropped with CASCADE afterwards.
 *
 * When TEST_DATABASE_URL does not answer, database-setup.ts (the projects' global setup) has
 * started a PostgreSQL of the suite's own and pointed TEST_DATABASE_URL at it. An unreachable
 * PostgreSQL still FAILS the suite. Only KINDLING_SKIP_POSTGRES=1 leaves it out.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/server/store/store';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One fresh database. `open` may be called several times for more instances on the same data. */
export interface TestDatabase {
  open(): Promise<Store>;
  /** Closes every store opened here and deletes the database. */
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: Store['dialect'];
  create(): Promise<TestDatabase>;
}

function tracked(openStore: () => Promise<Store>, drop: () => Promise<void>): TestDatabase {
  const stores: Store[] = [];
  return {
    async open() {
      const store = await openStore();
      stores.push(store);
      return store;
    },
    async dispose() {
      await Promise.allSettled(stores.map((s) => s.close()));
      await drop();
    },
  };
}

const sqlite: StoreKind = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'kindling-store-'));
    return tracked(
      () => openStore({ dialect: 'sqlite', file: join(dir, 'kindling.db') }),
      async () => rmSync(dir, { recursive: true, force: true }),
    );
  },
};

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is unreachable at ${TEST_DATABASE_URL} (${(err as Error).message}). ` +
        'Start it, point TEST_DATABASE_URL at one, or set KINDLING_SKIP_POSTGRES=1 to leave it out.',
      { cause: err },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const postgres: StoreKind = {
  name: 'postgres',
  async create() {
    const schema = `kindling_test_${randomUUID().replaceAll('-', '')}`;
    await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    return tracked(
      () => openStore({ dialect: 'postgres', url: TEST_DATABASE_URL, schema }),
      () => admin(async (c) => void (await c.query(`DROP SCHEMA ${schema} CASCADE`))),
    );
  },
};

/** KINDLING_SKIP_POSTGRES=1 leaves PostgreSQL out on purpose; otherwise it must be reachable. */
export const postgresSkipped = process.env.KINDLING_SKIP_POSTGRES === '1';

export const storeKinds: StoreKind[] = postgresSkipped ? [sqlite] : [sqlite, postgres];

/**
 * A fresh, empty PostgreSQL schema for tests that start their own processes: pass `url` (with
 * `?schema=`) as DATABASE_URL; `drop()` removes the schema and everything in it.
 */
export async function freshPostgresSchema(): Promise<{
  schema: string;
  url: string;
  drop(): Promise<void>;
}> {
  const schema = `kindling_test_${randomUUID().replaceAll('-', '')}`;
  await admin((c) => c.query('SELECT 1')); // fails loudly when PostgreSQL is unreachable
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('schema', schema);
  return {
    schema,
    url: url.toString(),
    drop: () => admin(async (c) => void (await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  };
}
