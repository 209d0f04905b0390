/**
 * Loads a content folder: `catalog.yaml` (roles, competencies, pathways) and `modules/*.md`.
 * Problems come back as `file:line: message`; nothing half-valid is returned as valid.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { LearningModule } from '../../core/content';
import { parseModule, type ContentProblem } from './parse';

export const catalogFile = z.object({
  competencies: z.array(z.object({ id: z.string(), title: z.string() })).default([]),
  roles: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        levels: z
          .array(
            z.object({
              id: z.string(),
              title: z.string(),
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
        title: z.string(),
        summary: z.string().default(''),
        moduleIds: z.array(z.string()).min(1),
      }),
    )
    .default([]),
});
export type CatalogFile = z.infer<typeof catalogFile>;

export interface LoadedContent {
  catalog: CatalogFile;
  modules: LearningModule[];
  errors: ContentProblem[];
  warnings: ContentProblem[];
}

export function loadContentDir(dir: string): LoadedContent {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const modules: LearningModule[] = [];
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
  for (const name of files) {
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
    modules.push(result.module);
  }

  const moduleIds = new Set(modules.map((m) => m.id));
  for (const pathway of catalog.pathways)
    for (const id of pathway.moduleIds)
      if (!moduleIds.has(id) && errors.length === 0)
        errors.push({
          file: catalogPath,
          line: 1,
          message: `pathway "${pathway.id}" names unknown module "${id}"`,
        });
  return { catalog, modules, errors, warnings };
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}
