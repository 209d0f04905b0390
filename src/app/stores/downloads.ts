/**
 * Downloads for offline as the learner sees them: which modules are stored, the batch
 * downloading now (one module, or every module of a pathway) with each module's progress, which
 * modules failed and why, and how much space Kindling uses on the device.
 *
 * A batch goes on after a module fails, so one bad module never undoes or blocks the others.
 * Updates: a stored module whose version the catalog no longer names is downloaded again on the
 * next online visit (`updateOutdated`); until the new version is whole, the old one stays.
 */
import { signal } from '@preact/signals';
import type { DownloadRecord } from '../../client/db';
import { DOWNLOADS_LOCK } from '../../core/device-names';
import {
  DownloadHttpError,
  QuotaError,
  type DownloadProgress,
  type Downloads,
} from '../../client/downloads';

export interface ActiveDownload {
  /** Every module of the batch, in order. */
  moduleIds: string[];
  /** Progress of the modules started so far. */
  progress: Record<string, DownloadProgress>;
}

/** Why a module could not be downloaded, as the message the learner reads (see `t`). */
export type DownloadFailure =
  | { key: 'download.noSpace' | 'download.connectionLost' | 'download.failed' }
  | { key: 'download.serverError'; status: number };

function failureOf(err: unknown): DownloadFailure {
  if (err instanceof QuotaError) return { key: 'download.noSpace' };
  if (err instanceof DownloadHttpError) return { key: 'download.serverError', status: err.status };
  if (err instanceof TypeError) return { key: 'download.connectionLost' };
  console.error('download failed', err);
  return { key: 'download.failed' };
}

export function createDownloadsStore({
  downloads,
  versionOf = () => undefined,
  storage = typeof navigator === 'undefined' ? undefined : navigator.storage,
}: {
  downloads: Downloads;
  /** The version the catalog names for a module, so an old copy is never stored as new. */
  versionOf?: (moduleId: string) => string | undefined;
  storage?: StorageManager;
}) {
  const records = signal<Record<string, DownloadRecord>>({}, { name: 'downloads.records' });
  const active = signal<ActiveDownload | null>(null, { name: 'downloads.active' });
  /** Why each module of the last batches failed, by module id. */
  const failures = signal<Record<string, DownloadFailure>>({}, { name: 'downloads.failures' });
  const usage = signal<number | null>(null, { name: 'downloads.usage' });
  const persisted = signal(false, { name: 'downloads.persisted' });

  async function refresh(): Promise<void> {
    const list = await downloads.list();
    records.value = Object.fromEntries(list.map((r) => [r.moduleId, r]));
    const estimate = await storage?.estimate?.().catch(() => undefined);
    usage.value = estimate?.usage ?? null;
    persisted.value = (await storage?.persisted?.().catch(() => false)) ?? false;
  }

  /** Not stored yet, or stored at another version than the catalog's. */
  const needed = (moduleId: string) => {
    const stored = records.value[moduleId];
    const wanted = versionOf(moduleId);
    return !stored || (wanted !== undefined && stored.version !== wanted);
  };

  async function runBatch(requested: string[]): Promise<void> {
    const moduleIds = requested.filter(needed);
    if (moduleIds.length === 0) return;
    const cleared = { ...failures.value };
    for (const id of moduleIds) delete cleared[id];
    failures.value = cleared;
    active.value = { moduleIds, progress: {} };
    // Ask once that the browser keeps what the learner chose to store (no silent eviction).
    if (!persisted.value)
      persisted.value = (await storage?.persist?.().catch(() => false)) ?? false;
    try {
      for (const moduleId of moduleIds) {
        const report = (p: DownloadProgress) =>
          (active.value = { moduleIds, progress: { ...active.value?.progress, [moduleId]: p } });
        try {
          await downloads.download(moduleId, report, versionOf(moduleId));
        } catch (err) {
          failures.value = { ...failures.value, [moduleId]: failureOf(err) };
        }
        await refresh();
      }
    } finally {
      active.value = null;
    }
  }

  /**
   * Batches and removals run one at a time, in the order asked; a later one waits for the one
   * running. Tabs take turns under a Web Lock and re-read what is stored first, so two tabs
   * updating at once download each module once, and a removal in one tab never runs while
   * another tab's batch is storing (or is about to store) the same module.
   */
  let queue = Promise.resolve();
  function inOrder(task: () => Promise<void>): Promise<void> {
    const run = queue.then(() =>
      typeof navigator !== 'undefined' && navigator.locks
        ? navigator.locks.request(DOWNLOADS_LOCK, task)
        : task(),
    );
    queue = run.catch(() => undefined);
    return run;
  }
  const download = (moduleIds: string[]): Promise<void> =>
    inOrder(() => refresh().then(() => runBatch(moduleIds)));

  return {
    records,
    active,
    failures,
    usage,
    persisted,
    refresh,
    /** Downloads the modules not yet stored (or stored at another version than the catalog's). */
    download,
    /** Downloads again every stored module whose version the catalog no longer names. */
    updateOutdated: (): Promise<void> => download(Object.keys(records.value)),
    /**
     * Removes downloads, keeping those in `keep` (modules another stored pathway still needs).
     * Asked for while a batch runs, it waits for the batch to end, so nothing it removes is
     * stored again by it.
     */
    remove: (moduleIds: string[], keep: ReadonlySet<string> = new Set()): Promise<void> =>
      inOrder(async () => {
        for (const id of moduleIds) if (!keep.has(id)) await downloads.remove(id);
        await refresh();
      }),
  };
}

export type DownloadsStore = ReturnType<typeof createDownloadsStore>;
