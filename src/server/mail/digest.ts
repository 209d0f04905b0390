/**
 * The weekly digest to managers, "your team this week": who learned (lessons and minutes), and
 * who may need a nudge (the team screen's risk reasons), in the manager's language.
 *
 * A run (`sendWeeklyDigests`, every hour in main.ts while mail is on; tests call it with their
 * clock) queues one digest per manager with at least one active report, once their week has
 * reached Friday 15:00 in their own zone (or later that weekend, if no process ran on Friday).
 * The digest log records each manager's week in the same transaction as the mail is queued, so
 * every process may run it and each manager gets one digest a week.
 */
import { localDate } from '../../core/calendar';
import { weekKey } from '../../core/leaderboard';
import { localHour } from '../../core/reminders';
import type { AppDeps } from '../env';
import { reportProgressOf } from '../team-progress';
import { digestMail } from './compose';

/** Friday (0 = Sunday) from 15:00 local: most of the week's learning is in, before the weekend. */
const DIGEST_WEEKDAY = 5;
const DIGEST_HOUR = 15;

/** True from Friday 15:00 until the week ends, in the zone. */
export function digestDue(now: number, tz: string): boolean {
  const weekday = new Date(`${localDate(now, tz)}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  return weekday === DIGEST_WEEKDAY && localHour(now, tz) >= DIGEST_HOUR;
}

/** Queues this week's digest for every manager it is due for; returns how many were queued. */
export async function sendWeeklyDigests(deps: Pick<AppDeps, 'store' | 'now' | 'mail'>) {
  const { store, mail } = deps;
  if (!mail) return 0;
  const now = deps.now();
  let queued = 0;
  for (const manager of await store.digestManagers()) {
    if (!digestDue(now, manager.tz)) continue;
    const week = weekKey(now, manager.tz);
    if (await store.digestQueued(manager.id, week)) continue;
    const catalog = await store.getCatalog(manager.orgId);
    const reports = (await store.listPeople(manager.orgId)).filter(
      (p) => p.active && p.managerId === manager.id,
    );
    const rows = await Promise.all(
      reports.map(async (p) => {
        const progress = await reportProgressOf(store, p, catalog, now);
        return {
          name: p.name,
          lessons: progress.lessonsThisWeek,
          minutes: progress.minutesThisWeek,
          riskReasons: progress.riskReasons,
        };
      }),
    );
    const message = digestMail({
      to: manager.email,
      name: manager.name,
      org: manager.orgName,
      locale: manager.locale ?? 'en',
      weekStart: week,
      reports: rows,
      teamUrl: mail.publicUrl && `${mail.publicUrl}/team`,
    });
    if (await store.queueDigest(manager.id, week, message, now)) queued++;
  }
  if (queued) void mail.flush();
  return queued;
}
