/**
 * A manager's team of `reports` people with histories, stored as a sync stores them (events with
 * the ledger, board rows and learner days kept: `aggregateFor`), for the team view's tests and
 * bench/team.ts. The team mixes what the view tells apart:
 * - every 5th report has been quiet for 10 days (at risk), every 7th has never learned;
 * - the others learned `lessonsPerReport` lessons over the last month, in three time zones;
 * - every 2nd has a pathway assigned, due last week for every 4th (overdue unless finished),
 *   next month for the others; every 3rd has a career (suggestions).
 */
import { randomUUID } from 'node:crypto';
import { addDays, localDate } from '../../src/core/calendar';
import { uuidv7 } from '../../src/core/uuidv7';
import type { ProgressEvent } from '../../src/core/events';
import { aggregateFor } from '../../src/server/progress-aggregate';
import type { Store } from '../../src/server/store/store';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];

export interface TeamOptions {
  orgId: string;
  managerId: string;
  reports: number;
  lessonsPerReport: number;
  now: number;
  /** Prefix of the reports' ids (`${prefix}-${n}`). */
  prefix?: string;
}

/** Seeds the team; returns the reports' ids in the order made. */
export async function seedTeam(store: Store, o: TeamOptions): Promise<string[]> {
  const catalog = await store.getCatalog(o.orgId);
  const lessons = catalog.modules.flatMap((m) => m.lessons.map((l) => l.id));
  const minutesOf = new Map(
    catalog.modules.flatMap((m) => m.lessons.map((l) => [l.id, l.estimateMinutes] as const)),
  );
  const prefix = o.prefix ?? 'u-team';
  const ids: string[] = [];
  for (let r = 0; r < o.reports; r++) {
    const id = `${prefix}-${r}`;
    const tz = ZONES[r % ZONES.length]!;
    ids.push(id);
    await store.createUser({
      id,
      orgId: o.orgId,
      email: `${id}@team.test`,
      name: `Report ${String(r).padStart(3, '0')}`,
      role: 'learner',
      managerId: o.managerId,
      tz,
      passwordHash: 'x',
    });
    if (r % 3 === 0)
      await store.updatePerson(o.orgId, id, {
        career: { roleId: catalog.roles[0]!.id, level: 1 },
      });
    const pathway = catalog.pathways[r % catalog.pathways.length];
    // Who is overdue has not started the pathway (their other lessons still count).
    const overdue = r % 4 === 0;
    const untouched = new Set(
      overdue && pathway
        ? pathway.moduleIds.flatMap(
            (m) => catalog.modules.find((x) => x.id === m)?.lessons.map((l) => l.id) ?? [],
          )
        : [],
    );
    const learned = lessons.filter((l) => !untouched.has(l));
    if (r % 2 === 0 && pathway)
      await store.upsertAssignment({
        id: randomUUID(),
        orgId: o.orgId,
        userId: id,
        pathwayId: pathway.id,
        dueDate: addDays(localDate(o.now, tz), overdue ? -7 : 30),
        assignedBy: o.managerId,
        createdAt: o.now - 40 * 86_400_000,
      });
    if (r % 7 === 6) continue; // never learned
    const quietDays = r % 5 === 4 ? 10 : 0;
    const device = `team-device-${r}-${randomUUID().slice(0, 8)}`;
    // A start, then the completion a lesson's estimate later, an hour apart, over 30 days: what
    // counts (src/core/plausibility.ts), so streaks and this week's lessons are the real thing.
    const spans = Array.from({ length: o.lessonsPerReport }, (_, i) => {
      const lesson = learned[(i + r) % learned.length]!;
      const done =
        o.now - (quietDays + (i % 30)) * 86_400_000 - (1 + Math.floor(i / 30)) * 3_600_000;
      return { lesson, start: done - minutesOf.get(lesson)! * 60_000, done };
    }).sort((a, b) => a.start - b.start);
    const events = spans.flatMap((span, i) =>
      (['lesson_started', 'lesson_completed'] as const).map((type, k) => {
        const at = k === 0 ? span.start : span.done;
        const envelope = {
          id: uuidv7(() => at),
          lessonId: span.lesson,
          occurredAt: new Date(at).toISOString(),
          tz,
          deviceId: device,
          seq: 2 * i + k + 1,
        };
        const event: ProgressEvent =
          type === 'lesson_started'
            ? { ...envelope, type }
            : { ...envelope, type, durationMs: span.done - span.start };
        return { event, body: JSON.stringify(event), correctedAt: at, receivedAt: o.now };
      }),
    );
    await store.ingest(id, events, await aggregateFor(store, (await store.getUser(id))!));
  }
  return ids;
}
