/**
 * Every message catalog, grouped by area: the learner's screens' `messages/<locale>.ts` ("core"),
 * each lazy area's `areas/<area>/messages.<locale>.ts` ("<area>"), and every catalog of phrases
 * the server composes, `src/core/phrases/<area>.<locale>.ts` ("phrases/<area>"). Vite's glob, so
 * a new area or locale is found without being listed.
 */
export type Catalog = Record<string, unknown>;

const files = {
  ...import.meta.glob<Record<string, Catalog>>('../../src/app/messages/*.ts', { eager: true }),
  ...import.meta.glob<Record<string, Catalog>>('../../src/app/areas/*/messages.*.ts', {
    eager: true,
  }),
  ...import.meta.glob<Record<string, Catalog>>('../../src/core/phrases/*.ts', { eager: true }),
};
const CATALOG_FILE =
  /\/(?:messages\/|areas\/(?<area>[\w-]+)\/messages\.|phrases\/(?<phrases>[\w-]+)\.)(?<code>[a-z]{2})\.ts$/;

/** Area → locale → its catalog. */
export const catalogAreas = new Map<string, Map<string, Catalog | undefined>>();
for (const [path, module] of Object.entries(files)) {
  const match = CATALOG_FILE.exec(path)?.groups;
  if (!match) continue; // phrases/<area>.ts: the bound catalog of an area
  const { area: lazyArea, phrases, code } = match;
  const area = phrases ? `phrases/${phrases}` : (lazyArea ?? 'core');
  if (!catalogAreas.has(area)) catalogAreas.set(area, new Map());
  catalogAreas.get(area)!.set(code!, module[code!]);
}
