/**
 * Shared by the xapi-*.test.ts files (the Learning Record Store at /xapi, issue 19): a valid
 * statement to vary, and a fresh store, app and LRS client per test with `post`, `get` and `ids`.
 */
import { afterEach, beforeEach } from 'vitest';
import { createApp } from '../../src/server/app';
import type { App, Store } from './api';
import { lrsClient, type LrsClient } from './lrs';
import { apiTestStore, disposeApiTestStores } from './server';

export type Json = Record<string, unknown>;
export const ADL = 'http://adlnet.gov/expapi/verbs/';
export const ann = { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.com' };
export const bob = { mbox: 'mailto:bob@example.com' };
export const course = 'http://example.com/courses/safety';
export const LESSON = 'giving-feedback.specific-feedback';

export const statement = (over: Json = {}): Json => ({
  actor: ann,
  verb: { id: `${ADL}completed`, display: { 'en-US': 'completed', de: 'abgeschlossen' } },
  object: {
    id: course,
    definition: {
      name: { 'en-US': 'Safety', de: 'Sicherheit' },
      type: 'http://adlnet.gov/expapi/activities/course',
    },
  },
  ...over,
});

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
