/**
 * A machine without PostgreSQL still runs the PostgreSQL projects: the global setup starts one of
 * its own when TEST_DATABASE_URL does not answer, and leaves a working one alone.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import setup from '../support/database-setup';
import { postgresSkipped } from '../support/databases';

const configured = process.env.TEST_DATABASE_URL;
afterEach(() => {
  process.env.TEST_DATABASE_URL = configured;
});

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v"))
      .rows[0]!.v;
  } finally {
    await client.end();
  }
}

describe.skipIf(postgresSkipped)('the PostgreSQL the tests run on', () => {
  it('is started from npm’s binaries when the configured one does not answer, and stopped after', async () => {
    process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:9/test'; // nothing listens on 9
    const stop = await setup();
    const started = process.env.TEST_DATABASE_URL!;
    try {
      expect(started).not.toContain(':9/');
      expect(Number(await serverVersion(started))).toBeGreaterThan(100_000);
    } finally {
      await stop?.();
    }
    await expect(serverVersion(started)).rejects.toThrow();
  }, 120_000);

  it('is the configured one when it answers', async () => {
    const stop = await setup();
    expect(stop).toBeUndefined();
    expect(process.env.TEST_DATABASE_URL).toBe(configured);
  });
});
