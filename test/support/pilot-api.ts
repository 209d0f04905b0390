/** Shared setup of the pilot-api-*.test.ts files (split from pilot-api.test.ts). */
import { afterEach, beforeEach, expect } from 'vitest';
import type { LearningModule } from '../../src/core/content';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import { createApp } from '../../src/server/app';
import { seedDemo } from '../../src/server/seed';
import type { Store } from '../../src/server/store/store';
import { signInAs, type App, type Client } from './api';
import type { StoreKind, TestDatabase } from './databases';
import { demoLearner, ingestAt } from './fresh';
import { createPilot } from './pilot';

export const NOW = Date.parse('2026-01-20T12:00:00Z');

export function mod(
  id: string,
  competencies: string[],
  lessons: Array<[string, number, boolean?]>,
): LearningModule {
  return {
    id,
    title: `Module ${id}`,
    summary: '',
    competencies,
    pathways: [],
    roles: [],
    estimateMinutes: lessons.reduce((s, [, m]) => s + m, 0),
    version: '1',
    lessons: lessons.map(([lid, minutes, quiz]) => ({
      id: `${id}.${lid}`,
      title: lid,
      estimateMinutes: minutes,
      cards: quiz
        ? [
            {
              id: 'q1',
              kind: 'quiz' as const,
              mode: 'single' as const,
              promptHtml: '<p>?</p>',
              options: [
                { id: 'right', html: 'R', correct: true, explanationHtml: '' },
                { id: 'wrong', html: 'W', correct: false, explanationHtml: '' },
              ],
            },
          ]
        : [{ id: 'c1', kind: 'text' as const, html: '<p>x</p>' }],
    })),
  };
}

export let seq = 0;
export function ev(
  type: 'lesson_completed' | 'assessment_submitted',
  lessonId: string,
  iso: string,
  answer = 'right',
): ProgressEvent {
  seq++;
  const base = {
    id: uuidv7(),
    occurredAt: iso,
    tz: 'Europe/Berlin',
    deviceId: 'device-pilot-api',
    seq,
  };
  return type === 'lesson_completed'
    ? { ...base, type, lessonId, durationMs: 60_000 }
    : { ...base, type, lessonId, answers: [{ cardId: 'q1', answerIds: [answer] }] };
}

export const put = (store: Store, userId: string, events: ProgressEvent[]) =>
  ingestAt(store, userId, events, NOW);

export let db: TestDatabase;
export let store: Store;
export let app: App;
export let admin: Client;

export const HR_CSV = [
  'email,hire_date,exit_date,internal_moves',
  'learner@demo.test,2022-03-01,,2026-01-15',
  'manager@demo.test,2019-01-01,2026-01-10,',
  'ann@demo.test,2021-01-01,,',
  'admin@demo.test,2018-01-01,,',
  'cal@demo.test,2020-06-01,2026-01-16,2025-01-01',
  'dee@demo.test,2023-01-01,2026-01-17,2026-01-12',
].join('\n');

export async function setUpPilot() {
  const res = await createPilot(admin, {
    name: 'Winter pilot',
    startDate: '2026-01-05',
    weeks: 2,
    goals: [{ metric: 'weeklyActivePct', op: '>=', target: 70 }],
  });
  const hr = await admin.post('/api/v1/pilot/hr', HR_CSV, { 'content-type': 'text/csv' });
  expect(hr.status).toBe(200);
  expect(await hr.json()).toEqual({ imported: 6 });
  return ((await res.json()) as { pilot: { id: string } }).pilot.id;
}

/** A fresh database of `kind` per test, seeded with the demo, two modules and the learners' events; the app and its admin on it. */
export function usePilotApi(kind: StoreKind): void {
  afterEach(async () => {
    await db?.dispose();
  });

  beforeEach(async () => {
    db = await kind.create();
    store = await db.open();
    await seedDemo(store);
    await store.saveContent(
      {
        competencies: [{ id: 'comp-a', title: 'A' }],
        roles: [],
        pathways: [
          { id: 'path-a', title: 'Path A', summary: '', moduleIds: ['alpha'] },
          { id: 'path-b', title: 'Path B', summary: '', moduleIds: ['beta'] },
        ],
      },
      [
        mod(
          'alpha',
          ['comp-a'],
          [
            ['one', 3],
            ['assessment', 2, true],
          ],
        ),
        mod('beta', [], [['one', 4]]),
      ],
    );
    const extra = (id: string, cohortIds: string[] = []) =>
      store.createUser(demoLearner(id, { cohortIds }));
    await extra('ann', ['demo-co-pilot']);
    await extra('cal');
    await extra('dee');
    // Pilot (every Demo Co member in demo-co-pilot, see seed.ts): manager, learner, manager2,
    // learner2 and ann — 5. Comparison (the rest of Demo Co, admins included): admin, cal, dee — 3.
    // Only learner, ann and cal complete lessons; the lesson ids are those of the catalog saved
    // above, and every durationMs (60 s) is at least a quarter of the lesson's estimate.
    await put(store, 'u-demo-learner', [
      ev('lesson_completed', 'alpha.one', '2026-01-05T08:00:00Z'), // day 0
      ev('assessment_submitted', 'alpha.assessment', '2026-01-07T08:00:00Z'), // passed: comp-a
      ev('lesson_completed', 'alpha.assessment', '2026-01-07T08:01:00Z'), // day 2
    ]);
    await put(store, 'ann', [
      ev('lesson_completed', 'beta.one', '2026-01-12T10:00:00Z'), // day 7
      ev('lesson_completed', 'beta.one', '2026-01-17T10:00:00Z'), // day 12 (replay)
      ev('lesson_completed', 'beta.one', '2026-01-18T10:00:00Z'), // day 13 (replay)
    ]);
    await put(store, 'cal', [
      ev('lesson_completed', 'alpha.one', '2026-01-06T10:00:00Z'), // day 1
      ev('assessment_submitted', 'alpha.assessment', '2026-01-06T11:00:00Z', 'wrong'), // failed
    ]);
    await put(store, 'u-globex-learner', [
      ev('lesson_completed', 'alpha.one', '2026-01-06T10:00:00Z'),
    ]);
    app = createApp({ store, now: () => NOW });
    admin = await signInAs(app, 'admin@demo.test');
  });
}
