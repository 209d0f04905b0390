/**
 * A fresh demo store (`apiTestStore`: SQLite, or a PostgreSQL schema in the "postgres" project)
 * and app for each test of a file, closed and dropped after it. Read `run.store` and `run.app`
 * inside tests. (Vitest hooks: for test files only, never benches.)
 */
import { afterEach, beforeEach } from 'vitest';
import { createApp } from '../../src/server/app';
import type { App, Store } from './api';
import { apiTestStore, disposeApiTestStores } from './server';

export function appPerTest(): { store: Store; app: App } {
  const run = {} as { store: Store; app: App };
  beforeEach(async () => {
    run.store = await apiTestStore();
    run.app = createApp({ store: run.store });
  });
  afterEach(async () => {
    await run.store.close();
    await disposeApiTestStores();
  });
  return run;
}
