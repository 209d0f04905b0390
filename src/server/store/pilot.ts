/**
 * The 12-week pilot: pilots with their checklist, HR outcomes (hire, exit, internal moves) and
 * what managers did for their people, which the pilot report reads beside the event log.
 */
import { sql } from 'kysely';
import type { HrRecord, ManagerAction, PilotGoal } from '../../core/pilot';
import { inTransaction, type Db } from './db';
import { markPilotSummaries } from './pilot-summaries';
import { deleteAt, valueAt } from './rows';

export interface Pilot {
  id: string;
  orgId: string;
  name: string;
  /** Day 0, YYYY-MM-DD. */
  startDate: string;
  weeks: number;
  cohortIds: string[];
  goals: PilotGoal[];
  createdAt: number;
  /** Checklist steps ticked off, by step id. */
  checklist: Record<string, { doneAt: number; doneBy: string }>;
}

export interface PilotStore {
  createPilot(pilot: Omit<Pilot, 'checklist'>): Promise<void>;
  /** The organisation's pilots, newest first. */
  listPilots(orgId: string): Promise<Pilot[]>;
  /** Ticks (`done` given) or unticks a checklist step; false when the org has no such pilot. */
  setPilotStep(
    orgId: string,
    pilotId: string,
    step: string,
    done: { at: number; by: string } | null,
  ): Promise<boolean>;
  /** Adds or replaces HR rows by email, all in one transaction. */
  saveHrRecords(orgId: string, records: readonly HrRecord[]): Promise<void>;
  hrRecords(orgId: string): Promise<HrRecord[]>;
  /**
   * What managers (and admins) did for their people from `fromMs` up to `toMs`: assignments made
   * and nudges sent (from notifications) and 1:1 scripts opened, with the actor's time zone.
   */
  managerActions(orgId: string, fromMs: number, toMs: number): Promise<ManagerAction[]>;
  /** Distinct active users of the org with a completed lesson at or after `since` (epoch ms). */
  countLearnersSince(orgId: string, since: number): Promise<number>;
}

export function pilotStore(db: Db): PilotStore {
  return {
    async createPilot(p) {
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('pilots')
          .values({
            id: p.id,
            org_id: p.orgId,
            name: p.name,
            start_date: p.startDate,
            weeks: p.weeks,
            cohort_ids: JSON.stringify(p.cohortIds),
            goals: JSON.stringify(p.goals),
            created_at: p.createdAt,
          })
          .execute();
        // Its members may have days in its window already: `backfillPilotSummaries` fills them.
        await markPilotSummaries(tx, p.id);
      });
    },
    async listPilots(orgId) {
      const [pilots, steps] = await Promise.all([
        db
          .selectFrom('pilots')
          .selectAll()
          .where('org_id', '=', orgId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute(),
        db
          .selectFrom('pilot_checklist as c')
          .innerJoin('pilots as p', 'p.id', 'c.pilot_id')
          .select(['c.pilot_id', 'c.step', 'c.done_at', 'c.done_by'])
          .where('p.org_id', '=', orgId)
          .execute(),
      ]);
      return pilots.map((p) => ({
        id: p.id,
        orgId: p.org_id,
        name: p.name,
        startDate: p.start_date,
        weeks: p.weeks,
        cohortIds: JSON.parse(p.cohort_ids) as string[],
        goals: JSON.parse(p.goals) as PilotGoal[],
        createdAt: p.created_at,
        checklist: Object.fromEntries(
          steps
            .filter((s) => s.pilot_id === p.id)
            .map((s) => [s.step, { doneAt: s.done_at, doneBy: s.done_by }]),
        ),
      }));
    },
    async setPilotStep(orgId, pilotId, step, done) {
      const owned = await valueAt(db, 'pilots', 'id', { id: pilotId, org_id: orgId });
      if (!owned) return false;
      if (done)
        await db
          .insertInto('pilot_checklist')
          .values({ pilot_id: pilotId, step, done_at: done.at, done_by: done.by })
          .onConflict((oc) =>
            oc.columns(['pilot_id', 'step']).doUpdateSet({ done_at: done.at, done_by: done.by }),
          )
          .execute();
      else await deleteAt(db, 'pilot_checklist', { pilot_id: pilotId, step });
      return true;
    },
    async saveHrRecords(orgId, records) {
      await inTransaction(db, async (tx) => {
        for (const r of records) {
          const facts = {
            hire_date: r.hireDate,
            exit_date: r.exitDate,
            moves: JSON.stringify(r.moves),
          };
          await tx
            .insertInto('hr_records')
            .values({ org_id: orgId, email: r.email.toLowerCase(), ...facts })
            .onConflict((oc) => oc.columns(['org_id', 'email']).doUpdateSet(facts))
            .execute();
        }
      });
    },
    async hrRecords(orgId) {
      const rows = await db
        .selectFrom('hr_records')
        .select(['email', 'hire_date as hireDate', 'exit_date as exitDate', 'moves'])
        .where('org_id', '=', orgId)
        .orderBy('email')
        .execute();
      return rows.map((r) => ({ ...r, moves: JSON.parse(r.moves) as string[] }));
    },
    async managerActions(orgId, fromMs, toMs) {
      // The actions first, then the time zones of the few people who did them: joining users
      // to every action cost a lookup per action (a third of the report at 100,000 actions).
      const rows = await db
        .selectFrom('notifications as n')
        .select([
          'n.from_user_id as userId',
          sql.ref<ManagerAction['kind']>('n.kind').as('kind'),
          'n.created_at as at',
        ])
        .where('n.org_id', '=', orgId)
        .where('n.kind', 'in', ['assignment', 'nudge'])
        .where('n.created_at', '>=', fromMs)
        .where('n.created_at', '<', toMs)
        .where('n.from_user_id', 'is not', null)
        .unionAll(
          db
            .selectFrom('one_on_one_opens as o')
            .select([
              'o.manager_id as userId',
              sql.lit<ManagerAction['kind']>('script').as('kind'),
              'o.opened_at as at',
            ])
            .where('o.org_id', '=', orgId)
            .where('o.opened_at', '>=', fromMs)
            .where('o.opened_at', '<', toMs),
        )
        .execute();
      const actors = [...new Set(rows.map((r) => r.userId!))];
      const tz = new Map<string, string>();
      for (let i = 0; i < actors.length; i += 1000)
        for (const u of await db
          .selectFrom('users')
          .select(['id', 'tz'])
          .where('id', 'in', actors.slice(i, i + 1000))
          .execute())
          tz.set(u.id, u.tz);
      return rows.flatMap((r) => {
        const zone = tz.get(r.userId!);
        return zone === undefined
          ? []
          : [{ userId: r.userId!, kind: r.kind, at: Number(r.at), tz: zone }];
      });
    },
    async countLearnersSince(orgId, since) {
      // What XP counts (the learner days take the rule's verdict, plausibility.ts): days with a
      // counted lesson whose latest event is since then (the day bound only narrows the read).
      const ready = await db
        .selectFrom('aggregate_backfills')
        .select('done_at')
        .where('name', '=', 'learner_days')
        .executeTakeFirst();
      if (ready?.done_at !== null && ready?.done_at !== undefined) {
        const fromDay = new Date(since - 86_400_000).toISOString().slice(0, 10);
        const days = await db
          .selectFrom('learner_days as d')
          .innerJoin('users as u', 'u.id', 'd.user_id')
          .select((eb) => eb.fn.count<number>('d.user_id').distinct().as('n'))
          .where('u.org_id', '=', orgId)
          .where('u.active', '=', 1)
          .where('d.lessons', '>', 0)
          .where('d.day', '>=', fromDay)
          .where('d.last_at', '>=', since)
          .executeTakeFirstOrThrow();
        return Number(days.n);
      }
      const row = await db
        .selectFrom('events as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select((eb) => eb.fn.count<number>('e.user_id').distinct().as('n'))
        .where('u.org_id', '=', orgId)
        .where('u.active', '=', 1)
        .where('e.type', '=', 'lesson_completed')
        .where('e.corrected_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
