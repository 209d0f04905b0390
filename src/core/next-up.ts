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

/**
 * "I have N minutes": unfinished lessons in learning order that fit the time together, at most
 * one module's worth, preferring to continue where the learner is.
 *
 * @example
 * fitInMinutes(modules, new Set(), 5) // the first lessons whose minutes add up to ≤ 5
 */
export function fitInMinutes(
  modules: readonly CatalogModule[],
  completed: ReadonlySet<string>,
  budget: number,
): NextUp[] {
  const picks: NextUp[] = [];
  let left = budget;
  const next = nextLesson(modules, completed);
  const ordered = next ? [next.module, ...modules.filter((m) => m !== next.module)] : modules;
  for (const module of ordered)
    for (const lesson of module.lessons) {
      if (completed.has(lesson.id) || lesson.estimateMinutes > left) continue;
      picks.push({ module, lesson });
      left -= lesson.estimateMinutes;
      if (left < 1) return picks;
    }
  return picks;
}

/** Minutes still to learn in a set of modules: the lessons not yet completed. */
export function minutesLeft(
  modules: readonly CatalogModule[],
  completed: ReadonlySet<string>,
): number {
  return modules.reduce(
    (total, m) =>
      total +
      m.lessons.filter((l) => !completed.has(l.id)).reduce((n, l) => n + l.estimateMinutes, 0),
    0,
  );
}
