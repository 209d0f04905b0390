import { describe, expect, it } from 'vitest';
import { storeTargetFromEnv } from '../../src/server/store/open';

describe('choosing the store from the environment', () => {
  it('uses SQLite in DATA_DIR without a postgres URL', () => {
    expect(storeTargetFromEnv({ DATA_DIR: '/srv/k' })).toEqual({
      dialect: 'sqlite',
      file: '/srv/k/kindling.db',
    });
  });

  it('takes the PostgreSQL schema from ?schema= and keeps other parameters', () => {
    expect(
      storeTargetFromEnv({ DATABASE_URL: 'postgres://u@db:5432/k?schema=pilot&sslmode=require' }),
    ).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@db:5432/k?sslmode=require',
      schema: 'pilot',
    });
  });

  it('lets DATABASE_SCHEMA win, and leaves the schema to the server when neither is set', () => {
    expect(
      storeTargetFromEnv({ DATABASE_URL: 'postgresql://db/k?schema=a', DATABASE_SCHEMA: 'b' }),
    ).toMatchObject({ schema: 'b', url: 'postgresql://db/k' });
    expect(storeTargetFromEnv({ DATABASE_URL: 'postgres://db/k' })).toEqual({
      dialect: 'postgres',
      url: 'postgres://db/k',
    });
  });
});
