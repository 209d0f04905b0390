/**
 * Download for offline with fake-indexeddb, an in-memory Cache Storage and an injected fetch:
 * what is stored, that a full disk (QuotaExceededError) leaves no half-download and does not touch
 * earlier downloads, that Remove frees only images no other download uses, that a new version
 * replaces the old one whole (and a failed update keeps the old one), and that a pathway batch
 * keeps the modules that succeeded when one fails.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/client/api';
import { openDeviceDb } from '../../src/client/db';
import { createDownloads, partsOf, QuotaError } from '../../src/client/downloads';
import { createDownloadsStore } from '../../src/app/stores/downloads';
import { toCatalogModule, type LearningModule } from '../../src/core/content';
import {
  downloadSize,
  MEDIA_CACHE,
  moduleImageUrls,
  OFFLINE_CACHE,
  storedBytes,
} from '../../src/core/offline';
import { oneLessonModule } from '../support/modules';

const BASE = 'https://kindling.test';

function moduleWith(id: string, images: string[], version = `${id}-v1`): LearningModule {
  return oneLessonModule(
    id,
    [
      { id: 'c1', kind: 'text', html: images.map((src) => `<img src="${src}" alt="">`).join('') },
      {
        id: 'q1',
        kind: 'quiz',
        mode: 'single',
        promptHtml: '<p>Which?</p>',
        options: [
          { id: 'a', html: 'A', correct: true, explanationHtml: '' },
          { id: 'b', html: 'B', correct: false, explanationHtml: '' },
        ],
      },
    ],
    { version, estimateMinutes: 3 },
  );
}

/** Cache Storage in memory; `full` makes every put fail as a full disk does. */
function memoryCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const state = { full: false };
  const cacheStorage = {
    async open(name: string) {
      const map = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, map);
      return {
        match: async (url: string) => map.get(url),
        put: async (url: string, response: Response) => {
          if (state.full)
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          map.set(url, response);
        },
        delete: async (url: string) => map.delete(url),
      };
    },
  } as unknown as CacheStorage;
  const responses = (name: string) => [...(stores.get(name)?.values() ?? [])];
  return {
    cacheStorage,
    state,
    urls: (name: string) => [...(stores.get(name)?.keys() ?? [])],
    /** What the responses stored under `name` take, in bytes. */
    bytes: async (name: string) =>
      (await Promise.all(responses(name).map(async (r) => (await r.clone().blob()).size))).reduce(
        (sum, size) => sum + size,
        0,
      ),
  };
}

/** A server holding `modules` (replace them to publish a new version); `broken` URLs answer 503. */
function serve(modules: LearningModule[], broken: Set<string>, requested: string[]): Fetch {
  return async (input) => {
    requested.push(input);
    if (broken.has(input)) return new Response('', { status: 503 });
    const moduleId = /\/api\/v1\/modules\/([^?]+)/.exec(input)?.[1];
    if (moduleId) {
      const m = modules.find((x) => x.id === decodeURIComponent(moduleId));
      return m ? Response.json(m) : new Response('{}', { status: 404 });
    }
    return new Response(new Uint8Array(1000), { headers: { 'content-type': 'image/png' } });
  };
}

let n = 0;
async function setUp(modules: LearningModule[]) {
  const db = await openDeviceDb(`downloads-${++n}`);
  const caches = memoryCaches();
  const broken = new Set<string>();
  const requested: string[] = [];
  const held = new Map<string, { reached: () => void; released: Promise<void> }>();
  const server = serve(modules, broken, requested);
  const downloads = createDownloads({
    db,
    fetchImpl: async (input, init) => {
      const hold = held.get(input);
      if (hold) {
        held.delete(input);
        hold.reached();
        await hold.released;
      }
      return server(input, init);
    },
    cacheStorage: caches.cacheStorage,
    base: BASE,
  });
  /** Holds the next request for `url`: `reached` resolves when it is made, `release` answers it. */
  function hold(url: string) {
    let reached!: () => void;
    let release!: () => void;
    const reachedP = new Promise<void>((r) => (reached = r));
    held.set(url, { reached, released: new Promise<void>((r) => (release = r)) });
    return { reached: reachedP, release };
  }
  return { db, caches, downloads, modules, broken, requested, hold };
}

/** Whether `promise` settles while nothing is held (fake-indexeddb works in macrotasks). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let turn = 0; turn < 50 && !done; turn++) await new Promise((r) => setTimeout(r, 0));
  return done;
}

describe('download for offline', () => {
  it('finds every image of a module once, as absolute URLs', () => {
    const m = moduleWith('m', [
      '/media/a.png',
      '/media/a.png',
      'https://cdn.test/b.png?x=1&amp;y=2',
    ]);
    expect(moduleImageUrls(m, BASE)).toEqual([
      `${BASE}/media/a.png`,
      'https://cdn.test/b.png?x=1&y=2',
    ]);
  });

  it('stores the module and its images with progress, and marks it available', async () => {
    const { db, caches, downloads } = await setUp([moduleWith('m', ['/a.png', '/b.png'])]);
    const steps: number[] = [];
    const record = await downloads.download('m', (p) => steps.push(p.done));
    expect(steps).toEqual([1, 2, 3]);
    expect(record.bytes).toBeGreaterThan(2000);
    expect(caches.urls(OFFLINE_CACHE).sort()).toEqual([`${BASE}/a.png`, `${BASE}/b.png`]);
    expect(await db.get('content', 'module:m')).toMatchObject({ module: { id: 'm' } });
    expect((await downloads.list()).map((r) => r.moduleId)).toEqual(['m']);
  });

  it('on a full disk reports it clearly, marks nothing and keeps earlier downloads intact', async () => {
    const { db, caches, downloads } = await setUp([
      moduleWith('first', ['/shared.png']),
      moduleWith('second', ['/shared.png', '/new.png']),
    ]);
    await downloads.download('first');
    caches.state.full = true;

    await expect(downloads.download('second')).rejects.toBeInstanceOf(QuotaError);
    await expect(downloads.download('second')).rejects.toThrow(/Not enough storage/);

    expect((await downloads.list()).map((r) => r.moduleId)).toEqual(['first']);
    expect(await db.get('content', 'module:second')).toBeUndefined();
    expect(caches.urls(OFFLINE_CACHE)).toEqual([`${BASE}/shared.png`]);
    expect(await db.get('content', 'module:first')).toMatchObject({ module: { id: 'first' } });
  });

  it('removes a download and only the images no other download uses', async () => {
    const { db, caches, downloads } = await setUp([
      moduleWith('first', ['/shared.png', '/only-first.png']),
      moduleWith('second', ['/shared.png']),
    ]);
    await downloads.download('first');
    await downloads.download('second');
    await downloads.remove('first');
    expect((await downloads.list()).map((r) => r.moduleId)).toEqual(['second']);
    expect(await db.get('content', 'module:first')).toBeUndefined();
    expect(caches.urls(OFFLINE_CACHE)).toEqual([`${BASE}/shared.png`]);
  });

  it('removes a module asked for while it is being stored only once it is stored, and whole', async () => {
    const { db, caches, downloads, hold } = await setUp([moduleWith('m', ['/a.png'])]);
    const image = hold(`${BASE}/a.png`);
    const download = downloads.download('m');
    await image.reached;

    const removal = downloads.remove('m');
    expect(await settled(removal)).toBe(false);
    image.release();
    await Promise.all([download, removal]);

    expect(await downloads.list()).toEqual([]);
    expect(await db.get('content', 'module:m')).toBeUndefined();
    expect(caches.urls(OFFLINE_CACHE)).toEqual([]);
  });

  it('never deletes an image a running download relies on when another module is removed', async () => {
    const { caches, downloads, hold } = await setUp([
      moduleWith('first', ['/shared.png']),
      moduleWith('second', ['/shared.png', '/own.png']),
    ]);
    await downloads.download('first');
    const own = hold(`${BASE}/own.png`);
    const second = downloads.download('second'); // finds shared.png stored, fetches own.png
    await own.reached;
    const removal = downloads.remove('first');
    expect(await settled(removal)).toBe(false);
    own.release();
    await Promise.all([second, removal]);

    expect((await downloads.list()).map((r) => r.moduleId)).toEqual(['second']);
    expect(caches.urls(OFFLINE_CACHE).sort()).toEqual([`${BASE}/own.png`, `${BASE}/shared.png`]);
  });

  it('replaces a downloaded module with its new version and forgets the old images', async () => {
    const { db, caches, downloads, modules, requested } = await setUp([
      moduleWith('m', ['/kept.png', '/old.png']),
    ]);
    await downloads.download('m', undefined, 'm-v1');
    await (await caches.cacheStorage.open(MEDIA_CACHE)).put(`${BASE}/old.png`, new Response('x'));

    modules[0] = moduleWith('m', ['/kept.png', '/new.png'], 'm-v2');
    const record = await downloads.download('m', undefined, 'm-v2');

    expect(requested).toContain('/api/v1/modules/m?v=m-v2');
    expect(record.version).toBe('m-v2');
    expect((await downloads.list()).map((r) => r.version)).toEqual(['m-v2']);
    expect(await db.get('content', 'module:m')).toMatchObject({ module: { version: 'm-v2' } });
    expect(caches.urls(OFFLINE_CACHE).sort()).toEqual([`${BASE}/kept.png`, `${BASE}/new.png`]);
    expect(caches.urls(MEDIA_CACHE)).toEqual([]);
  });

  it('keeps the old version whole when its update fails', async () => {
    const { db, caches, downloads, modules, broken } = await setUp([moduleWith('m', ['/old.png'])]);
    await downloads.download('m');
    modules[0] = moduleWith('m', ['/new.png'], 'm-v2');
    broken.add(`${BASE}/new.png`);

    await expect(downloads.download('m', undefined, 'm-v2')).rejects.toThrow(/503/);

    expect((await downloads.list()).map((r) => r.version)).toEqual(['m-v1']);
    expect(await db.get('content', 'module:m')).toMatchObject({ module: { version: 'm-v1' } });
    expect(caches.urls(OFFLINE_CACHE)).toEqual([`${BASE}/old.png`]);
  });
});

describe('downloading a pathway (a list of modules)', () => {
  it('stores the modules that succeed, names the one that failed, and retries only that one', async () => {
    const { downloads, broken, requested } = await setUp([
      moduleWith('one', ['/one.png']),
      moduleWith('two', ['/two.png']),
      moduleWith('three', []),
    ]);
    const store = createDownloadsStore({ downloads, versionOf: (id) => `${id}-v1` });
    broken.add(`${BASE}/two.png`);

    await store.download(['one', 'two', 'three']);
    expect(Object.keys(store.records.value).sort()).toEqual(['one', 'three']);
    expect(store.failures.value).toEqual({ two: { key: 'download.serverError', status: 503 } });
    expect(store.active.value).toBeNull();

    broken.clear();
    requested.length = 0;
    await store.download(['one', 'two', 'three']);
    expect(Object.keys(store.records.value).sort()).toEqual(['one', 'three', 'two']);
    expect(store.failures.value).toEqual({});
    expect(requested).toEqual(['/api/v1/modules/two?v=two-v1', `${BASE}/two.png`]);
  });

  it('reports each module in one batch while it runs, and downloads outdated ones again', async () => {
    const { downloads, modules } = await setUp([moduleWith('a', ['/a.png']), moduleWith('b', [])]);
    const versions: Record<string, string> = { a: 'a-v1', b: 'b-v1' };
    const store = createDownloadsStore({ downloads, versionOf: (id) => versions[id] });
    const seen: string[][] = [];
    const stop = store.active.subscribe((a) => a && seen.push(Object.keys(a.progress)));
    await store.download(['a', 'b']);
    stop();
    expect(seen.at(-1)).toEqual(['a', 'b']);
    expect(new Set(seen.map((s) => s.join()))).toEqual(new Set(['', 'a', 'a,b']));

    modules[1] = moduleWith('b', [], 'b-v2');
    versions.b = 'b-v2';
    await store.updateOutdated();
    expect(store.records.value.b?.version).toBe('b-v2');
    expect(store.records.value.a?.version).toBe('a-v1');
  });

  it('runs a Remove asked for during a batch after it, so the batch stores nothing removed', async () => {
    const { downloads, hold, caches } = await setUp([
      moduleWith('one', ['/one.png']),
      moduleWith('two', ['/two.png']),
    ]);
    const store = createDownloadsStore({ downloads, versionOf: (id) => `${id}-v1` });
    await store.download(['one']);
    const image = hold(`${BASE}/two.png`);
    const batch = store.download(['one', 'two']); // a pathway sharing `one`, stored already
    await image.reached;

    const removal = store.remove(['one', 'two']);
    expect(await settled(removal)).toBe(false);
    image.release();
    await Promise.all([batch, removal]);

    expect(store.records.value).toEqual({});
    expect(caches.urls(OFFLINE_CACHE)).toEqual([]);
    expect(store.active.value).toBeNull();
  });

  it('sizes a pathway by what it stores, an image two modules share once, as it then takes', async () => {
    const modules = [
      { ...moduleWith('one', ['/shared.png', '/one.png']), title: 'Übersicht — Teil 1' },
      moduleWith('two', ['/shared.png']),
    ];
    const { db, downloads, caches } = await setUp(modules);
    const catalog = modules.map(toCatalogModule);
    const before = downloadSize(catalog, BASE, new Set());
    expect(before.images).toBe(2);

    const store = createDownloadsStore({ downloads });
    await store.download(['one', 'two']);
    const records = Object.values(store.records.value);
    const stored = storedBytes(records.map(partsOf));
    // The text as announced, plus each distinct image (the test server's are 1000 bytes)…
    expect(stored).toBe(before.bytes + 2 * 1000);
    // …which is what the device holds: the module copies' text and the offline cache.
    const copies = await Promise.all(modules.map((m) => db.get('content', `module:${m.id}`)));
    const text = copies.reduce(
      (sum, c) => sum + Buffer.byteLength(JSON.stringify(c && 'module' in c ? c.module : null)),
      0,
    );
    expect(stored).toBe(text + (await caches.bytes(OFFLINE_CACHE)));

    // A third module showing the shared picture would add only its own one.
    const onDevice = new Set(records.flatMap((r) => r.imageUrls));
    const three = toCatalogModule(moduleWith('three', ['/shared.png', '/three.png']));
    expect(downloadSize([three], BASE, onDevice).images).toBe(1);
  });

  it('removes a pathway but keeps modules another downloaded pathway needs', async () => {
    const { downloads } = await setUp([moduleWith('shared', []), moduleWith('own', [])]);
    const store = createDownloadsStore({ downloads });
    await store.download(['shared', 'own']);
    await store.remove(['shared', 'own'], new Set(['shared']));
    expect(Object.keys(store.records.value)).toEqual(['shared']);
  });
});
