import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { clientFor, lessonEvent, signInAs, syncBody, type App } from '../support/api';
import { apiTestStore, disposeApiTestStores, reimportModule } from '../support/server';
import type { Store } from '../../src/server/store/store';
import type { LearningModule } from '../../src/core/content';
import { answerKeyOf } from '../../src/core/mastery';
import { contentSnapshot } from '../../src/server/content-snapshot';

let store: Store;
let app: App;
const LESSON = 'giving-feedback.specific-feedback';

beforeEach(async () => {
  store = await apiTestStore(); // SQLite, or PostgreSQL in the vitest project "postgres"
  app = createApp({ store });
  const catalog = await store.getCatalog();
  expect(catalog.modules[0]!.lessons.length).toBeGreaterThanOrEqual(3);
});
afterEach(disposeApiTestStores);

describe('health', () => {
  it('answers ok when the store answers', async () => {
    const res = await clientFor(app).get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('sign-in', () => {
  it('signs in with the right password and sets a safe session cookie', async () => {
    const res = await clientFor(app).post('/api/v1/auth/login', {
      email: 'Learner@Demo.test',
      password: 'learn-daily',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({
      email: 'learner@demo.test',
      role: 'learner',
      orgId: 'demo-co',
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a wrong password with 401 and no cookie', async () => {
    const res = await clientFor(app).post('/api/v1/auth/login', {
      email: 'learner@demo.test',
      password: 'nope',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({
      error: {
        code: 'bad_credentials',
        message: 'That email and password do not match.',
        key: 'error.badCredentials',
      },
    });
  });

  it('sets Secure on the cookie outside localhost', async () => {
    const res = await app.request('https://learn.example.com/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'learner@demo.test', password: 'learn-daily' }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('slows rapid bad sign-ins: after five failures from one address, 429 with Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await clientFor(app).post('/api/v1/auth/login', {
            email: 'learner@demo.test',
            password: `bad-${i}`,
          })
        ).status,
      );
    // Five free failures; the sixth is checked and sets a wait; the rest are refused unchecked.
    expect(statuses).toEqual([...Array(6).fill(401), ...Array(5).fill(429)]);
  });

  it('ends the session on logout', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    expect((await learner.get('/api/v1/me')).status).toBe(200);
    expect((await learner.post('/api/v1/auth/logout', {})).status).toBe(200);
    expect((await learner.get('/api/v1/me')).status).toBe(401);
  });

  it('asks for sign-in on every private route', async () => {
    for (const path of [
      '/api/v1/me',
      '/api/v1/catalog',
      `/api/v1/modules/giving-feedback`,
      '/api/v1/me/state',
    ]) {
      const res = await clientFor(app).get(path);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
  });
});

describe('content', () => {
  it('serves the catalog with minutes on every module and lesson', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const catalog = await (await learner.get('/api/v1/catalog')).json();
    const feedback = catalog.modules.find((m: { id: string }) => m.id === 'giving-feedback');
    expect(feedback.title).toBe('Giving feedback that lands');
    expect(feedback.estimateMinutes).toBe(
      feedback.lessons.reduce(
        (n: number, l: { estimateMinutes: number }) => n + l.estimateMinutes,
        0,
      ),
    );
    for (const l of feedback.lessons) expect(l.estimateMinutes).toBeGreaterThan(0);
  });

  it('serves a whole module, and 404 in the error shape for an unknown one', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const module = await (await learner.get('/api/v1/modules/giving-feedback')).json();
    expect(module.lessons[0].cards.length).toBeGreaterThan(1);
    const missing = await learner.get('/api/v1/modules/nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
  it('names what changed: a new catalog ETag and module version after a content re-import', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const before = await learner.get('/api/v1/catalog');
    const catalog = await before.json();
    const feedback = catalog.modules.find((m: { id: string }) => m.id === 'giving-feedback');
    const module = await (await learner.get('/api/v1/modules/giving-feedback?v=x')).json();
    expect(feedback.downloadBytes).toBe(Buffer.byteLength(JSON.stringify(module)));
    expect(feedback.imageCount).toBe(0);

    const version = await reimportModule(store, 'giving-feedback', (md) =>
      md.replace('Feedback', 'Useful feedback'),
    );
    const after = await learner.get('/api/v1/catalog');
    expect(after.headers.get('etag')).toMatch(/^".+"$/);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const updated = (await after.json()).modules.find(
      (m: { id: string }) => m.id === 'giving-feedback',
    );
    expect(updated.version).toBe(version);
    expect(updated.version).not.toBe(feedback.version);
    const fresh = await learner.get(`/api/v1/modules/giving-feedback?v=${feedback.version}`);
    expect(fresh.headers.get('etag')).toBe(`"${version}"`);
  });
});

describe('sync', () => {
  it('accepts an event, answers duplicate for the same event again, and rejects a conflicting one', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const event = lessonEvent('lesson_completed', LESSON);
    const first = await (await learner.post('/api/v1/sync', syncBody([event]))).json();
    expect(first.results).toEqual([{ id: event.id, status: 'accepted' }]);
    expect(first.state.completedLessonIds).toEqual([LESSON]);

    const again = await (await learner.post('/api/v1/sync', syncBody([event]))).json();
    expect(again.results).toEqual([{ id: event.id, status: 'duplicate' }]);

    const changed = { ...event, durationMs: 1 };
    const conflict = await (await learner.post('/api/v1/sync', syncBody([changed]))).json();
    expect(conflict.results).toEqual([
      {
        id: event.id,
        status: 'rejected',
        reason: 'conflict',
        phrase: {
          key: 'error.event.idTaken',
          text: 'This event id was already stored with other content.',
        },
        message: 'This event id was already stored with other content.',
      },
    ]);
    expect(
      (await store.userEvents('u-demo-learner')).map((e) => 'durationMs' in e && e.durationMs),
    ).toEqual([200_000]);
  });

  it('reports the state from GET /me/state', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    await learner.post(
      '/api/v1/sync',
      syncBody([lessonEvent('lesson_started', LESSON), lessonEvent('lesson_completed', LESSON)]),
    );
    const state = await (await learner.get('/api/v1/me/state')).json();
    expect(state).toMatchObject({
      xp: 10,
      completedLessonIds: [LESSON],
      streak: { current: 1, longest: 1, freezes: 0 },
    });
  });

  it('rejects one malformed event and still stores the rest of the batch', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const good = lessonEvent('lesson_completed', LESSON);
    const bad = { ...lessonEvent('lesson_completed', LESSON), durationMs: 'fast' };
    const res = await (await learner.post('/api/v1/sync', syncBody([bad, good]))).json();
    expect(res.results).toEqual([
      {
        id: bad.id,
        status: 'rejected',
        reason: 'invalid',
        phrase: {
          key: 'error.field.wrongType',
          params: { field: 'durationMs' },
          text: 'durationMs: this has the wrong type.',
        },
        message: 'durationMs: this has the wrong type.',
      },
      { id: good.id, status: 'accepted' },
    ]);
  });

  it('rejects events too old or from the future, after correcting the device clock', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const now = Date.now();
    const old = lessonEvent(
      'lesson_started',
      LESSON,
      new Date(now - 40 * 86_400_000).toISOString(),
    );
    const future = lessonEvent('lesson_started', LESSON, new Date(now + 3600_000).toISOString());
    const res = await (await learner.post('/api/v1/sync', syncBody([old, future]))).json();
    expect(res.results.map((r: { reason: string }) => r.reason)).toEqual(['too_old', 'in_future']);

    // A device whose clock runs three days fast: its events are shifted back and accepted.
    const skewed = lessonEvent(
      'lesson_completed',
      LESSON,
      new Date(now + 3 * 86_400_000).toISOString(),
    );
    const sentAt = new Date(now + 3 * 86_400_000).toISOString();
    const ok = await (
      await learner.post('/api/v1/sync', syncBody([skewed], 'device-test-1', sentAt))
    ).json();
    expect(ok.results).toEqual([{ id: skewed.id, status: 'accepted' }]);
    const [stored] = await store.userEvents('u-demo-learner');
    expect(Math.abs(Date.parse(stored!.occurredAt) - now)).toBeLessThan(60_000);
  });

  it.each([
    ['not JSON', '{"deviceId":', 'invalid_json'],
    [
      'no events',
      { deviceId: 'device-test-1', sentAt: new Date().toISOString() },
      'invalid_request',
    ],
    [
      'events not a list',
      { deviceId: 'device-test-1', sentAt: new Date().toISOString(), events: 'x' },
      'invalid_request',
    ],
    [
      'a bad sentAt',
      { deviceId: 'device-test-1', sentAt: 'yesterday', events: [] },
      'invalid_request',
    ],
    [
      'too many events',
      syncBody(Array.from({ length: 501 }, (_, i) => ({ id: `e${i}` }))),
      'invalid_request',
    ],
    ['an event without an id', syncBody([{ type: 'lesson_started' }]), 'invalid_request'],
    ['an event that is not an object', syncBody(['e1']), 'invalid_request'],
    ['an event with a numeric id', syncBody([{ id: 7 }]), 'invalid_request'],
  ])('answers 400 for %s', async (_name, body, code) => {
    const learner = await signInAs(app, 'learner@demo.test');
    const res = await learner.post('/api/v1/sync', body);
    expect(res.status).toBe(400);
    // The design's shape, with the phrase the app words in the reader's locale.
    expect(await res.json()).toEqual({
      error: {
        code,
        message: expect.any(String),
        key: expect.stringMatching(/^error\./),
        ...(code === 'invalid_request'
          ? { params: expect.objectContaining({ field: expect.any(String) }) }
          : {}),
      },
    });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const res = await learner.post(
      '/api/v1/sync',
      syncBody([{ id: 'x', pad: 'a'.repeat(1024 * 1024) }]),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('refuses a state-changing request from another origin', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const res = await learner.post('/api/v1/sync', syncBody([]), {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
  });
});

describe('mastery', () => {
  it('grades an assessment on the server and reaches its competency only when passed', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const module = (await store.getModule('delegating-with-clarity'))!;
    const assessment = module.lessons.find((l) => l.id === 'delegating-with-clarity.assessment')!;
    const quizzes = assessment.cards.flatMap((c) => (c.kind === 'quiz' ? [c] : []));
    const attempt = (pick: (o: { correct?: boolean }) => boolean) => ({
      ...lessonEvent('lesson_started', assessment.id),
      type: 'assessment_submitted',
      answers: quizzes.map((q) => ({
        cardId: q.id,
        answerIds: q.options.filter(pick).map((o) => o.id),
      })),
    });
    const wrong = await (
      await learner.post('/api/v1/sync', syncBody([attempt((o) => !o.correct)]))
    ).json();
    expect(wrong.state.mastery.assessments[assessment.id]).toMatchObject({
      best: 0,
      passed: false,
    });
    expect(wrong.state.mastery.competencies).toEqual([]);

    const right = await (
      await learner.post('/api/v1/sync', syncBody([attempt((o) => o.correct === true)]))
    ).json();
    expect(right.state.mastery.assessments[assessment.id]).toEqual({
      best: 1,
      passed: true,
      attempts: 2,
    });
    expect(right.state.mastery.competencies).toContain('delegation');
  });

  it('schedules a missed quiz question for review the next day', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const module = (await store.getModule('giving-feedback'))!;
    const lesson = module.lessons.find((l) => l.cards.some((c) => c.kind === 'quiz'))!;
    const quiz = lesson.cards.find((c) => c.kind === 'quiz')!;
    const wrongId = quiz.kind === 'quiz' ? quiz.options.find((o) => !o.correct)!.id : '';
    const answer = {
      ...lessonEvent('lesson_started', lesson.id),
      type: 'quiz_answered',
      cardId: quiz.id,
      answerIds: [wrongId],
    };
    const res = await (await learner.post('/api/v1/sync', syncBody([answer]))).json();
    expect(res.state.mastery.review).toEqual([
      { lessonId: lesson.id, cardId: quiz.id, box: 1, due: expect.any(String) },
    ]);
  });
});

describe('assessment keys stay on the server', () => {
  const ASSESSMENT = 'delegating-with-clarity.assessment';

  it('serves every assessment without its key or explanations, and practice quizzes with theirs', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const catalog = await (await learner.get('/api/v1/catalog')).json();
    let sealed = 0;
    let practice = 0;
    for (const outline of catalog.modules as Array<{ id: string; version: string }>) {
      // The download path asks for a version (`?v=`); it gets the very same sealed module.
      for (const path of [
        `/api/v1/modules/${outline.id}`,
        `/api/v1/modules/${outline.id}?v=${outline.version}`,
      ]) {
        const module = (await (await learner.get(path)).json()) as LearningModule;
        for (const lesson of module.lessons)
          for (const card of lesson.cards) {
            if (card.kind !== 'quiz') continue;
            if (lesson.id === `${module.id}.assessment`) {
              sealed++;
              for (const option of card.options)
                expect(Object.keys(option).sort()).toEqual(['html', 'id']);
            } else {
              practice++;
              expect(card.options.some((o) => o.correct === true)).toBe(true);
            }
          }
      }
    }
    expect(sealed).toBeGreaterThan(0);
    expect(practice).toBeGreaterThan(0);
    // The server's own snapshot keeps the key to grade with, but XP facts (what a quiz answer
    // earns) know no assessment question, so no answer probes the key through XP.
    const snapshot = await contentSnapshot(store, 'demo-co');
    expect(snapshot.lessons(ASSESSMENT)!.quiz).toEqual({});
    expect(answerKeyOf(snapshot.module('delegating-with-clarity')!)!.quizzes.size).toBeGreaterThan(
      0,
    );
  });

  it('makes copying answers from the device impossible, and grades real answers with feedback', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const served = (await (
      await learner.get('/api/v1/modules/delegating-with-clarity')
    ).json()) as LearningModule;
    const quizzes = served.lessons
      .find((l) => l.id === ASSESSMENT)!
      .cards.flatMap((c) => (c.kind === 'quiz' ? [c] : []));
    // The review's script: pick the options the device was told are correct. There are none.
    const copied = quizzes.map((q) => q.options.filter((o) => o.correct).map((o) => o.id));
    expect(copied.flat()).toEqual([]);
    // Probing the key one question at a time through quiz answers earns nothing and schedules
    // nothing, so the sync reply tells nothing about which option was right.
    const probes = quizzes.flatMap((q) =>
      q.options.map((o) => ({
        ...lessonEvent('lesson_started', ASSESSMENT),
        type: 'quiz_answered',
        cardId: q.id,
        answerIds: [o.id],
      })),
    );
    const before = (await (await learner.get('/api/v1/me/state')).json()).xp;
    const reply = await (await learner.post('/api/v1/sync', syncBody(probes))).json();
    expect(reply.state.mastery.review).toEqual([]);
    expect(reply.state.mastery.assessments).toEqual({});
    expect(reply.state.xp).toBe(before);

    // Answers a learner who knows the material gives (the key, read on the server side here).
    const key = answerKeyOf((await store.getModule('delegating-with-clarity'))!)!;
    const [firstId, firstQuiz] = [...key.quizzes][0]!;
    const wrongOption = firstQuiz.options.find((o) => !o.correct)!;
    const attempt = (wrongFirst: boolean) => ({
      ...lessonEvent('lesson_started', ASSESSMENT),
      type: 'assessment_submitted',
      answers: [...key.quizzes].map(([cardId, q]) => ({
        cardId,
        answerIds:
          wrongFirst && cardId === firstId
            ? [wrongOption.id]
            : q.options.filter((o) => o.correct).map((o) => o.id),
      })),
    });
    const passing = attempt(false);
    const later = attempt(true);
    await learner.post('/api/v1/sync', syncBody([passing, later]));
    const res = await learner.get(`/api/v1/me/assessments/${ASSESSMENT}`);
    expect(res.status).toBe(200);
    const feedback = await res.json();
    const n = key.quizzes.size;
    expect(feedback.result).toEqual({ attempts: 2, best: 1, passed: true });
    expect(feedback.latest).toMatchObject({ id: later.id, score: (n - 1) / n, passed: false });
    expect(feedback.latest.questions).toHaveLength(n);
    // A wrong answer is explained, without naming the right option.
    expect(feedback.latest.questions[0]).toEqual({
      cardId: firstId,
      right: false,
      chosen: [{ id: wrongOption.id, explanationHtml: wrongOption.explanationHtml }],
    });
    expect(feedback.latest.questions.slice(1).every((q: { right: boolean }) => q.right)).toBe(true);
    expect(JSON.stringify(feedback)).not.toContain('"correct"');
  });

  it('answers 404 before an attempt has reached the server, and for lessons that are not assessments', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const none = await learner.get(`/api/v1/me/assessments/${ASSESSMENT}`);
    expect(none.status).toBe(404);
    expect((await none.json()).error.key).toBe('error.noAttempt');
    const practice = await learner.get(
      '/api/v1/me/assessments/delegating-with-clarity.what-to-delegate',
    );
    expect(practice.status).toBe(404);
  });
});

describe('organisations are isolated', () => {
  it("never shows one organisation's progress to another", async () => {
    const demo = await signInAs(app, 'learner@demo.test');
    const globex = await signInAs(app, 'learner@globex.test');
    const event = lessonEvent('lesson_completed', LESSON);
    await demo.post('/api/v1/sync', syncBody([event]));

    // Globex cannot read it, and cannot claim the same event id as its own.
    expect((await (await globex.get('/api/v1/me/state')).json()).completedLessonIds).toEqual([]);
    const stolen = await (await globex.post('/api/v1/sync', syncBody([event]))).json();
    expect(stolen.results[0]).toMatchObject({ status: 'rejected', reason: 'conflict' });
    expect((await (await globex.get('/api/v1/me')).json()).user.orgId).toBe('globex');
  });
});

describe('security headers', () => {
  it('sends a strict CSP and friends on every response', async () => {
    const res = await clientFor(app).get('/api/v1/health');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
