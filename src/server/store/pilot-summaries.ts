/**
 * Pilot summaries: a row per pilot and member with anything in its window, folded from their
 * learner days (src/core/pilot/summary.ts), so the pilot report reads one row per member.
 *
 * Kept with the learner days, in the same transaction: whenever a learner's days are written
 * (store/learner-days.ts), the summaries of the pilots of their organisation whose window the
 * written days touch are folded again from the learner's days of that window. A summary is made
 * with the content of the moment and names it (`pilotContentKey`); the report folds the days of
 * a member whose summary names other content.
 *
 * A pilot's summaries are filled by `backfillPilotSummaries` (a pilot made before they were
 * kept, or made on a database that already holds days): a few learners at a time under the
 * per-user lock ingest takes, so the server keeps serving. The report asks `pilotSummariesReady`.
 */
import type { LearnerDay } from '../../core/pilot/days';
import { pilotContentOf, type PilotContent } from '../../core/pilot/content';
import {
  encodeSummary,
  pilotContentKey,
  summarizeDays,
  windowDays,
  windowRange,
} from '../../core/pilot/summary';
import { backfillDone, runBackfill, type BackfillOptions } from './backfills';
import { catalogIn, signatureIn } from './content';
import type { Db, Tx } from './db';
import { dayOf } from './learner-day-rows';
import { lockUser } from './locks';
import { deleteAt } from './rows';

export interface StoredPilotSummary {
  userId: string;
  /** `pilotContentKey` of the content it was made with. */
  content: string;
  /** `encodeSummary` of the summary, read back with that content (`addStoredSummary`). */
  detail: string;
}

export interface PilotSummariesStore {
  /** The summaries of a pilot's members (those with nothing in its window have none). */
  pilotSummaries(pilotId: string): Promise<StoredPilotSummary[]>;
  /** True once the pilot's summaries are kept for everyone (its backfill has finished). */
  pilotSummariesReady(pilotId: string): Promise<boolean>;
  /**
   * Fills the summaries of every pilot whose backfill has not finished, `chunk` learners a
   * transaction; resumes where it (or another process) stopped. `restart` rebuilds them all.
   */
  backfillPilotSummaries(options?: BackfillOptions): Promise<void>;
}

interface PilotWindowRow {
  id: string;
  org_id: string;
  start_date: string;
  weeks: number;
}

const backfillName = (pilotId: string) => `pilot_summaries:${pilotId}`;

interface KeyedContent {
  signature: string;
  content: PilotContent;
  key: string;
}

/** The pilot content an organisation's summaries are made with, parsed once per content change. */
const contents = new Map<string, KeyedContent>();
/** The signature a transaction read, so a backfill's chunk reads it once. */
const signatures = new WeakMap<Tx, Promise<string>>();

async function pilotContentIn(tx: Tx, orgId: string): Promise<KeyedContent> {
  let read = signatures.get(tx);
  if (!read) signatures.set(tx, (read = signatureIn(tx)));
  const signature = await read;
  const cached = contents.get(orgId);
  if (cached?.signature === signature) return cached;
  const content = pilotContentOf(await catalogIn(tx, orgId));
  const fresh = { signature, content, key: pilotContentKey(content) };
  contents.set(orgId, fresh);
  return fresh;
}

/**
 * Folds the user's summaries of the given pilots (all of their organisation's without `only`)
 * again from their learner days. Must run inside the transaction that wrote the days, after
 * the per-user lock. `touched`: the days just written; pilots whose window they miss are skipped.
 */
export async function rebuildPilotSummaries(
  tx: Tx,
  userId: string,
  touched?: readonly string[],
  only?: string,
): Promise<void> {
  let pilots: PilotWindowRow[] = await tx
    .selectFrom('pilots as p')
    .innerJoin('users as u', 'u.org_id', 'p.org_id')
    .select(['p.id', 'p.start_date', 'p.weeks', 'p.org_id'])
    .where('u.id', '=', userId)
    .$if(only !== undefined, (q) => q.where('p.id', '=', only!))
    .execute();
  if (touched)
    pilots = pilots.filter((p) => {
      const { fromDay, toDay } = windowDays({ startDate: p.start_date, weeks: p.weeks });
      return touched.some((d) => d >= fromDay && d <= toDay);
    });
  if (pilots.length === 0) return;
  const { content, key } = await pilotContentIn(tx, pilots[0]!.org_id);
  const spans = pilots.map((p) => windowDays({ startDate: p.start_date, weeks: p.weeks }));
  const days: LearnerDay[] = (
    await tx
      .selectFrom('learner_days')
      .selectAll()
      .where('user_id', '=', userId)
      .where(
        'day',
        '>=',
        spans.reduce((a, s) => (s.fromDay < a ? s.fromDay : a), spans[0]!.fromDay),
      )
      .where(
        'day',
        '<=',
        spans.reduce((a, s) => (s.toDay > a ? s.toDay : a), spans[0]!.toDay),
      )
      .execute()
  ).map(dayOf);
  for (const [i, p] of pilots.entries()) {
    const window = { startDate: p.start_date, weeks: p.weeks };
    const { fromDay, toDay } = spans[i]!;
    const summary = summarizeDays(
      days.filter((d) => d.day >= fromDay && d.day <= toDay),
      window,
      content,
      windowRange(window),
    );
    if (!summary) {
      await deleteAt(tx, 'pilot_summaries', { pilot_id: p.id, user_id: userId });
      continue;
    }
    const row = { content: key, detail: encodeSummary(summary, content) };
    await tx
      .insertInto('pilot_summaries')
      .values({ pilot_id: p.id, user_id: userId, ...row })
      .onConflict((oc) => oc.columns(['pilot_id', 'user_id']).doUpdateSet(row))
      .execute();
  }
}

/** Marks a new pilot's summaries to be filled (its members may have days in its window already). */
export async function markPilotSummaries(q: Db | Tx, pilotId: string): Promise<void> {
  await q
    .insertInto('aggregate_backfills')
    .values({ name: backfillName(pilotId), after_user: '', done_at: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export function pilotSummariesStore(db: Db): PilotSummariesStore {
  return {
    async pilotSummaries(pilotId) {
      return db
        .selectFrom('pilot_summaries')
        .select(['user_id as userId', 'content', 'detail'])
        .where('pilot_id', '=', pilotId)
        .execute();
    },
    pilotSummariesReady: (pilotId) => backfillDone(db, backfillName(pilotId)),
    async backfillPilotSummaries(options = {}) {
      const pilots = await db.selectFrom('pilots').select('id').orderBy('id').execute();
      // Pilots brought in by an import have no mark yet: they are filled like new ones.
      for (const p of pilots) await markPilotSummaries(db, p.id);
      for (const p of pilots)
        await runBackfill(db, backfillName(p.id), options, async (tx, userIds) => {
          for (const id of userIds) {
            await lockUser(tx, id);
            await rebuildPilotSummaries(tx, id, undefined, p.id);
          }
        });
    },
  };
}
