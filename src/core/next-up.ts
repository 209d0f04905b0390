import type { CatalogModule } from './content';

export interface NextUp {
  module: CatalogModule;
  lesson: CatalogModule['lessons'][number];
}

/**
 * What "Continue" offers: the next unfinished lesson of a module already begun, else the first
 * unfinished lesson in catalog order; undefined when everything is done.
 */
export function nextLesson(
  modules: readonly CatalogModule[],
  completed: ReadonlySet<string>,
): NextUp | undefined {
  const unfinished = (m: CatalogModule) => m.lessons.find((l) => !completed.has(l.id));
  const begun = modules.find((m) => m.lessons.some((l) => completed.has(l.id)) && unfinished(m));
  const module = begun ?? modules.find(unfinished);
  const lesson = module && unfinished(module);
  return module && lesson ? { module, lesson } : undefined;
}
