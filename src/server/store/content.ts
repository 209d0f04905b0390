/**
 * Content: the catalog file (roles, competencies, pathways) and the modules, imported from
 * content/ at start or uploaded by an organisation's admins, so every API process serves the same.
 *
 * Trust boundary: shipped content (no `module_owners` row) belongs to the deployment and every
 * organisation sees it; an uploaded module belongs to the organisation that uploaded it and only
 * that organisation sees it. Reads take the reader's org; without one they see shipped content only.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Catalog, LearningModule } from '../../core/content';
import type { Locale } from '../../core/wording';
import type { CatalogFile } from '../content/load';
import { keptTranslations, localizeModule, type StoredModule } from '../content/translation';
import { buildCatalog } from './catalog';
import { inTransaction, type Db, type Tx } from './db';
import type { ContentModulesTable, Database } from './schema';
import { deleteIn } from './rows';

export interface ContentStore {
  /** The shipped import: replaces the catalog file and takes back every id it ships from any org. */
  saveContent(catalog: CatalogFile, modules: StoredModule[]): Promise<void>;
  /**
   * Shipped content plus `orgId`'s own uploads (shipped only without an org), named in `locale`
   * where the content has it (the original otherwise).
   */
  getCatalog(orgId?: string, locale?: Locale): Promise<Catalog>;
  /** A shipped module or one `orgId` uploaded, in `locale` or its original; another org's is not found. */
  getModule(id: string, orgId?: string, locale?: Locale): Promise<LearningModule | undefined>;
  /** Changes whenever the catalog or any module's version does; cheap to read (no module bodies). */
  contentSignature(): Promise<string>;
  /**
   * Inserts or replaces one module uploaded by an admin of `orgId`, keeping its place in the
   * catalog order. Ids are one namespace, so a module belongs to the org that first uploaded it:
   * false (nothing saved) when the id is taken by another org's module or by shipped content
   * (imported from content/, no owner).
   */
  saveModule(module: LearningModule, orgId: string): Promise<boolean>;
  /**
   * Stores `translation` of `orgId`'s own module (checked against it by the caller): 'missing'
   * when there is no such module, 'taken' when it is shipped or another org's.
   */
  saveTranslation(
    translation: LearningModule,
    locale: Locale,
    orgId: string,
  ): Promise<'saved' | 'missing' | 'taken'>;
}

/** Rows of `content_modules as c` that `orgId` may see: shipped, or its own upload. */
function visibleTo(orgId: string | undefined) {
  return (eb: ExpressionBuilder<Database & { c: ContentModulesTable }, 'c'>) => {
    const owned = eb
      .selectFrom('module_owners as o')
      .select('o.module_id')
      .whereRef('o.module_id', '=', 'c.id');
    const shipped = eb.not(eb.exists(owned));
    return orgId === undefined
      ? shipped
      : eb.or([shipped, eb.exists(owned.where('o.org_id', '=', orgId))]);
  };
}

/** `getCatalog`, read through `q` (a transaction's own connection, or the database). */
export async function catalogIn(q: Db | Tx, orgId?: string, locale?: Locale): Promise<Catalog> {
  const [file, modules] = await Promise.all([
    q.selectFrom('content_catalog').select('body').where('id', '=', 1).executeTakeFirst(),
    q
      .selectFrom('content_modules as c')
      .select('c.body')
      .where(visibleTo(orgId))
      .orderBy('c.position')
      .orderBy('c.id')
      .execute(),
  ]);
  return buildCatalog(
    file && (JSON.parse(file.body) as CatalogFile),
    modules.map((r) => localizeModule(JSON.parse(r.body) as StoredModule, locale)),
    locale,
  );
}

/** `contentSignature`, read through `q`. */
export async function signatureIn(q: Db | Tx): Promise<string> {
  // One read of the catalog's text and each module's id, version and position, no bodies.
  const rows = await q
    .selectFrom('content_catalog')
    .select([sql.lit(0).as('k'), 'body as part'])
    .where('id', '=', 1)
    .unionAll(
      q
        .selectFrom('content_modules')
        .select([
          sql.lit(1).as('k'),
          sql<string>`id || '@' || version || '@' || position`.as('part'),
        ]),
    )
    .orderBy('k')
    .orderBy('part')
    .execute();
  return rows.map((r) => r.part).join('\n');
}

export function contentStore(db: Db): ContentStore {
  /** A stored module's body and owning org (null: shipped). */
  const ownedRow = (id: string) =>
    db
      .selectFrom('content_modules as c')
      .leftJoin('module_owners as o', 'o.module_id', 'c.id')
      .select(['o.org_id as owner', 'c.body'])
      .where('c.id', '=', id)
      .executeTakeFirst();
  return {
    async saveContent(catalog, modules) {
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('content_catalog')
          .values({ id: 1, body: JSON.stringify(catalog) })
          .onConflict((oc) => oc.column('id').doUpdateSet({ body: JSON.stringify(catalog) }))
          .execute();
        for (const [position, m] of modules.entries()) {
          const row = { version: m.version, position, body: JSON.stringify(m) };
          await tx
            .insertInto('content_modules')
            .values({ id: m.id, ...row })
            .onConflict((oc) => oc.column('id').doUpdateSet(row))
            .execute();
        }
        // An org that uploaded an id before the shipped content used it gives it back.
        const shipped = modules.map((m) => m.id);
        await deleteIn(tx, 'module_owners', 'module_id', shipped);
      });
    },
    getCatalog: (orgId, locale) => catalogIn(db, orgId, locale),
    async getModule(id, orgId, locale) {
      const row = await db
        .selectFrom('content_modules as c')
        .select('c.body')
        .where('c.id', '=', id)
        .where(visibleTo(orgId))
        .executeTakeFirst();
      return row && localizeModule(JSON.parse(row.body) as StoredModule, locale);
    },
    contentSignature: () => signatureIn(db),
    async saveModule(upload, orgId) {
      const existing = await ownedRow(upload.id);
      if (existing && existing.owner !== orgId) return false;
      // Translations that still fit the new original stay; the others are dropped.
      const translations = keptTranslations(
        existing && (JSON.parse(existing.body) as StoredModule),
        upload,
      );
      const m: StoredModule = { ...upload, ...(translations && { translations }) };
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('content_modules')
          .values((eb) => ({
            id: m.id,
            version: m.version,
            body: JSON.stringify(m),
            position: eb
              .selectFrom('content_modules')
              .select(sql<number>`coalesce(max(position), -1) + 1`.as('next')),
          }))
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({ version: m.version, body: JSON.stringify(m) }),
          )
          .execute();
        await tx
          .insertInto('module_owners')
          .values({ module_id: m.id, org_id: orgId })
          .onConflict((oc) => oc.column('module_id').doNothing())
          .execute();
      });
      return true;
    },
    async saveTranslation(translation, locale, orgId) {
      const existing = await ownedRow(translation.id);
      if (!existing) return 'missing';
      if (existing.owner !== orgId) return 'taken';
      const stored = JSON.parse(existing.body) as StoredModule;
      stored.translations = { ...stored.translations, [locale]: translation };
      await db
        .updateTable('content_modules')
        .set({ body: JSON.stringify(stored) })
        .where('id', '=', translation.id)
        .execute();
      return 'saved';
    },
  };
}
