import type { LearningModule } from '../core/content';
import type { ProgressEvent } from '../core/events';
import { deriveMastery, emptyMastery, moduleIdOf, type MasteryState } from '../core/mastery';
import type { Store } from './store/store';

const MASTERY_EVENTS = new Set<ProgressEvent['type']>([
  'assessment_submitted',
  'quiz_answered',
  'review_answered',
]);

/** The server's authoritative mastery: assessments graded against the stored content. */
export async function masteryOf(
  store: Store,
  events: readonly ProgressEvent[],
): Promise<MasteryState> {
  const relevant = events.filter((e) => MASTERY_EVENTS.has(e.type));
  if (relevant.length === 0) return emptyMastery;
  const modules = new Map<string, LearningModule>();
  for (const id of new Set(relevant.map((e) => moduleIdOf((e as { lessonId: string }).lessonId)))) {
    const module = await store.getModule(id);
    if (module) modules.set(id, module);
  }
  const catalog = await store.getCatalog();
  return deriveMastery(emptyMastery, relevant, {
    module: (id) => modules.get(id),
    outlines: catalog.modules,
  });
}
