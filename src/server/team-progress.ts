/**
 * A report's progress as their manager sees it (src/core/team.ts), read from the store's learner
 * days and totals: the team screen and the weekly digest mail show the same numbers.
 */
import type { Catalog } from '../core/content';
import { reportProgress, type ReportProgress } from '../core/team';
import { learnerActivity } from './activity';
import { masteryOf } from './mastery';
import { progressStateOf } from './progress-aggregate';
import type { Person, Store } from './store/store';

export async function reportProgressOf(
  store: Store,
  person: Person,
  catalog: Catalog,
  now: number,
): Promise<ReportProgress> {
  const [activity, assignments, { competencies }, { streak }] = await Promise.all([
    learnerActivity(store, person, now),
    store.listAssignments(person.orgId, [person.id]),
    masteryOf(store, person),
    progressStateOf(store, person, now),
  ]);
  return reportProgress({
    activity,
    catalog,
    assignments,
    competencies,
    streak: streak.current,
    tz: person.tz,
    now,
  });
}
