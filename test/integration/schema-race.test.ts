/**
 * Two processes starting at once on a new PostgreSQL schema both create it: `CREATE SCHEMA IF NOT
 * EXISTS` is not safe against that race (the loser fails on the catalog's unique index), and a
 * CI run once saw a process of the database-restart test exit on it before listening.
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openDb } from '../../src/server/store/db';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];

afterAll(async () => {
  const client = new pg.Client(url);
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
});

it('opens every store when several start at once on a schema that does not exist yet', async () => {
  for (let round = 0; round < 20; round++) {
    const schema = `race_${process.pid}_${round}`;
    schemas.push(schema);
    const opened = await Promise.allSettled(
      Array.from({ length: 4 }, () => openDb({ dialect: 'postgres', url, schema })),
    );
    const failures = opened.filter((o) => o.status === 'rejected').map((o) => String(o.reason));
    for (const o of opened) if (o.status === 'fulfilled') await o.value.db.destroy();
    expect(failures).toEqual([]);
  }
});
