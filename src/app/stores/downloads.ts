/**
 * Downloads for offline as the learner sees them: which modules are stored, the one downloading
 * now with its progress, the last error, and how much space Kindling uses on the device.
 */
import { signal } from '@preact/signals';
import type { DownloadRecord } from '../../client/db';
import { QuotaError, type DownloadProgress, type Downloads } from '../../client/downloads';
import { t } from '../i18n';

export function createDownloadsStore({
  downloads,
  storage = typeof navigator === 'undefined' ? undefined : navigator.storage,
}: {
  downloads: Downloads;
  storage?: StorageManager;
}) {
  const records = signal<Record<string, DownloadRecord>>({}, { name: 'downloads.records' });
  const active = signal<{ moduleId: string; progress: DownloadProgress } | null>(null, {
    name: 'downloads.active',
  });
  const error = signal<{ moduleId: string; message: string } | null>(null, {
    name: 'downloads.error',
  });
  const usage = signal<number | null>(null, { name: 'downloads.usage' });
  const persisted = signal(false, { name: 'downloads.persisted' });

  async function refresh(): Promise<void> {
    const list = await downloads.list();
    records.value = Object.fromEntries(list.map((r) => [r.moduleId, r]));
    const estimate = await storage?.estimate?.().catch(() => undefined);
    usage.value = estimate?.usage ?? null;
    persisted.value = (await storage?.persisted?.().catch(() => false)) ?? false;
  }

  return {
    records,
    active,
    error,
    usage,
    persisted,
    refresh,
    async download(moduleIds: string[]): Promise<void> {
      if (active.value) return;
      error.value = null;
      // Ask once that the browser keeps what the learner chose to store (no silent eviction).
      if (!persisted.value)
        persisted.value = (await storage?.persist?.().catch(() => false)) ?? false;
      for (const moduleId of moduleIds) {
        active.value = { moduleId, progress: { done: 0, total: 1, bytes: 0 } };
        try {
          await downloads.download(moduleId, (progress) => (active.value = { moduleId, progress }));
        } catch (err) {
          error.value = {
            moduleId,
            message:
              err instanceof TypeError
                ? t('download.lost')
                : err instanceof QuotaError
                  ? t('download.quota')
                  : (err as Error).message,
          };
          break;
        } finally {
          active.value = null;
          await refresh();
        }
      }
    },
    async remove(moduleId: string): Promise<void> {
      await downloads.remove(moduleId);
      await refresh();
    },
  };
}

export type DownloadsStore = ReturnType<typeof createDownloadsStore>;
