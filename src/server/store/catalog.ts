import type { Catalog, LearningModule } from '../../core/content';
import { toCatalogModule } from '../../core/content';
import { sumMinutes } from '../../core/estimate';
import type { Locale } from '../../core/wording';
import type { CatalogFile } from '../content/load';
import { textIn } from '../content/translation';

/**
 * Joins the catalog file with the stored modules (already in `locale`) into what `GET /catalog`
 * serves, every name in `locale` where the file has it (the original otherwise).
 */
export function buildCatalog(
  file: CatalogFile | undefined,
  modules: LearningModule[],
  locale?: Locale,
): Catalog {
  const catalogModules = modules.map(toCatalogModule);
  const byId = new Map(catalogModules.map((m) => [m.id, m]));
  const named = <T extends { title: CatalogFile['competencies'][number]['title'] }>(x: T) => ({
    ...x,
    title: textIn(x.title, locale),
  });
  return {
    roles: (file?.roles ?? []).map((r) => ({ ...named(r), levels: r.levels.map(named) })),
    competencies: (file?.competencies ?? []).map(named),
    pathways: (file?.pathways ?? []).map((p) => {
      const members = p.moduleIds.flatMap((id) => byId.get(id) ?? []);
      return {
        ...named(p),
        summary: textIn(p.summary, locale),
        moduleIds: members.map((m) => m.id),
        estimateMinutes: sumMinutes(members),
      };
    }),
    modules: catalogModules,
  };
}
