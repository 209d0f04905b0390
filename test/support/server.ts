/**
 * Starts the real server in this process on a free port, with a fresh SQLite database in a
 * temporary folder, the demo organisations, the demo content and (for browser tests) the built app.
 */
import { serve } from '@hono/node-server';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../../src/server/app';
import { loadContentDir } from '../../src/server/content/load';
import { parseModule } from '../../src/server/content/parse';
import { seedDemo } from '../../src/server/seed';
import { openStore, type Store } from '../../src/server/store/store';

export const ROOT = resolve(import.meta.dirname, '../..');

/** A store with the demo people and content, in memory. */
export async function demoStore(file = ':memory:'): Promise<Store> {
  const store = await openStore({ dialect: 'sqlite', file });
  await seedDemo(store);
  const content = loadContentDir(join(ROOT, 'content'));
  if (content.errors.length) throw new Error(`demo content invalid: ${content.errors[0]!.message}`);
  await store.saveContent(content.catalog, content.modules);
  return store;
}

/**
 * Imports the demo content again with module `moduleId`'s Markdown changed by `edit`, as a
 * content update on the server does (the module's version changes with its text). Returns the
 * module's new version.
 */
export async function reimportModule(
  store: Store,
  moduleId: string,
  edit: (markdown: string) => string,
): Promise<string> {
  const content = loadContentDir(join(ROOT, 'content'));
  const file = `${moduleId}.md`;
  const changed = parseModule(
    file,
    edit(readFileSync(join(ROOT, 'content/modules', file), 'utf8')),
  );
  if (!changed.module || changed.errors.length)
    throw new Error(`edited ${file} is invalid: ${changed.errors[0]?.message}`);
  const modules = content.modules.map((m) => (m.id === moduleId ? changed.module! : m));
  await store.saveContent(content.catalog, modules);
  return changed.module.version;
}

const apiStores: { store: Store; dispose(): Promise<void> }[] = [];

/**
 * The demo store for API tests: SQLite in memory, or — in the vitest project "postgres", which
 * sets KINDLING_API_STORE=postgres — the same people and content in a fresh PostgreSQL schema.
 * Call `disposeApiTestStores` after each test to close them and drop the schemas.
 */
export async function apiTestStore(): Promise<Store> {
  if (process.env.KINDLING_API_STORE !== 'postgres') return demoStore();
  const { storeKinds } = await import('./databases');
  const database = await storeKinds.find((k) => k.name === 'postgres')!.create();
  const store = await database.open();
  apiStores.push({ store, dispose: () => database.dispose() });
  await seedDemo(store);
  const content = loadContentDir(join(ROOT, 'content'));
  await store.saveContent(content.catalog, content.modules);
  return store;
}

export async function disposeApiTestStores(): Promise<void> {
  await Promise.all(apiStores.splice(0).map((s) => s.dispose()));
}

export interface RunningServer {
  url: string;
  /** Sync requests handled, and the most handled at the same time (reset `max`/`total` freely). */
  syncs: { inFlight: number; max: number; total: number };
  store: Store;
  dataDir: string;
  close(): Promise<void>;
}

export async function startServer(
  options: Partial<AppOptions> & {
    dataDir?: string;
    /** Answers a request before the app when it returns a response (test images, held or failing answers). */
    intercept?: (request: Request) => Response | undefined | Promise<Response | undefined>;
  } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kindling-'));
  const store = options.store ?? (await demoStore(join(dataDir, 'kindling.db')));
  const app = createApp({ staticDir: join(ROOT, 'dist'), ...options, store });
  // Sync requests the server is handling at once, counted where the handler runs, so a test can
  // prove "one sender per device" without racing the browser's own network events.
  const syncs = { inFlight: 0, max: 0, total: 0 };
  const fetch = async (request: Request): Promise<Response> => {
    const answer = await options.intercept?.(request);
    if (answer) return answer;
    if (!new URL(request.url).pathname.endsWith('/api/v1/sync')) return app.fetch(request);
    syncs.total++;
    syncs.max = Math.max(syncs.max, ++syncs.inFlight);
    try {
      return await app.fetch(request);
    } finally {
      syncs.inFlight--;
    }
  };
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    syncs,
    store,
    dataDir,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
