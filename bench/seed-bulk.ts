/**
 * A large pilot, seeded fast: the events of bench/pilot-data.ts, then the aggregates the report
 * reads (learner days and totals, and the pilot's summaries) written straight in bulk, a page of
 * learners at a time, folded by the same functions ingest uses (src/core/pilot/days.ts,
 * summary.ts) instead of a backfill's transaction per chunk of learners. bench/seed-check.ts
 * checks on a small pilot that the rows equal what the backfills write.
 *
 * With BENCH_DB=path the database is written there and kept; a later run with the same path (and
 * the same LEARNERS and EVENTS) opens it instead of seeding again.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../src/core/calendar';
import type { ProgressEvent } from '../src/core/events';
import { ASSESSMENT_PASS, answerKeyOf, moduleIdOf, scoreAttempt } from '../src/core/mastery';
import {
  encodeSummary,
  foldDays,
  pilotContentKey,
  pilotContentOf,
  summarizeDays,
  windowDays,
  windowRange,
  type DayEvent,
} from '../src/core/pilot';
import { loadContentDir } from '../src/server/content/load';
import { detailOf } from '../src/server/store/learner-day-rows';
import { openStore } from '../src/server/store/store';
import { benchPilot, pilotData, START, WEEKS, type PilotData } from './pilot-data';

const PAGE = 500;

/** Writes learner days, totals and the bench pilot's summaries for every learner in `file`. */
export async function writeAggregates(file: string): Promise<void> {
  const content = loadContentDir(join(import.meta.dirname, '..', 'content'));
  const keys = new Map(
    content.modules.flatMap((m) => {
      const key = answerKeyOf(m);
      return key ? [[key.lessonId, key] as const] : [];
    }),
  );
  const store = await openStore({ dialect: 'sqlite', file });
  const pilot = benchPilot();
  if (!(await store.listPilots(pilot.orgId)).some((p) => p.id === pilot.id))
    await store.createPilot(pilot);
  const pilotContent = pilotContentOf(await store.getCatalog(pilot.orgId));
  await store.close();
  const contentKey = pilotContentKey(pilotContent);
  const range = windowRange(pilot);
  const span = windowDays(pilot);

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const users = (db.prepare('SELECT id FROM users ORDER BY id').all() as Array<{ id: string }>).map(
    (u) => u.id,
  );
  const insertDay = db.prepare(
    'INSERT OR REPLACE INTO learner_days (user_id, day, lessons, last_at, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const insertTotals = db.prepare(
    'INSERT OR REPLACE INTO learner_totals (user_id, last_at, completed) VALUES (?, ?, ?)',
  );
  const insertSummary = db.prepare(
    'INSERT OR REPLACE INTO pilot_summaries (pilot_id, user_id, content, detail) VALUES (?, ?, ?, ?)',
  );
  for (let i = 0; i < users.length; i += PAGE) {
    const page = users.slice(i, i + PAGE);
    const rows = db
      .prepare(
        `SELECT user_id, corrected_at, body FROM events WHERE user_id IN (${page.map(() => '?').join(',')})`,
      )
      .all(...page) as Array<{ user_id: string; corrected_at: number; body: string }>;
    const byUser = new Map<string, DayEvent[]>();
    for (const r of rows) {
      const e = JSON.parse(r.body) as ProgressEvent;
      const key = e.type === 'assessment_submitted' ? keys.get(e.lessonId) : undefined;
      const passed =
        key && e.type === 'assessment_submitted'
          ? scoreAttempt(key, e.answers) >= ASSESSMENT_PASS - 1e-9
          : false;
      const list = byUser.get(r.user_id) ?? [];
      list.push({
        type: e.type,
        lessonId: 'lessonId' in e ? e.lessonId : undefined,
        tz: e.tz,
        at: r.corrected_at,
        passed: passed ? moduleIdOf((e as { lessonId: string }).lessonId) : undefined,
      });
      byUser.set(r.user_id, list);
    }
    db.transaction(() => {
      for (const [userId, events] of byUser) {
        const days = foldDays(events);
        let lastAt = -Infinity;
        const completed = new Set<string>();
        for (const d of days) {
          insertDay.run(userId, d.day, d.lessons, d.lastAt, detailOf(d));
          lastAt = Math.max(lastAt, d.lastAt);
          for (const l of Object.keys(d.completions)) completed.add(l);
        }
        insertTotals.run(userId, lastAt, JSON.stringify([...completed].sort()));
        const summary = summarizeDays(
          days.filter((d) => d.day >= span.fromDay && d.day <= span.toDay),
          pilot,
          pilotContent,
          range,
        );
        if (summary)
          insertSummary.run(pilot.id, userId, contentKey, encodeSummary(summary, pilotContent));
      }
    })();
  }
  db.prepare(`UPDATE aggregate_backfills SET done_at = ? WHERE name IN ('learner_days', ?)`).run(
    Date.now(),
    `pilot_summaries:${pilot.id}`,
  );
  db.close();
}

/** The bench pilot with its aggregates, seeded (or, with BENCH_DB, reopened). */
export async function seedBulk(q: {
  LEARNERS: number;
  EVENTS: number;
  MANAGER_ACTIONS: number;
}): Promise<PilotData & { seeded: boolean; aggregatesMs: number }> {
  const file = process.env.BENCH_DB;
  if (file && existsSync(file)) {
    const store = await openStore({ dialect: 'sqlite', file });
    return {
      store,
      file,
      pilot: benchPilot(),
      now: Date.parse(`${addDays(START, WEEKS * 7 + 1)}T12:00:00Z`),
      generateMs: 0,
      databaseMb: () => 0,
      dispose: () => store.close(),
      seeded: false,
      aggregatesMs: 0,
    };
  }
  const data = await pilotData({ ...q, ...(file ? { file } : {}) });
  const t = performance.now();
  await writeAggregates(data.file);
  return { ...data, seeded: true, aggregatesMs: performance.now() - t };
}
