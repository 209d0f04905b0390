/**
 * Mastery: what a learner can show they know, as opposed to what they clicked.
 *
 * - A module's assessment is its lesson with the id `<module>.assessment`. An attempt is one
 *   `assessment_submitted` event carrying the first answer to each question; it passes when the
 *   share of right answers reaches ASSESSMENT_PASS. Grading uses the content's answer key, so the
 *   server's grade is authoritative. Devices never hold an assessment's key: `sealAssessment`
 *   strips it (and the explanations) from what is served, so the device records answers and the
 *   server grades them, returning per-question feedback (`attemptFeedback`) once submitted.
 *   Practice quizzes in other lessons keep their keys: they earn no mastery, only the bounded
 *   first-answer XP bonus.
 * - A competency is reached when every module that builds it and has an assessment is passed.
 *   Opening or completing lessons never reaches a competency on its own.
 * - Spaced review uses Leitner boxes (see review.ts).
 *
 * All results depend only on the set of events: attempts are independent, so order and
 * duplicates do not matter.
 */
import type { LearningModule, QuizCard } from './content';
import { gradeQuiz, isSealed } from './quiz';
import type { ProgressEvent } from './events';
import { scheduleReview, type Grader, type ReviewAnswer, type ReviewItem } from './review';

export const ASSESSMENT_PASS = 0.8;

export interface AnswerKey {
  moduleId: string;
  lessonId: string;
  competencies: string[];
  quizzes: Map<string, QuizCard>;
}

export function assessmentLessonId(moduleId: string): string {
  return `${moduleId}.assessment`;
}

/** Whether a lesson is its module's assessment (graded on the server only). */
export function isAssessmentLesson(lessonId: string): boolean {
  return lessonId === assessmentLessonId(moduleIdOf(lessonId));
}

/**
 * A module as devices receive it: the assessment's quiz options without `correct` and
 * `explanationHtml`. Every path that hands content to a device (the module route, and through
 * it downloads and the service worker's cache) serves this, never the stored module.
 */
export function sealAssessment(module: LearningModule): LearningModule {
  const lessonId = assessmentLessonId(module.id);
  return {
    ...module,
    lessons: module.lessons.map((lesson) =>
      lesson.id !== lessonId
        ? lesson
        : {
            ...lesson,
            cards: lesson.cards.map((card) =>
              card.kind !== 'quiz'
                ? card
                : { ...card, options: card.options.map(({ id, html }) => ({ id, html })) },
            ),
          },
    ),
  };
}

/** The answer key of a module's assessment, or undefined when it has none (or it is sealed). */
export function answerKeyOf(module: LearningModule): AnswerKey | undefined {
  const lesson = module.lessons.find((l) => l.id === assessmentLessonId(module.id));
  if (!lesson) return undefined;
  const quizzes = new Map<string, QuizCard>();
  for (const card of lesson.cards)
    if (card.kind === 'quiz' && !isSealed(card)) quizzes.set(card.id, card);
  if (quizzes.size === 0) return undefined;
  return { moduleId: module.id, lessonId: lesson.id, competencies: module.competencies, quizzes };
}

/** Share of the assessment's questions answered right; unanswered questions count as wrong. */
export function scoreAttempt(
  key: AnswerKey,
  answers: ReadonlyArray<{ cardId: string; answerIds: string[] }>,
): number {
  const first = new Map<string, string[]>();
  for (const a of answers) if (!first.has(a.cardId)) first.set(a.cardId, a.answerIds);
  let right = 0;
  for (const [cardId, quiz] of key.quizzes) if (gradeQuiz(quiz, first.get(cardId) ?? [])) right++;
  return right / key.quizzes.size;
}

/** How one question of a submitted attempt went, as the server tells the learner. */
export interface QuestionFeedback {
  cardId: string;
  right: boolean;
  /** The options the learner chose, each with its explanation. A wrong answer does not name the
   * right option, so the next attempt still shows what the learner knows. */
  chosen: Array<{ id: string; explanationHtml: string }>;
}

/**
 * Per-question feedback on one attempt, graded against the key (questions in the lesson's order;
 * an unanswered question is wrong with nothing chosen).
 */
export function attemptFeedback(
  key: AnswerKey,
  answers: ReadonlyArray<{ cardId: string; answerIds: string[] }>,
): QuestionFeedback[] {
  const first = new Map<string, string[]>();
  for (const a of answers) if (!first.has(a.cardId)) first.set(a.cardId, a.answerIds);
  return [...key.quizzes].map(([cardId, quiz]) => {
    const ids = first.get(cardId) ?? [];
    return {
      cardId,
      right: gradeQuiz(quiz, ids),
      chosen: quiz.options
        .filter((o) => ids.includes(o.id))
        .map((o) => ({ id: o.id, explanationHtml: o.explanationHtml ?? '' })),
    };
  });
}

export interface AssessmentResult {
  /** Best score over all attempts, 0..1. */
  best: number;
  passed: boolean;
  attempts: number;
}

type Attempt = {
  lessonId: string;
  answers: Array<{ cardId: string; answerIds: string[] }>;
  id: string;
};

/** Best result per assessment lesson over a set of attempts (duplicates by id counted once). */
export function assessmentResults(
  attempts: Iterable<Attempt>,
  keys: ReadonlyMap<string, AnswerKey>,
): Record<string, AssessmentResult> {
  const seen = new Set<string>();
  const results: Record<string, AssessmentResult> = {};
  for (const attempt of attempts) {
    if (seen.has(attempt.id)) continue;
    seen.add(attempt.id);
    const key = keys.get(attempt.lessonId);
    if (!key) continue;
    const score = scoreAttempt(key, attempt.answers);
    const prior = results[attempt.lessonId];
    const best = Math.max(prior?.best ?? 0, score);
    results[attempt.lessonId] = {
      best,
      passed: best >= ASSESSMENT_PASS - 1e-9,
      attempts: (prior?.attempts ?? 0) + 1,
    };
  }
  return results;
}

/** The part of a catalog module that mastery needs. */
export interface ModuleOutline {
  id: string;
  competencies: string[];
  lessons: ReadonlyArray<{ id: string }>;
}

/**
 * Competencies reached: those built by at least one module with an assessment, where every such
 * module's assessment is passed.
 */
export function competenciesReached(
  modules: readonly ModuleOutline[],
  results: Readonly<Record<string, AssessmentResult>>,
): string[] {
  const needed = new Map<string, boolean>();
  for (const m of modules) {
    const lessonId = assessmentLessonId(m.id);
    if (!m.lessons.some((l) => l.id === lessonId)) continue;
    for (const c of m.competencies)
      needed.set(c, (needed.get(c) ?? true) && results[lessonId]?.passed === true);
  }
  return [...needed]
    .filter(([, ok]) => ok)
    .map(([c]) => c)
    .sort();
}

export interface MasteryState {
  assessments: Record<string, AssessmentResult>;
  competencies: string[];
  review: ReviewItem[];
}

export const emptyMastery: MasteryState = { assessments: {}, competencies: [], review: [] };

/** The content mastery needs: full modules for grading, outlines for competencies. */
export interface MasteryContent {
  module(id: string): LearningModule | undefined;
  outlines: readonly ModuleOutline[];
}

export function moduleIdOf(lessonId: string): string {
  const dot = lessonId.indexOf('.');
  return dot < 0 ? lessonId : lessonId.slice(0, dot);
}

export function graderFor(content: MasteryContent): Grader {
  return (lessonId, cardId, answerIds) => {
    // An assessment's questions are graded only as a submitted attempt: reviewing them would
    // tell a device, one answer at a time, what the key is.
    if (isAssessmentLesson(lessonId)) return undefined;
    const card = content
      .module(moduleIdOf(lessonId))
      ?.lessons.find((l) => l.id === lessonId)
      ?.cards.find((c) => c.id === cardId);
    return card?.kind === 'quiz' ? gradeQuiz(card, answerIds) : undefined;
  };
}

/** Adds events to a mastery state (the server's snapshot on the device, or nothing on the server). */
export function deriveMastery(
  base: MasteryState,
  events: Iterable<ProgressEvent>,
  content: MasteryContent,
): MasteryState {
  const attempts: Attempt[] = [];
  const answers: ReviewAnswer[] = [];
  for (const e of events) {
    if (e.type === 'assessment_submitted') attempts.push(e);
    else if (e.type === 'quiz_answered' || e.type === 'review_answered') answers.push(e);
  }
  const keys = new Map<string, AnswerKey>();
  for (const a of attempts) {
    const module = content.module(moduleIdOf(a.lessonId));
    const key = module && answerKeyOf(module);
    if (key) keys.set(key.lessonId, key);
  }
  const fresh = assessmentResults(attempts, keys);
  const assessments = { ...base.assessments };
  for (const [lessonId, r] of Object.entries(fresh)) {
    const prior = assessments[lessonId];
    const best = Math.max(prior?.best ?? 0, r.best);
    assessments[lessonId] = {
      best,
      passed: best >= ASSESSMENT_PASS - 1e-9,
      attempts: (prior?.attempts ?? 0) + r.attempts,
    };
  }
  return {
    assessments,
    competencies: competenciesReached(content.outlines, assessments),
    review: scheduleReview(base.review, answers, graderFor(content)),
  };
}
