/**
 * Which errors mean "the database is away" (a 503 the device waits out) rather than a fault of
 * the request (a 500). The restart itself is caused for real in test/integration/db-restart.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { databaseAway } from '../../src/server/store/db';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('databaseAway', () => {
  it('recognises a stopped, restarting or unreachable PostgreSQL', () => {
    for (const err of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ])
      expect(databaseAway(err), err.message).toBe(true);
  });

  it('leaves a wrong query, a broken constraint and anything else a 500', () => {
    for (const err of [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('syntax error at or near "x"', '42601'),
      withCode('database is locked', 'SQLITE_BUSY'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    ])
      expect(databaseAway(err), err.message).toBe(false);
    expect(databaseAway('Connection terminated')).toBe(false);
  });
});
