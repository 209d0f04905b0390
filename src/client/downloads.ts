/**
 * Download for offline: a module's content and images, stored so every lesson and quiz of it
 * works with no network. A pathway is downloaded as the list of its modules, one after another.
 *
 * Checklist for `download`:
 * - The module is asked for at the version the catalog names (`moduleUrl`), so no cache answers
 *   with an older copy.
 * - Images go to the offline cache first, one by one, reporting progress.
 * - The module and its "available offline" record are written to IndexedDB in ONE transaction,
 *   only after every image is stored: a failure (full disk, lost network) never leaves a module
 *   marked available that is not, and an update replaces the old version in that same step.
 * - On failure, only the images this download added are removed; nothing stored before is touched
 *   (an update that fails leaves the old version whole and available).
 * - After an update, images only the old version showed are removed from the device.
 * - A full disk surfaces as `QuotaError`, with a message the learner can act on.
 * - Downloads and removals take turns, one at a time (`inTurn`): a removal asked for while a
 *   module is being stored waits until it is, then removes it whole, so it never deletes under a
 *   write in progress, the write never brings back a module the learner removed, and an image a
 *   running download relies on (shared with the removed module) is never deleted under it.
 */
import type { LearningModule } from '../core/content';
import {
  MEDIA_CACHE,
  moduleImageUrls,
  moduleUrl,
  OFFLINE_CACHE,
  storedBytes,
  type StoredParts,
} from '../core/offline';
import type { Fetch } from './api';
import type { DownloadRecord, KindlingDB } from './db';
import { downloadKey, moduleKey } from './keys';

export class QuotaError extends Error {
  constructor() {
    super(
      'Not enough storage on this device. Remove other downloads or free some space, then try again.',
    );
  }
}

/** The server answered a download with an error status. */
export class DownloadHttpError extends Error {
  constructor(readonly status: number) {
    super(`Download failed: the server answered ${status}.`);
  }
}

/** A module's download so far: its text, then its images one by one (see `storedBytes`). */
export interface DownloadProgress extends StoredParts {
  done: number;
  total: number;
}

/** What a download holds on the device, for `storedBytes` (older records: their total as text). */
export const partsOf = (record: DownloadRecord): StoredParts => ({
  textBytes: record.textBytes ?? record.bytes,
  imageBytes: record.imageBytes ?? {},
});

const isQuota = (err: unknown) =>
  err instanceof DOMException &&
  (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED');

export function createDownloads({
  db,
  fetchImpl = (input, init) => fetch(input, init),
  cacheStorage = caches,
  base = location.origin,
  lang = () => undefined,
}: {
  db: KindlingDB;
  fetchImpl?: Fetch;
  cacheStorage?: CacheStorage;
  base?: string;
  /** The learner's language: a download stores the module in it (its original where untranslated). */
  lang?: () => string | undefined;
}) {
  async function fetchOk(url: string): Promise<Response> {
    const response = await fetchImpl(url, { credentials: 'same-origin' });
    if (!response.ok) throw new DownloadHttpError(response.status);
    return response;
  }

  async function list(): Promise<DownloadRecord[]> {
    const range = IDBKeyRange.bound(downloadKey(''), downloadKey('\uffff'));
    return (await db.getAll('content', range)) as DownloadRecord[];
  }

  /** Removes images no remaining download shows, from the offline and the media cache. */
  async function forgetImages(urls: string[]): Promise<void> {
    const stillUsed = new Set((await list()).flatMap((r) => r.imageUrls));
    const unused = urls.filter((u) => !stillUsed.has(u));
    if (unused.length === 0) return;
    const [offline, media] = await Promise.all(
      [OFFLINE_CACHE, MEDIA_CACHE].map((name) => cacheStorage.open(name)),
    );
    await Promise.all(unused.flatMap((u) => [offline!.delete(u), media!.delete(u)]));
  }

  /** The last download or removal asked for, once it has settled. */
  let last: Promise<unknown> = Promise.resolve();
  function inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = last.then(task);
    last = run.catch(() => undefined);
    return run;
  }

  async function store(
    moduleId: string,
    onProgress: (p: DownloadProgress) => void,
    version: string | undefined,
  ): Promise<DownloadRecord> {
    const previous = (await db.get('content', downloadKey(moduleId))) as DownloadRecord | undefined;
    const response = await fetchOk(moduleUrl(moduleId, version, lang()));
    const body = await response.blob(); // its size in bytes, as the catalog's `downloadBytes`
    const module = JSON.parse(await body.text()) as LearningModule;
    const images = moduleImageUrls(module, base);
    const imageBytes: Record<string, number> = {};
    const progress = () => ({
      done: 1 + Object.keys(imageBytes).length,
      total: images.length + 1,
      textBytes: body.size,
      imageBytes: { ...imageBytes },
    });
    onProgress(progress());
    const cache = await cacheStorage.open(OFFLINE_CACHE);
    const added: string[] = [];
    let record: DownloadRecord;
    try {
      for (const url of images) {
        const stored = await cache.match(url);
        if (stored) {
          imageBytes[url] = (await stored.clone().blob()).size;
        } else {
          const image = await fetchOk(url);
          const blob = await image.clone().blob();
          await cache.put(url, image);
          added.push(url);
          imageBytes[url] = blob.size;
        }
        onProgress(progress());
      }
      const savedAt = new Date().toISOString();
      record = {
        key: downloadKey(moduleId),
        moduleId,
        version: module.version,
        bytes: storedBytes([progress()]),
        imageUrls: images,
        textBytes: body.size,
        imageBytes,
        savedAt,
      };
      const tx = db.transaction('content', 'readwrite', { durability: 'strict' });
      void tx.store.put({ key: moduleKey(moduleId), module, savedAt });
      void tx.store.put(record);
      await tx.done;
    } catch (err) {
      await Promise.all(added.map((url) => cache.delete(url)));
      throw isQuota(err) || isQuota((err as { cause?: unknown }).cause) ? new QuotaError() : err;
    }
    if (previous) await forgetImages(previous.imageUrls);
    return record;
  }

  async function forget(moduleId: string): Promise<void> {
    const record = (await db.get('content', downloadKey(moduleId))) as DownloadRecord | undefined;
    const tx = db.transaction('content', 'readwrite');
    void tx.store.delete(downloadKey(moduleId));
    void tx.store.delete(moduleKey(moduleId));
    await tx.done;
    if (record) await forgetImages(record.imageUrls);
  }

  return {
    list,

    /**
     * Stores `moduleId` at `version` (the catalog's; the server's current one when omitted),
     * replacing an earlier download of it.
     */
    download: (
      moduleId: string,
      onProgress: (p: DownloadProgress) => void = () => {},
      version?: string,
    ): Promise<DownloadRecord> => inTurn(() => store(moduleId, onProgress, version)),

    /**
     * Forgets a download: its record, its module copy and the images no other download uses.
     * While a download is being stored, waits for it to finish first.
     */
    remove: (moduleId: string): Promise<void> => inTurn(() => forget(moduleId)),
  };
}

export type Downloads = ReturnType<typeof createDownloads>;
