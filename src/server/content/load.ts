/**
 * Loads a content folder: `catalog.yaml` (roles, competencies, pathways) and `modules/*.md`.
 * Problems come back as `file:line: message`; nothing half-valid is returned as valid.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { LearningModule } from '../../core/content';
import { LOCALES } from '../../core/wording';
import { parseModule, type ContentProblem } from './parse';
import {
  languageProblem,
  noOriginal,
  structureProblems,
  translationOf,
  type StoredModule,
} from './translation';

/** A name: one string (the original), or one per language (`{ en: …, de: … }`). */
const title = z.union([
  z.string(),
  z
    .partialRecord(z.enum(LOCALES), z.string().min(1))
    .refine((names) => Object.keys(names).length > 0, 'name at least one language'),
]);

export const catalogFile = z.object({
  competencies: z.array(z.object({ id: z.string(), title })).default([]),
  roles: z
    .array(
      z.object({
        id: z.string(),
        title,
        levels: z
          .array(
            z.object({
              id: z.string(),
              title,
              competencies: z.array(z.string()).default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  pathways: z
    .array(
      z.object({
        id: z.string(),
        title,
        summary: title.default(''),
        moduleIds: z.array(z.string()).min(1),
      }),
    )
    .default([]),
});
export type CatalogFile = z.infer<typeof catalogFile>;

export interface LoadedContent {
  catalog: CatalogFile;
  /** Originals, each carrying the translations that match it (`<module>.<locale>.md`). */
  modules: StoredModule[];
  errors: ContentProblem[];
  warnings: ContentProblem[];
}

export function loadContentDir(dir: string): LoadedContent {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const modules: StoredModule[] = [];
  let catalog: CatalogFile = { competencies: [], roles: [], pathways: [] };

  const catalogPath = join(dir, 'catalog.yaml');
  if (existsSync(catalogPath)) {
    try {
      const parsed = catalogFile.safeParse(parseYaml(readFileSync(catalogPath, 'utf8')));
      if (parsed.success) catalog = parsed.data;
      else
        for (const issue of parsed.error.issues)
          errors.push({
            file: catalogPath,
            line: 1,
            message: `${issue.path.join('.')}: ${issue.message}`,
          });
    } catch (e) {
      errors.push({
        file: catalogPath,
        line: 1,
        message: `not valid YAML: ${(e as Error).message.split('\n')[0]}`,
      });
    }
  }

  const moduleDir = existsSync(join(dir, 'modules')) ? join(dir, 'modules') : dir;
  const files = readdirSync(moduleDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort();
  const seen = new Map<string, string>();
  const moduleFiles = new Map<string, string>();
  const byName = new Map<string, StoredModule>();
  for (const name of files.filter((f) => !translationOf(f))) {
    const file = join(moduleDir, name);
    const result = parseModule(file, readFileSync(file, 'utf8'));
    errors.push(...result.errors);
    warnings.push(...result.warnings);
    if (!result.module) continue;
    const other = seen.get(result.module.id);
    if (other)
      errors.push({
        file,
        line: 2,
        message: `module id "${result.module.id}" is also used by ${other}`,
      });
    seen.set(result.module.id, file);
    moduleFiles.set(result.module.id, file);
    byName.set(name.slice(0, -'.md'.length), result.module);
    modules.push(result.module);
  }
  for (const name of files) {
    const translation = translationOf(name);
    if (!translation) continue;
    const file = join(moduleDir, name);
    const original = byName.get(translation.base);
    const result = parseModule(file, readFileSync(file, 'utf8'));
    const problems = [
      ...languageProblem(file, translation.locale),
      ...result.errors,
      ...(original ? structureProblems(file, original, result) : []),
    ];
    if (!original) errors.push(noOriginal(file, translation.base));
    errors.push(...problems);
    warnings.push(...result.warnings);
    if (original && result.module && problems.length === 0)
      original.translations = {
        ...original.translations,
        [translation.locale]: result.module,
      };
  }

  errors.push(...crossCheck(catalog, modules, catalogPath, moduleFiles));
  return { catalog, modules: orderByPathways(catalog, modules), errors, warnings };
}

/** Every id a module or pathway names must exist in the catalog, and the other way round. */
function crossCheck(
  catalog: CatalogFile,
  modules: LearningModule[],
  catalogPath: string,
  moduleFiles: Map<string, string>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const competencies = new Set(catalog.competencies.map((c) => c.id));
  const pathways = new Set(catalog.pathways.map((p) => p.id));
  const roles = new Set(catalog.roles.map((r) => r.id));
  const moduleIds = new Set(modules.map((m) => m.id));
  const unknown = (file: string, kind: string, id: string) =>
    problems.push({ file, line: 1, message: `unknown ${kind} "${id}" (not in catalog.yaml)` });
  for (const pathway of catalog.pathways)
    for (const id of pathway.moduleIds) if (!moduleIds.has(id)) unknown(catalogPath, 'module', id);
  for (const role of catalog.roles)
    for (const level of role.levels)
      for (const id of level.competencies) if (!competencies.has(id)) unknown(catalogPath, 'competency', id);
  if (catalog.competencies.length === 0) return problems; // a bare folder of modules, no catalog
  for (const m of modules) {
    const file = moduleFiles.get(m.id) ?? m.id;
    for (const id of m.competencies) if (!competencies.has(id)) unknown(file, 'competency', id);
    for (const id of m.pathways) if (!pathways.has(id)) unknown(file, 'pathway', id);
    for (const id of m.roles) if (!roles.has(id)) unknown(file, 'role', id);
  }
  return problems;
}

/** Modules in the order their pathways list them, then any others by id. */
function orderByPathways<M extends LearningModule>(catalog: CatalogFile, modules: M[]): M[] {
  const rank = new Map<string, number>();
  for (const id of catalog.pathways.flatMap((p) => p.moduleIds)) if (!rank.has(id)) rank.set(id, rank.size);
  const at = (m: M) => rank.get(m.id) ?? Number.MAX_SAFE_INTEGER;
  return [...modules].sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}
