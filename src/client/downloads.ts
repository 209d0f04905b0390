/**
 * Download for offline: a module's content and images, stored so every lesson and quiz of it
 * works with no network.
 *
 * Checklist for `download`:
 * - Images go to the offline cache first, one by one, reporting progress.
 * - The module and its "available offline" record are written to IndexedDB in ONE transaction,
 *   only after every image is stored: a failure (full disk, lost network) never leaves a module
 *   marked available that is not.
 * - On failure, only the images this download added are removed; nothing stored before is touched.
 * - A full disk surfaces as `QuotaError`, with a message the learner can act on.
 */
import type { LearningModule } from '../core/content';
import { moduleImageUrls, OFFLINE_CACHE } from '../core/offline';
import type { Fetch } from './api';
import type { DownloadRecord, KindlingDB } from './db';

export class QuotaError extends Error {
  constructor() {
    super(
      'Not enough storage on this device. Remove other downloads or free some space, then try again.',
    );
  }
}

export interface DownloadProgress {
  done: number;
  total: number;
  bytes: number;
}

const isQuota = (err: unknown) =>
  err instanceof DOMException &&
  (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED');

export function createDownloads({
  db,
  fetchImpl = (input, init) => fetch(input, init),
  cacheStorage = caches,
  base = location.origin,
}: {
  db: KindlingDB;
  fetchImpl?: Fetch;
  cacheStorage?: CacheStorage;
  base?: string;
}) {
  async function fetchOk(url: string): Promise<Response> {
    const response = await fetchImpl(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`Download failed: the server answered ${response.status}.`);
    return response;
  }

  return {
    async list(): Promise<DownloadRecord[]> {
      const range = IDBKeyRange.bound('offline:', 'offline:\uffff');
      return (await db.getAll('content', range)) as DownloadRecord[];
    },

    async download(
      moduleId: string,
      onProgress: (p: DownloadProgress) => void = () => {},
    ): Promise<DownloadRecord> {
      const response = await fetchOk(`/api/v1/modules/${encodeURIComponent(moduleId)}`);
      const text = await response.text();
      const module = JSON.parse(text) as LearningModule;
      const images = moduleImageUrls(module, base);
      const progress = { done: 1, total: images.length + 1, bytes: text.length };
      onProgress({ ...progress });
      const cache = await cacheStorage.open(OFFLINE_CACHE);
      const added: string[] = [];
      try {
        for (const url of images) {
          if (!(await cache.match(url))) {
            const image = await fetchOk(url);
            const blob = await image.clone().blob();
            await cache.put(url, image);
            added.push(url);
            progress.bytes += blob.size;
          }
          progress.done++;
          onProgress({ ...progress });
        }
        const savedAt = new Date().toISOString();
        const record: DownloadRecord = {
          key: `offline:${moduleId}`,
          moduleId,
          version: module.version,
          bytes: progress.bytes,
          imageUrls: images,
          savedAt,
        };
        const tx = db.transaction('content', 'readwrite', { durability: 'strict' });
        void tx.store.put({ key: `module:${moduleId}`, module, savedAt });
        void tx.store.put(record);
        await tx.done;
        return record;
      } catch (err) {
        await Promise.all(added.map((url) => cache.delete(url)));
        throw isQuota(err) || isQuota((err as { cause?: unknown }).cause) ? new QuotaError() : err;
      }
    },

    /** Forgets a download: its record, its module copy and the images no other download uses. */
    async remove(moduleId: string): Promise<void> {
      const record = (await db.get('content', `offline:${moduleId}`)) as DownloadRecord | undefined;
      const tx = db.transaction('content', 'readwrite');
      void tx.store.delete(`offline:${moduleId}`);
      void tx.store.delete(`module:${moduleId}`);
      await tx.done;
      if (!record) return;
      const stillUsed = new Set((await this.list()).flatMap((r) => r.imageUrls));
      const cache = await cacheStorage.open(OFFLINE_CACHE);
      await Promise.all(
        record.imageUrls.filter((u) => !stillUsed.has(u)).map((u) => cache.delete(u)),
      );
    },
  };
}

export type Downloads = ReturnType<typeof createDownloads>;
