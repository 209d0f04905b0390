import type { Roadmap } from '../../core/career';
import { minutes } from '../format';
import { t } from '../i18n';
import { paths } from '../router';
import { useStore } from '../store';
import { DownloadControl, StorageUsage } from './DownloadControl';
import { Link } from './Link';

/**
 * The pathways of the roadmap's role, each with its modules and "Download for offline" for all
 * of them. Removing a pathway keeps modules another fully downloaded pathway still needs.
 */
export function PathwayDownloads({ roadmap }: { roadmap: Roadmap }) {
  const store = useStore();
  const catalog = store.content.catalog.value;
  const records = store.downloads.records.value;
  if (!catalog) return null;
  const ids = new Set(
    roadmap.levels.flatMap((l) => l.competencies.flatMap((c) => c.pathways.map((p) => p.id))),
  );
  const pathways = catalog.pathways.filter((p) => ids.has(p.id));
  if (pathways.length === 0) return null;
  const stored = catalog.pathways.filter((p) => p.moduleIds.every((id) => records[id]));
  const keepFor = (pathwayId: string) =>
    new Set(stored.filter((p) => p.id !== pathwayId).flatMap((p) => p.moduleIds));

  return (
    <section class="pathways" aria-labelledby="pathways-title">
      <h2 id="pathways-title">{t('pathways.title')}</h2>
      <p class="muted">{t('pathways.lead')}</p>
      <ul class="pathway-list">
        {pathways.map((p) => (
          <li key={p.id} class="card pathway">
            <h3>{p.title}</h3>
            <p class="muted small">
              {t('pathways.meta', {
                count: p.moduleIds.length,
                minutes: minutes(p.estimateMinutes),
              })}
            </p>
            <ol class="pathway-modules">
              {p.moduleIds.map((id) => (
                <li key={id}>
                  <Link href={paths.module(id)}>
                    {catalog.modules.find((m) => m.id === id)?.title ?? id}
                  </Link>
                  {records[id] && (
                    <span class="offline-mark">
                      {' ✓'}
                      <span class="visually-hidden"> {t('pathways.moduleOffline')}</span>
                    </span>
                  )}
                </li>
              ))}
            </ol>
            <DownloadControl
              moduleIds={p.moduleIds}
              label={p.title}
              keep={keepFor(p.id)}
              showUsage={false}
            />
          </li>
        ))}
      </ul>
      <StorageUsage />
    </section>
  );
}
