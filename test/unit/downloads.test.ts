/**
 * Download for offline with fake-indexeddb, an in-memory Cache Storage and an injected fetch:
 * what is stored, that a full disk (QuotaExceededError) leaves no half-download and does not touch
 * earlier downloads, and that Remove frees only images no other download uses.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/client/api';
import { openDeviceDb } from '../../src/client/db';
import { createDownloads, QuotaError } from '../../src/client/downloads';
import type { LearningModule } from '../../src/core/content';
import { moduleImageUrls, OFFLINE_CACHE } from '../../src/core/offline';

const BASE = 'https://kindling.test';

function moduleWith(id: string, images: string[]): LearningModule {
  return {
    id,
    title: id,
    summary: '',
    competencies: [],
    pathways: [],
    roles: [],
    estimateMinutes: 3,
    version: `${id}-v1`,
    lessons: [
      {
        id: `${id}.l1`,
        title: 'One',
        estimateMinutes: 3,
        cards: [
          {
            id: 'c1',
            kind: 'text',
            html: images.map((src) => `<img src="${src}" alt="">`).join(''),
          },
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
      },
    ],
  };
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
  return { cacheStorage, state, urls: (name: string) => [...(stores.get(name)?.keys() ?? [])] };
}

function serve(modules: LearningModule[]): Fetch {
  return async (input) => {
    const moduleId = /\/api\/v1\/modules\/(.+)$/.exec(input)?.[1];
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
  const downloads = createDownloads({
    db,
    fetchImpl: serve(modules),
    cacheStorage: caches.cacheStorage,
    base: BASE,
  });
  return { db, caches, downloads };
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
});
