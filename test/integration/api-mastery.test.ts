import { describe, expect, it } from 'vitest';
import { lessonEvent, signInAs, syncBody } from '../support/api';
import type { LearningModule } from '../../src/core/content';
import { answerKeyOf } from '../../src/core/mastery';
import { contentSnapshot } from '../../src/server/content-snapshot';
import { store, app, useApiApp } from '../support/api-app';

useApiApp();

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
