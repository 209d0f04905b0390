import type { Catalog, LearningModule } from '../../core/content';
import { toCatalogModule } from '../../core/content';
import { sumMinutes } from '../../core/estimate';
import type { CatalogFile } from '../content/load';

/** Joins the catalog file with the stored modules into what `GET /catalog` serves. */
export function buildCatalog(file: CatalogFile | undefined, modules: LearningModule[]): Catalog {
  const catalogModules = modules.map(toCatalogModule);
  const byId = new Map(catalogModules.map((m) => [m.id, m]));
  return {
    roles: (file?.roles ?? []).map((r) => ({ ...r })),
    competencies: file?.competencies ?? [],
    pathways: (file?.pathways ?? []).map((p) => {
      const members = p.moduleIds.flatMap((id) => byId.get(id) ?? []);
      return { ...p, moduleIds: members.map((m) => m.id), estimateMinutes: sumMinutes(members) };
    }),
    modules: catalogModules,
  };
}
