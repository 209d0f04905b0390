/**
 * A device that lies about its progress (issue 17, "Points, streaks and the pilot count only real
 * learning"), through the public door: the attacks the outside review made, each scripted as it
 * was made, earn (nearly) nothing, do not top the board, build no streak or badge, and are not
 * counted by the pilot's learner days — while the learner's events are kept (not refused).
 * Runs on SQLite and, in the `postgres` project, on PostgreSQL.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MeState } from '../../src/core/api';
import type { Catalog, LearningModule } from '../../src/core/content';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import { signInAs, syncBody } from '../support/api';
import { freshApi } from '../support/fresh';

const DAY = 86_400_000;
let now: number;
const { store, app } = freshApi({ now: () => now });
beforeEach(() => {
  now = Date.parse('2026-03-31T09:00:00Z');
});

type Client = Awaited<ReturnType<typeof signInAs>>;
const iso = (ms: number) => new Date(ms).toISOString();

/** Events of one device, numbered as its outbox would. */
function device(deviceId: string, firstSeq = 1) {
  let seq = firstSeq;
  const base = (at: number) => ({
    id: uuidv7(),
    occurredAt: iso(at),
    tz: 'UTC',
    deviceId,
    seq: seq++,
  });
  /** A quiz or review answer: the same fields, another type. */
  const answered =
    (type: 'quiz_answered' | 'review_answered') =>
    (lessonId: string, cardId: string, answerIds: string[], at: number): ProgressEvent => ({
      ...base(at),
      type,
      lessonId,
      cardId,
      answerIds,
    });
  return {
    deviceId,
    started: (lessonId: string, at: number): ProgressEvent => ({
      ...base(at),
      type: 'lesson_started',
      lessonId,
    }),
    completed: (lessonId: string, at: number, durationMs: number): ProgressEvent => ({
      ...base(at),
      type: 'lesson_completed',
      lessonId,
      durationMs,
    }),
    quiz: answered('quiz_answered'),
    review: answered('review_answered'),
  };
}

async function sync(client: Client, deviceId: string, events: ProgressEvent[]) {
  const res = await client.post('/api/v1/sync', syncBody(events, deviceId, iso(now)));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: Array<{ status: string }>; state: MeState };
  return body;
}

/** Every lesson the learner's catalog offers, with its module as `/modules/:id` sends it. */
async function everyLesson(client: Client) {
  const catalog = (await (await client.get('/api/v1/catalog')).json()) as Catalog;
  const modules = await Promise.all(
    catalog.modules.map(
      async (m) => (await (await client.get(`/api/v1/modules/${m.id}`)).json()) as LearningModule,
    ),
  );
  return modules.flatMap((m) => m.lessons);
}

/** The first lesson with a quiz card, and that card. */
async function firstQuizCard(client: Client) {
  const [lesson] = (await everyLesson(client)).filter((l) => l.cards.some((c) => 'options' in c));
  const card = lesson!.cards.find((c) => 'options' in c)! as {
    id: string;
    options: Array<{ id: string; correct: boolean }>;
  };
  return { lesson: lesson!, card };
}

async function board(client: Client) {
  const res = await client.get('/api/v1/cohorts/demo-co-pilot/leaderboard?period=all');
  return (await res.json()) as { entries: Array<{ displayName: string; xp: number }> };
}

/** A colleague who learned one lesson for real, at reading pace. */
async function honestColleague() {
  const leo = await signInAs(app, 'learner2@demo.test');
  const phone = device('device-leo-1');
  const [lesson] = await everyLesson(leo);
  await sync(leo, phone.deviceId, [
    phone.started(lesson!.id, now - 10 * 60_000),
    phone.completed(lesson!.id, now - 5 * 60_000, 5 * 60_000),
  ]);
  return leo;
}

describe('one sync of every lesson, finished at one instant (the 420 XP attack)', () => {
  it('earns nothing without starts, and is not counted by the pilot or at the top of the board', async () => {
    await honestColleague();
    const lena = await signInAs(app, 'learner@demo.test');
    const fake = device('device-fake-1');
    const lessons = await everyLesson(lena);
    expect(lessons.length).toBeGreaterThan(20);
    // Every lesson finished now, each claiming exactly a quarter of its estimate, with the
    // quiz answers copied from what `/modules/:id` sends (practice quizzes; assessments come
    // sealed, with no key to copy).
    const events = lessons.flatMap((l) => [
      ...l.cards.flatMap((card) =>
        'options' in card && card.options.some((o) => o.correct)
          ? [
              fake.quiz(
                l.id,
                card.id,
                card.options.filter((o) => o.correct).map((o) => o.id),
                now,
              ),
            ]
          : [],
      ),
      fake.completed(l.id, now, l.estimateMinutes * 60_000 * 0.25),
    ]);
    const { results, state } = await sync(lena, fake.deviceId, events);
    // Kept, not refused: the learner's record stays…
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(state.completedLessonIds.length).toBe(lessons.length);
    // …but none of it counts.
    expect(state.xp).toBe(0);
    expect(state.streak.current).toBe(0);
    const top = (await board(lena)).entries[0]!;
    expect(top.displayName).not.toMatch(/Lena/);
    const counts = await store.lessonCounts(['u-demo-learner'], '2026-03-01');
    expect(counts).toEqual([]);
    expect((await store.learnerTotals(['u-demo-learner']))[0]?.completed ?? []).toEqual([]);
    // The organisation goal counts the colleague who learned, not the fake.
    const admin = await signInAs(app, 'admin@demo.test');
    await admin.post('/api/v1/admin/goal', { label: 'People who learn weekly', targetPercent: 80 });
    const { goal } = (await (await admin.get('/api/v1/admin/programme')).json()) as {
      goal: { learnersThisWeek: number };
    };
    expect(goal.learnersThisWeek).toBe(1);
  });

  it('earns at most one lesson when each has a start but all run at the same time', async () => {
    await honestColleague();
    const lena = await signInAs(app, 'learner@demo.test');
    const fake = device('device-fake-2');
    const lessons = await everyLesson(lena);
    const events = lessons.flatMap((l) => {
      const quarter = l.estimateMinutes * 60_000 * 0.25;
      return [fake.started(l.id, now - quarter), fake.completed(l.id, now, quarter)];
    });
    const { state } = await sync(lena, fake.deviceId, events);
    expect(Object.keys(state.ledger.completions)).toHaveLength(1);
    expect(state.xp).toBeLessThanOrEqual(15);
    const top = (await board(lena)).entries[0]!;
    expect(top.displayName).not.toMatch(/Lena/);
    // The pilot's learner days count the same one lesson XP counts.
    const counts = await store.lessonCounts(['u-demo-learner'], '2026-03-01');
    expect(counts).toEqual([{ userId: 'u-demo-learner', day: '2026-03-31', lessons: 1 }]);
  });
});

describe('thirty back-dated review answers (the 31-day streak attack)', () => {
  it('build no streak, no freeze and no 30-day badge', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const phone = device('device-lena-1');
    const { lesson, card } = await firstQuizCard(lena);
    const wrong = [card.options.find((o) => !o.correct)!.id];
    // Yesterday the phone synced a real lesson, its quiz card missed (due for review today).
    now -= DAY;
    await sync(lena, phone.deviceId, [
      phone.started(lesson.id, now - 10 * 60_000),
      phone.quiz(lesson.id, card.id, wrong, now - 8 * 60_000),
      phone.completed(lesson.id, now - 5 * 60_000, 5 * 60_000),
    ]);
    now += DAY;
    // Today it sends thirty wrong answers dated one a day over the last thirty days.
    const backdated = Array.from({ length: 30 }, (_, i) =>
      phone.review(lesson.id, card.id, wrong, now - (30 - i) * DAY),
    );
    const { results, state } = await sync(lena, phone.deviceId, backdated);
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(state.streak).toEqual({ current: 1, longest: 1, freezes: 0 });
    const badges = (await (await lena.get('/api/v1/me/badges')).json()) as {
      badges: Array<{ id: string }>;
    };
    expect(badges.badges.map((b) => b.id).filter((id) => id.startsWith('streak'))).toEqual([]);
  });

  it('earn nothing from a device that never missed the card (nothing was due)', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const fresh = device('device-fresh-1');
    const { lesson, card } = await firstQuizCard(lena);
    const events = Array.from({ length: 30 }, (_, i) =>
      fresh.review(lesson.id, card.id, [card.options[0]!.id], now - (30 - i) * DAY),
    );
    const { state } = await sync(lena, fresh.deviceId, events);
    expect(state).toMatchObject({ xp: 0, streak: { current: 0, longest: 0, freezes: 0 } });
  });
});

describe('a device the server never heard from (the 30-day back-dating attack)', () => {
  /** One plausible lesson a day, each started `daysAgo(i)` and finished at its estimate. */
  async function dailyLessons(client: Client, phone: ReturnType<typeof device>, days: number[]) {
    const lessons = await everyLesson(client);
    return days.flatMap((at, i) => {
      const lesson = lessons[i % lessons.length]!;
      const ms = lesson.estimateMinutes * 60_000;
      return [phone.started(lesson.id, at), phone.completed(lesson.id, at + ms, ms)];
    });
  }

  it('builds no streak from thirty back-dated days of plausible lessons, which are kept', async () => {
    // Named at sign-in or not: the server first hears of the device now.
    const lena = await signInAs(app, 'learner@demo.test', undefined, 'device-new-9');
    const fresh = device('device-new-9');
    const days = Array.from({ length: 29 }, (_, i) => now - (29 - i) * DAY);
    const { results, state } = await sync(
      lena,
      fresh.deviceId,
      await dailyLessons(lena, fresh, days),
    );
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(state).toMatchObject({ xp: 0, streak: { current: 0, longest: 0, freezes: 0 } });
    expect(state.activeDays).toEqual([]);
    // Kept, with the reason the completion screen tells.
    expect(Object.values(state.ledger.flagged).map((f) => f.reason)).toContain('before_device');
    const fromNowhere = device('device-new-10');
    const second = await sync(
      lena,
      fromNowhere.deviceId,
      await dailyLessons(lena, fromNowhere, days),
    );
    expect(second.state.streak.longest).toBe(0);
  });

  it('counts the week a device learned offline after signing in online', async () => {
    const signedInAt = now - 7 * DAY;
    now = signedInAt;
    const lena = await signInAs(app, 'learner@demo.test', undefined, 'device-phone-9');
    const phone = device('device-phone-9');
    now = signedInAt + 7 * DAY;
    // Offline all week: one lesson a day, the first within minutes of signing in.
    const days = Array.from({ length: 7 }, (_, i) => signedInAt + i * DAY + 60_000);
    const { state } = await sync(lena, phone.deviceId, await dailyLessons(lena, phone, days));
    expect(state.streak).toMatchObject({ current: 7, longest: 7 });
    expect(state.ledger.flagged).toEqual({});
  });

  it('counts from the first state read of a device signed in at the company', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const tablet = device('device-tablet-9');
    const readAt = now - 3 * DAY;
    now = readAt;
    expect((await lena.get(`/api/v1/me/state?deviceId=${tablet.deviceId}`)).status).toBe(200);
    now = readAt + 3 * DAY;
    const days = [0, 1, 2].map((i) => readAt + i * DAY + 60_000);
    const { state } = await sync(lena, tablet.deviceId, await dailyLessons(lena, tablet, days));
    expect(state.streak).toMatchObject({ current: 3, longest: 3 });
  });
});

describe('a long history through sync', () => {
  it('keeps about a window of facts in the stored ledger, and the whole streak', async () => {
    const start = now;
    let lena = await signInAs(app, 'learner@demo.test', undefined, 'device-daily-9');
    const phone = device('device-daily-9');
    const [lesson] = await everyLesson(lena);
    const ms = lesson!.estimateMinutes * 60_000;
    let state: MeState | undefined;
    for (let day = 0; day < 45; day++) {
      now = start + day * DAY + 3_600_000;
      // Sessions last 30 days: the phone signs in again now and then.
      if (day % 20 === 19)
        lena = await signInAs(app, 'learner@demo.test', undefined, phone.deviceId);
      const at = now - ms - 60_000;
      ({ state } = await sync(lena, phone.deviceId, [
        phone.started(lesson!.id, at),
        phone.completed(lesson!.id, at + ms, ms),
      ]));
    }
    expect(state!.streak).toMatchObject({ current: 45, longest: 45 });
    const { user } = (await store.findLogin('learner@demo.test'))!;
    const stored = JSON.parse((await store.getLedger(user.id))!) as { trail: object };
    // Thirty days of acceptance window and a day of margin, two facts a day.
    expect(Object.keys(stored.trail).length).toBeLessThanOrEqual(2 * 32);
  });
});
