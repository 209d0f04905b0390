/**
 * A report's progress as their manager sees it (src/core/team.ts), read from the store: the team
 * screen and the weekly digest mail show the same numbers.
 */
import type { Catalog } from '../core/content';
import { reportProgress, type ReportProgress } from '../core/team';
import { masteryOf } from './mastery';
import { progressStateOf } from './progress-aggregate';
import type { Person, Store } from './store/store';

export async function reportProgressOf(
  store: Store,
  person: Person,
  catalog: Catalog,
  now: number,
): Promise<ReportProgress> {
  const [events, assignments] = await Promise.all([
    store.userEvents(person.id),
    store.listAssignments(person.orgId, [person.id]),
  ]);
  const [{ competencies }, { streak }] = await Promise.all([
    masteryOf(store, person.id),
    progressStateOf(store, person, now),
  ]);
  return reportProgress({
    events,
    catalog,
    assignments,
    competencies,
    streak: streak.current,
    tz: person.tz,
    now,
  });
}
