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

/**
 * What `Store.contentSignature` reads (the same SQL on SQLite and PostgreSQL): the catalog's
 * text and each module's id, version and position, joined by `contentSignatureOf`.
 */
export const CONTENT_SIGNATURE = `SELECT 0 AS k, body AS part FROM content_catalog WHERE id = 1
  UNION ALL SELECT 1 AS k, id || '@' || version || '@' || position AS part FROM content_modules
  ORDER BY k, part`;

export const contentSignatureOf = (rows: Array<{ part: string }>) =>
  rows.map((r) => r.part).join('\n');
