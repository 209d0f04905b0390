/**
 * Learning content kept on the device for offline starts: the catalog and every module opened.
 * A downloaded module's copy belongs to its download (downloads.ts), which replaces it together
 * with its images, so opening a module never overwrites it.
 */
import type { Catalog, LearningModule } from '../core/content';
import type { KindlingDB } from './db';
import { CATALOG_KEY, downloadKey, moduleKey } from './keys';

export function createContentCache(db: KindlingDB) {
  const savedAt = () => new Date().toISOString();
  return {
    async catalog(): Promise<Catalog | undefined> {
      const row = await db.get('content', CATALOG_KEY);
      return row && 'catalog' in row ? row.catalog : undefined;
    },
    async saveCatalog(catalog: Catalog): Promise<void> {
      await db.put('content', { key: CATALOG_KEY, catalog, savedAt: savedAt() });
    },
    async module(moduleId: string): Promise<LearningModule | undefined> {
      const row = await db.get('content', moduleKey(moduleId));
      return row && 'module' in row ? row.module : undefined;
    },
    /** Every module on the device, opened or downloaded. */
    async modules(): Promise<LearningModule[]> {
      return (await db.getAll('content')).flatMap((row) => ('module' in row ? [row.module] : []));
    },
    /** Keeps a module opened online, unless it was downloaded (its download keeps it). */
    async saveModule(module: LearningModule): Promise<void> {
      if (await db.get('content', downloadKey(module.id))) return;
      await db.put('content', { key: moduleKey(module.id), module, savedAt: savedAt() });
    },
  };
}

export type ContentCache = ReturnType<typeof createContentCache>;
