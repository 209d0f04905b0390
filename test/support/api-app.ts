/** Shared setup of the api-*.test.ts files (split from api.test.ts). */
import { afterEach, beforeEach, expect } from 'vitest';
import { createApp } from '../../src/server/app';
import type { App } from './api';
import { apiTestStore, disposeApiTestStores } from './server';
import type { Store } from '../../src/server/store/store';

export let store: Store;
export let app: App;
export const LESSON = 'giving-feedback.specific-feedback';

/** The hooks every api test file runs. */
export function useApiApp(): void {
  beforeEach(async () => {
    store = await apiTestStore(); // SQLite, or PostgreSQL in the vitest project "postgres"
    app = createApp({ store });
    const catalog = await store.getCatalog();
    expect(catalog.modules[0]!.lessons.length).toBeGreaterThanOrEqual(3);
  });
  afterEach(disposeApiTestStores);
}
