/**
 * The pilot benches' data: LEARNERS members of one organisation (a fifth in the pilot cohort),
 * EVENTS lesson completions and assessment attempts spread over a 12-week window, HR rows and
 * MANAGER_ACTIONS manager actions, written straight into a temp SQLite file in batched
 * transactions (far faster than syncing them). Used by bench/pilot.ts and bench/scale.ts.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/core/calendar';
import { loadContentDir } from '../src/server/content/load';
import { openStore, type Pilot, type Store } from '../src/server/store/store';
import { seededRandom } from './random';

const PILOT_SHARE = 0.2;
export const START = '2026-01-05';
export const WEEKS = 12;
const BATCH = 50_000;

export interface PilotData {
  store: Store;
  /** The SQLite file. */
  file: string;
  pilot: Pilot;
  /** A moment just after the window. */
  now: number;
  generateMs: number;
  databaseMb(): number;
  dispose(): Promise<void>;
}

/** The bench's pilot (bench-pilot-1), on its 12-week window. */
export function benchPilot(): Pilot {
  return {
    id: 'bench-pilot-1',
    orgId: 'bench',
    name: 'Bench pilot',
    startDate: START,
    weeks: WEEKS,
    cohortIds: ['bench-pilot'],
    goals: [{ metric: 'weeklyActivePct' as const, op: '>=' as const, target: 70 }],
    createdAt: Date.parse(`${START}T00:00:00Z`),
    checklist: {},
  };
}

export async function pilotData({
  LEARNERS,
  EVENTS,
  MANAGER_ACTIONS,
  file: kept,
}: {
  LEARNERS: number;
  EVENTS: number;
  MANAGER_ACTIONS: number;
  /** Write here and keep it (default: a temp file, removed by `dispose`). */
  file?: string;
}): Promise<PilotData> {
  const dir = kept ? undefined : mkdtempSync(join(tmpdir(), 'kindling-bench-pilot-'));
  const file = kept ?? join(dir!, 'bench.db');
  const store = await openStore({ dialect: 'sqlite', file });
  const content = loadContentDir(join(import.meta.dirname, '..', 'content'));
  await store.saveContent(content.catalog, content.modules);
  const lessons = content.modules.flatMap((m) => m.lessons.map((l) => l.id));
  const assessments = lessons.filter((l) => l.endsWith('.assessment'));

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');

  const random = seededRandom(42);

  const t0 = performance.now();
  db.prepare('INSERT INTO orgs (id, name) VALUES (?, ?)').run('bench', 'Bench Co');
  db.prepare('INSERT INTO cohorts (id, org_id, name, tz) VALUES (?, ?, ?, ?)').run(
    'bench-pilot',
    'bench',
    'Pilot',
    'Europe/Berlin',
  );
  const insertUser = db.prepare(
    `INSERT INTO users (id, org_id, email, name, role, manager_id, tz, password_hash) VALUES (?, 'bench', ?, ?, 'learner', NULL, 'Europe/Berlin', 'x')`,
  );
  const insertMember = db.prepare(
    `INSERT INTO cohort_members (cohort_id, user_id) VALUES ('bench-pilot', ?)`,
  );
  db.transaction(() => {
    for (let u = 0; u < LEARNERS; u++) {
      insertUser.run(`u${u}`, `u${u}@bench.test`, `Learner ${u}`);
      if (u < LEARNERS * PILOT_SHARE) insertMember.run(`u${u}`);
    }
  })();
  const hr = [];
  for (let u = 0; u < LEARNERS; u++)
    hr.push({
      email: `u${u}@bench.test`,
      hireDate: '2020-01-01',
      exitDate: random() < 0.05 ? addDays(START, Math.floor(random() * 84)) : null,
      moves: random() < 0.03 ? [addDays(START, Math.floor(random() * 84))] : [],
    });
  await store.saveHrRecords('bench', hr);

  const insertEvent = db.prepare(
    `INSERT INTO events (id, user_id, device_id, seq, type, occurred_at, corrected_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const startMs = Date.parse(`${START}T00:00:00Z`);
  const spanMs = WEEKS * 7 * 86_400_000;
  for (let from = 0; from < EVENTS; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(EVENTS, from + BATCH); i++) {
        const at = startMs + Math.floor((i / EVENTS) * spanMs);
        const user = `u${Math.floor(random() * LEARNERS)}`;
        const assessment = random() < 0.05;
        const lessonId = assessment
          ? assessments[Math.floor(random() * assessments.length)]!
          : lessons[Math.floor(random() * lessons.length)]!;
        const occurredAt = new Date(at).toISOString();
        const id = `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
        const body = assessment
          ? {
              id,
              type: 'assessment_submitted',
              lessonId,
              answers: [{ cardId: 'q1', answerIds: ['a'] }],
              occurredAt,
              tz: 'Europe/Berlin',
              deviceId: `d-${user}`,
              seq: i,
            }
          : {
              id,
              type: 'lesson_completed',
              lessonId,
              durationMs: 180_000,
              occurredAt,
              tz: 'Europe/Berlin',
              deviceId: `d-${user}`,
              seq: i,
            };
        insertEvent.run(
          id,
          user,
          `d-${user}`,
          i,
          body.type,
          occurredAt,
          at,
          at,
          JSON.stringify(body),
        );
      }
    })();
  }
  const insertNotification = db.prepare(
    `INSERT INTO notifications (id, org_id, user_id, from_user_id, kind, text, created_at) VALUES (?, 'bench', ?, ?, ?, 'x', ?)`,
  );
  const insertOpen = db.prepare(
    `INSERT OR IGNORE INTO one_on_one_opens (manager_id, report_id, day, org_id, opened_at) VALUES (?, ?, ?, 'bench', ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < MANAGER_ACTIONS; i++) {
      const at = startMs + Math.floor(random() * spanMs);
      const manager = `u${Math.floor(random() * (LEARNERS / 20)) * 20}`;
      const report = `u${Math.floor(random() * LEARNERS)}`;
      const kind = (['assignment', 'nudge', 'script'] as const)[i % 3]!;
      if (kind === 'script')
        insertOpen.run(manager, report, new Date(at).toISOString().slice(0, 10), at);
      else insertNotification.run(`n${i}`, report, manager, kind, at);
    }
  })();
  db.close();
  const generateMs = performance.now() - t0;
  const pilot = benchPilot();
  return {
    store,
    file,
    pilot,
    now: Date.parse(`${addDays(START, WEEKS * 7 + 1)}T12:00:00Z`),
    generateMs,
    databaseMb: () => Math.round(statSync(file).size / 1e6),
    async dispose() {
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
