/**
 * Shared by the xapi-*.test.ts files (the Learning Record Store at /xapi, issue 19): a fresh
 * store, app and LRS client per test with `post`, `get` and `ids` (the statements to send are in
 * xapi-statement.ts).
 */
import { afterEach, beforeEach } from 'vitest';
import { createApp } from '../../src/server/app';
import type { App, Store } from './api';
import { lrsClient, type LrsClient } from './lrs';
import { apiTestStore, disposeApiTestStores } from './server';
import type { Json } from './xapi-statement';

export let store: Store;
export let app: App;
export let lrs: LrsClient;

export const post = (body: unknown) => lrs.request('POST', '/statements', body);
export const get = (query: string, headers?: Record<string, string>) =>
  lrs.request('GET', `/statements${query}`, undefined, headers);
export const ids = async (res: Response) =>
  ((await res.json()) as { statements: Json[] }).statements.map((s) => s.id);

/** A fresh store, app and LRS credential for each test of the calling file. */
export function useLrsPerTest(): void {
  beforeEach(async () => {
    store = await apiTestStore();
    app = createApp({ store });
    lrs = await lrsClient(app, store);
  });
  afterEach(disposeApiTestStores);
}
