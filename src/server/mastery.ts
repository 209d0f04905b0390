import type { EventType, ProgressEvent } from '../core/events';
import { deriveMastery, emptyMastery, type MasteryState } from '../core/mastery';
import { contentSnapshot } from './content-snapshot';
import type { Store } from './store/store';

const MASTERY_EVENTS: readonly EventType[] = [
  'assessment_submitted',
  'quiz_answered',
  'review_answered',
];

/**
 * The server's authoritative mastery: assessments graded against the stored content. Reads only
 * the learner's graded events (an index on user and type), so a sync's cost does not grow with
 * every lesson opened; grading at read time means a corrected answer key regrades old attempts.
 */
export async function masteryOf(
  store: Store,
  user: { id: string; orgId: string },
): Promise<MasteryState> {
  return gradeMastery(store, await store.userEvents(user.id, MASTERY_EVENTS), user.orgId);
}

/** Mastery from any list of the learner's events (the others are ignored), against their org's content. */
export async function gradeMastery(
  store: Store,
  events: readonly ProgressEvent[],
  orgId?: string,
): Promise<MasteryState> {
  const relevant = events.filter((e) => MASTERY_EVENTS.includes(e.type));
  if (relevant.length === 0) return emptyMastery;
  const content = await contentSnapshot(store, orgId);
  return deriveMastery(emptyMastery, relevant, {
    module: content.module,
    outlines: content.catalog.modules,
  });
}
