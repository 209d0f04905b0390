/**
 * Learners' activity for the team view and home (src/core/team.ts), read off the totals and
 * days kept at ingest: two queries for a whole team, whatever the length of their histories.
 * Until the backfill of an existing database has finished, it is folded from the events.
 */
import { localDate } from '../core/calendar';
import { activityOf, activitySince, type ActivityDay, type LearnerActivity } from '../core/team';
import type { Store } from './store/store';

export async function learnerActivities(
  store: Store,
  people: ReadonlyArray<{ id: string; tz: string }>,
  now: number,
): Promise<Map<string, LearnerActivity>> {
  if (!(await store.learnerDaysReady()))
    return new Map(
      await Promise.all(
        people.map(async (p) => [p.id, activityOf(await store.userEvents(p.id))] as const),
      ),
    );
  const since = people
    .map((p) => activitySince(localDate(now, p.tz)))
    .reduce((a, b) => (a < b ? a : b), '9999-12-31');
  const ids = people.map((p) => p.id);
  const [totals, days] = await Promise.all([
    store.learnerTotals(ids),
    store.learnerDays(ids, since),
  ]);
  const activity = new Map<string, LearnerActivity>(
    ids.map((id) => [id, { completed: [], lastActiveAt: null, days: [] }]),
  );
  for (const t of totals)
    activity.set(t.userId, { completed: t.completed, lastActiveAt: t.lastAt, days: [] });
  for (const d of days)
    if (d.lessons > 0)
      (activity.get(d.userId)!.days as ActivityDay[]).push({
        day: d.day,
        lessons: d.lessons,
        completions: Object.fromEntries(
          Object.entries(d.completions).map(([lessonId, { n }]) => [lessonId, n]),
        ),
      });
  return activity;
}

export async function learnerActivity(
  store: Store,
  person: { id: string; tz: string },
  now: number,
): Promise<LearnerActivity> {
  return (await learnerActivities(store, [person], now)).get(person.id)!;
}
