import { bytes } from '../format';
import { t } from '../i18n';
import { useStore } from '../store';

/**
 * "Download for offline" for a module (or every module of a pathway): progress while it runs,
 * then "Available offline" with its size and a Remove action, and the space Kindling uses.
 */
export function DownloadControl({ moduleIds, label }: { moduleIds: string[]; label: string }) {
  const store = useStore();
  const { records, active, error, usage } = store.downloads;
  const catalog = store.content.catalog.value;
  const stored = moduleIds.map((id) => records.value[id]);
  const allStored = stored.every(Boolean);
  const outdated = stored.some(
    (r) => r && catalog?.modules.find((m) => m.id === r.moduleId)?.version !== r.version,
  );
  const running = active.value && moduleIds.includes(active.value.moduleId) ? active.value : null;
  const failed = error.value && moduleIds.includes(error.value.moduleId) ? error.value : null;
  const size = stored.reduce((sum, r) => sum + (r?.bytes ?? 0), 0);

  return (
    <section class="download" aria-label={t('download.region', { label })}>
      {running ? (
        <>
          <div
            class="progress"
            role="progressbar"
            aria-label={t('download.progress')}
            aria-valuemin={0}
            aria-valuemax={running.progress.total}
            aria-valuenow={running.progress.done}
          >
            <div
              class="progress-fill"
              style={{ width: `${(100 * running.progress.done) / running.progress.total}%` }}
            />
          </div>
          <p class="muted" role="status">
            {t('download.running', { size: bytes(running.progress.bytes) })}
          </p>
        </>
      ) : allStored ? (
        <p class="download-line">
          <span class="offline-mark">{t('download.available', { size: bytes(size) })}</span>
          {outdated && (
            <button
              type="button"
              class="button small"
              onClick={() => void store.downloads.download(moduleIds)}
            >
              {t('download.update')}
            </button>
          )}
          <button
            type="button"
            class="button small quiet"
            aria-label={t('download.removeLabel', { label })}
            onClick={() => void Promise.all(moduleIds.map((id) => store.downloads.remove(id)))}
          >
            {t('download.remove')}
          </button>
        </p>
      ) : (
        <button
          type="button"
          class="button small"
          disabled={!store.online.value || active.value !== null}
          onClick={() => void store.downloads.download(moduleIds)}
        >
          {t('download.start')}
        </button>
      )}
      {failed && (
        <p class="sync-error" role="alert">
          {failed.message}
        </p>
      )}
      {usage.value !== null && (
        <p class="muted small">{t('download.usage', { size: bytes(usage.value) })}</p>
      )}
    </section>
  );
}
