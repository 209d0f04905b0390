import type { EventType, ProgressEvent } from '../core/events';
import {
  competenciesReached,
  deriveMastery,
  emptyMastery,
  type MasteryState,
} from '../core/mastery';
import { contentSnapshot } from './content-snapshot';
import type { KeptMastery } from './store/learner-mastery';
import type { Store } from './store/store';

const MASTERY_EVENTS: readonly EventType[] = [
  'assessment_submitted',
  'quiz_answered',
  'review_answered',
];

/**
 * The server's authoritative mastery: assessments graded against the stored content. Reads the
 * mastery ingest keeps (store/learner-mastery.ts), one row whatever the learner's history; until
 * a database's backfill has finished, grades the learner's events instead. Attempts are graded
 * when they arrive, so a later change to an answer key does not regrade them.
 */
export async function masteryOf(
  store: Store,
  user: { id: string; orgId: string },
): Promise<MasteryState> {
  if (!(await store.learnerMasteryReady()))
    return gradeMastery(store, await store.userEvents(user.id, MASTERY_EVENTS), user.orgId);
  return masteryFromKept(store, await store.learnerMastery(user.id), user.orgId);
}

/** The competencies each of several learners has reached: the kept rows in one read. */
export async function competenciesOf(
  store: Store,
  users: ReadonlyArray<{ id: string; orgId: string }>,
): Promise<Map<string, string[]>> {
  if (!(await store.learnerMasteryReady()))
    return new Map(
      await Promise.all(
        users.map(async (u) => [u.id, (await masteryOf(store, u)).competencies] as const),
      ),
    );
  const kept = await store.learnerMasteries(users.map((u) => u.id));
  return new Map(
    await Promise.all(
      users.map(
        async (u) =>
          [u.id, (await masteryFromKept(store, kept.get(u.id), u.orgId)).competencies] as const,
      ),
    ),
  );
}

/** Mastery from what the store keeps: competencies worked out against the org's catalog. */
export async function masteryFromKept(
  store: Store,
  kept: KeptMastery | undefined,
  orgId: string,
): Promise<MasteryState> {
  if (!kept) return emptyMastery;
  const competencies = Object.keys(kept.assessments).length
    ? competenciesReached((await contentSnapshot(store, orgId)).catalog.modules, kept.assessments)
    : [];
  return { assessments: kept.assessments, competencies, review: kept.review };
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
