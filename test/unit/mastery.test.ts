import { describe, expect, it } from 'vitest';
import type { LearningModule } from '../../src/core/content';
import { roadmapFor } from '../../src/core/career';
import type { ProgressEvent } from '../../src/core/events';
import {
  ASSESSMENT_PASS,
  competenciesReached,
  deriveMastery,
  emptyMastery,
  scoreAttempt,
  answerKeyOf,
} from '../../src/core/mastery';
import { fitInMinutes, minutesLeft, nextLesson } from '../../src/core/next-up';
import {
  dueForReview,
  sampledForReview,
  scheduleReview,
  type ReviewAnswer,
} from '../../src/core/review';

const quiz = (id: string, right: string) => ({
  id,
  kind: 'quiz' as const,
  mode: 'single' as const,
  promptHtml: '<p>?</p>',
  options: ['a', 'b'].map((o) => ({ id: o, html: o, correct: o === right, explanationHtml: '' })),
});

function moduleWith(id: string, competencies: string[]): LearningModule {
  return {
    id,
    title: id,
    summary: '',
    competencies,
    pathways: [],
    roles: [],
    estimateMinutes: 6,
    version: 'v1',
    lessons: [
      { id: `${id}.intro`, title: 'Intro', estimateMinutes: 3, cards: [quiz('c1', 'a')] },
      {
        id: `${id}.assessment`,
        title: 'Check',
        estimateMinutes: 3,
        cards: [
          quiz('q1', 'a'),
          quiz('q2', 'b'),
          quiz('q3', 'a'),
          quiz('q4', 'b'),
          quiz('q5', 'a'),
        ],
      },
    ],
  };
}

const feedback = moduleWith('feedback', ['giving-feedback']);
const oneOnOnes = moduleWith('one-on-ones', ['one-on-ones', 'giving-feedback']);
const content = {
  module: (id: string) => [feedback, oneOnOnes].find((m) => m.id === id),
  outlines: [feedback, oneOnOnes],
};

let n = 0;
function attempt(
  moduleId: string,
  answers: string[],
  at = '2026-03-02T09:00:00+01:00',
): ProgressEvent {
  n++;
  return {
    type: 'assessment_submitted',
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    lessonId: `${moduleId}.assessment`,
    answers: answers.map((a, i) => ({ cardId: `q${i + 1}`, answerIds: [a] })),
    occurredAt: at,
    tz: 'Europe/Berlin',
    deviceId: 'device-0001',
    seq: n,
  };
}

describe('assessments and competencies', () => {
  it('scores the first answer to each question; unanswered questions count as wrong', () => {
    const key = answerKeyOf(feedback)!;
    expect(
      scoreAttempt(key, [
        { cardId: 'q1', answerIds: ['a'] },
        { cardId: 'q1', answerIds: ['b'] },
      ]),
    ).toBe(0.2);
    expect(
      scoreAttempt(
        key,
        ['a', 'b', 'a', 'b', 'a'].map((a, i) => ({ cardId: `q${i + 1}`, answerIds: [a] })),
      ),
    ).toBe(1);
  });

  it(`passes at ${ASSESSMENT_PASS * 100}% and keeps the best attempt`, () => {
    const failed = attempt('feedback', ['a', 'b', 'a', 'a', 'b']); // 3 of 5
    const passed = attempt('feedback', ['a', 'b', 'a', 'b', 'b']); // 4 of 5
    const m = deriveMastery(emptyMastery, [passed, failed, passed], content);
    expect(m.assessments['feedback.assessment']).toEqual({ best: 0.8, passed: true, attempts: 2 });
  });

  it('reaches a competency only when every module that builds it is passed — never by lessons alone', () => {
    const completedOnly: ProgressEvent = {
      ...attempt('feedback', []),
      type: 'lesson_completed',
      lessonId: 'feedback.assessment',
      durationMs: 1,
    } as ProgressEvent;
    expect(deriveMastery(emptyMastery, [completedOnly], content).competencies).toEqual([]);
    const one = deriveMastery(
      emptyMastery,
      [attempt('feedback', ['a', 'b', 'a', 'b', 'a'])],
      content,
    );
    expect(one.competencies).toEqual([]); // giving-feedback is also built by one-on-ones
    const both = deriveMastery(one, [attempt('one-on-ones', ['a', 'b', 'a', 'b', 'a'])], content);
    expect(both.competencies).toEqual(['giving-feedback', 'one-on-ones']);
    expect(competenciesReached(content.outlines, {})).toEqual([]);
  });
});

describe('spaced review (Leitner boxes)', () => {
  const grade = (_l: string, card: string, ids: string[]) =>
    ids[0] === (card === 'wrongly' ? 'x' : 'a');
  let k = 0;
  const answer = (
    type: ReviewAnswer['type'],
    cardId: string,
    ids: string[],
    day: string,
  ): ReviewAnswer => ({
    id: `r${k++}`,
    type,
    lessonId: 'm.l',
    cardId,
    answerIds: ids,
    occurredAt: `${day}T10:00:00+01:00`,
    tz: 'Europe/Berlin',
  });

  it('brings a missed question back the next day and moves it up a box each time it is right', () => {
    let items = scheduleReview([], [answer('quiz_answered', 'c1', ['b'], '2026-03-01')], grade);
    expect(items).toEqual([{ lessonId: 'm.l', cardId: 'c1', box: 1, due: '2026-03-02' }]);
    expect(dueForReview(items, '2026-03-01')).toEqual([]);
    expect(dueForReview(items, '2026-03-02')).toHaveLength(1);
    items = scheduleReview(items, [answer('review_answered', 'c1', ['a'], '2026-03-02')], grade);
    expect(items[0]).toMatchObject({ box: 2, due: '2026-03-04' });
    items = scheduleReview(items, [answer('review_answered', 'c1', ['b'], '2026-03-04')], grade);
    expect(items[0]).toMatchObject({ box: 1, due: '2026-03-05' });
  });

  it('samples a third of right first answers, the same on every device', () => {
    const cards = Array.from({ length: 300 }, (_, i) => `card-${i}`);
    const sampled = cards.filter((c) => sampledForReview('m.l', c)).length;
    expect(sampled).toBeGreaterThan(70);
    expect(sampled).toBeLessThan(130);
    const items = scheduleReview(
      [],
      cards.map((c) => answer('quiz_answered', c, ['a'], '2026-03-01')),
      grade,
    );
    expect(items.map((i) => i.cardId).sort()).toEqual(
      cards.filter((c) => sampledForReview('m.l', c)).sort(),
    );
    expect(items.every((i) => i.box === 2)).toBe(true);
  });

  it('graduates an item answered right in the top box, and ignores retries in the lesson', () => {
    const answers = [
      answer('quiz_answered', 'c1', ['b'], '2026-03-01'),
      answer('quiz_answered', 'c1', ['a'], '2026-03-01'), // a retry in the lesson: not a first answer
      ...['03-02', '03-04', '03-08', '03-16', '04-01'].map((d) =>
        answer('review_answered', 'c1', ['a'], `2026-${d}`),
      ),
    ];
    expect(scheduleReview([], answers.slice(0, 2), grade)).toHaveLength(1);
    expect(scheduleReview([], answers, grade)).toEqual([]);
    expect(scheduleReview([], [...answers].reverse(), grade)).toEqual([]);
  });

  it('offers at most five questions a day, lowest box first', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({
      lessonId: 'm.l',
      cardId: `c${i}`,
      box: (i % 3) + 1,
      due: '2026-03-01',
    }));
    const today = dueForReview(items, '2026-03-05');
    expect(today).toHaveLength(5);
    expect(today.map((i) => i.box)).toEqual([1, 1, 1, 2, 2]);
  });
});

describe('next up and time-boxed picks', () => {
  const catalogModules = [feedback, oneOnOnes].map((m) => ({
    ...m,
    lessons: m.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      estimateMinutes: l.estimateMinutes,
    })),
  }));

  it('continues the module already begun', () => {
    const next = nextLesson(catalogModules, new Set(['one-on-ones.intro']));
    expect(next?.lesson.id).toBe('one-on-ones.assessment');
  });

  it('offers lessons that fit the minutes the learner has', () => {
    expect(fitInMinutes(catalogModules, new Set(), 5).map((p) => p.lesson.id)).toEqual([
      'feedback.intro',
    ]);
    expect(fitInMinutes(catalogModules, new Set(), 6).map((p) => p.lesson.id)).toEqual([
      'feedback.intro',
      'feedback.assessment',
    ]);
    expect(fitInMinutes(catalogModules, new Set(), 2)).toEqual([]);
    expect(minutesLeft(catalogModules, new Set(['feedback.intro']))).toBe(9);
  });
});

describe('the career roadmap', () => {
  const catalog = {
    competencies: [
      { id: 'giving-feedback', title: 'Feedback' },
      { id: 'one-on-ones', title: '1:1s' },
    ],
    roles: [
      {
        id: 'manager',
        title: 'Manager',
        levels: [
          { id: 'l1', title: 'Associate', competencies: ['one-on-ones'] },
          { id: 'l2', title: 'Senior', competencies: ['one-on-ones', 'giving-feedback'] },
        ],
      },
    ],
    pathways: [
      { id: 'p', title: 'Essentials', moduleIds: ['feedback', 'one-on-ones'], estimateMinutes: 12 },
    ],
    modules: [feedback, oneOnOnes].map((m) => ({
      ...m,
      lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, estimateMinutes: 3 })),
    })),
  };

  it('places the learner by competencies reached and names what the next level needs', () => {
    const start = roadmapFor(catalog, 'manager', new Set(), new Set())!;
    expect(start.currentLevel).toBe(-1);
    expect(start.nextUp).toEqual({ competencyId: 'one-on-ones', pathwayId: 'p' });
    expect(start.levels[0]!.competencies[0]!.pathways).toEqual([
      { id: 'p', title: 'Essentials', minutesLeft: 12 },
    ]);

    const associate = roadmapFor(
      catalog,
      'manager',
      new Set(['one-on-ones']),
      new Set(['feedback.intro']),
    )!;
    expect(associate.currentLevel).toBe(0);
    expect(associate.levels[1]!.competencies.map((c) => c.reached)).toEqual([true, false]);
    expect(associate.levels[1]!.competencies[1]!.pathways[0]!.minutesLeft).toBe(9);
    expect(roadmapFor(catalog, 'nobody', new Set(), new Set())).toBeUndefined();
  });
});
