import { useId } from 'preact/hooks';
import { partsOf } from '../../client/downloads';
import { downloadSize, storedBytes } from '../../core/offline';
import { bytes } from '../format';
import { t } from '../i18n';
import { useStore } from '../store';

/**
 * "Download for offline" for a module, or for every module of a pathway (the same control: a
 * pathway is a list of modules). Before: the size to download. While it runs: one progress bar
 * across the modules. After: "Available offline" with the size and Remove, or which modules
 * failed and why (those that succeeded stay stored). `keep` names modules Remove leaves in place
 * because another downloaded pathway still needs them. `showUsage` adds the space Kindling uses.
 */
export function DownloadControl({
  moduleIds,
  label,
  keep,
  showUsage = true,
}: {
  moduleIds: string[];
  label: string;
  keep?: ReadonlySet<string>;
  showUsage?: boolean;
}) {
  const store = useStore();
  const { records, active, failures } = store.downloads;
  const online = store.online.value;
  const catalogModules = store.content.catalog.value?.modules ?? [];
  const moduleOf = (id: string) => catalogModules.find((m) => m.id === id);
  const stored = moduleIds.filter((id) => records.value[id]);
  const allStored = stored.length === moduleIds.length;
  const outdated = stored.some((id) => {
    const version = moduleOf(id)?.version;
    return version !== undefined && version !== records.value[id]!.version;
  });
  const batch = active.value;
  // This control's own batch (or part of it, as a retry or an update), or a batch it is part of.
  const running =
    batch &&
    (batch.moduleIds.every((id) => moduleIds.includes(id)) ||
      moduleIds.every((id) => batch.moduleIds.includes(id)))
      ? batch
      : null;
  // Remove waits while a running batch stores any of these modules (an update, or a pathway that
  // shares one): the store would queue it anyway, the learner sees why now.
  const storing = batch !== null && moduleIds.some((id) => batch.moduleIds.includes(id));
  const storingNote = useId();
  const failed = moduleIds.filter((id) => failures.value[id]);
  const size = storedBytes(stored.map((id) => partsOf(records.value[id]!)));
  const download = () => void store.downloads.download(moduleIds);

  /** Share of this control's modules on the device, counting the running one by its images. */
  const fraction = () => {
    let sum = 0;
    for (const id of moduleIds) {
      const p = running?.progress[id];
      if (p) sum += p.done / p.total;
      else if (records.value[id] && !running?.moduleIds.includes(id)) sum += 1;
    }
    return sum / moduleIds.length;
  };

  // Each image once, and none the device holds already (a download reuses it).
  const { bytes: toDownloadBytes, images: toDownloadImages } = downloadSize(
    moduleIds.filter((id) => !records.value[id]).flatMap((id) => moduleOf(id) ?? []),
    location.origin,
    new Set(Object.values(records.value).flatMap((r) => r.imageUrls)),
  );

  return (
    <section class="download" aria-label={t('download.section', { label })}>
      {running ? (
        <>
          <div
            class="progress"
            role="progressbar"
            aria-label={t('download.progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(100 * fraction())}
          >
            <div class="progress-fill" style={{ width: `${100 * fraction()}%` }} />
          </div>
          <p class="muted" role="status">
            {t('download.downloading', {
              size: bytes(storedBytes(moduleIds.flatMap((id) => running.progress[id] ?? []))),
            })}
          </p>
        </>
      ) : allStored ? (
        <>
          <p class="download-line">
            <span class="offline-mark">{t('download.available', { size: bytes(size) })}</span>
            {outdated && online && (
              <button type="button" class="button small" onClick={download}>
                {t('download.update')}
              </button>
            )}
            <button
              type="button"
              class="button small quiet"
              aria-label={t('download.removeLabel', { label })}
              disabled={storing}
              aria-describedby={storing ? storingNote : undefined}
              onClick={() => void store.downloads.remove(moduleIds, keep)}
            >
              {t('download.remove')}
            </button>
          </p>
          {storing && (
            <p id={storingNote} class="muted small">
              {t('download.removeWhileStoring')}
            </p>
          )}
          {outdated && !online && <p class="muted small">{t('download.updateOffline')}</p>}
        </>
      ) : (
        <>
          {stored.length > 0 && (
            <p class="offline-mark">
              {t('download.partial', { stored: stored.length, count: moduleIds.length })}
            </p>
          )}
          {toDownloadBytes > 0 && (
            <p class="muted small">
              {toDownloadImages > 0
                ? t('download.sizeImages', {
                    size: bytes(toDownloadBytes),
                    count: toDownloadImages,
                  })
                : t('download.size', { size: bytes(toDownloadBytes) })}
            </p>
          )}
          <button
            type="button"
            class="button small"
            disabled={!online || active.value !== null}
            onClick={download}
          >
            {t('download.button')}
          </button>
        </>
      )}
      {failed.length > 0 && (
        <div class="sync-error" role="alert">
          {moduleIds.length > 1 && (
            <p>
              {t('download.failedModules', {
                count: failed.length,
                titles: failed.map((id) => moduleOf(id)?.title ?? id).join(', '),
              })}
            </p>
          )}
          {[...new Set(failed.map((id) => t(failures.value[id]!.key, failures.value[id])))].map(
            (message) => (
              <p key={message}>{message}</p>
            ),
          )}
        </div>
      )}
      {showUsage && <StorageUsage />}
    </section>
  );
}

/** "Kindling uses … on this device", once the browser has said. */
export function StorageUsage() {
  const usage = useStore().downloads.usage.value;
  return usage === null ? null : (
    <p class="muted small">{t('download.usage', { size: bytes(usage) })}</p>
  );
}
