/**
 * Time estimates, shown on every lesson, module and pathway.
 *
 * Reading at 200 words per minute on a phone, plus 15 s for each quiz question, plus the stated
 * length of any media. A lesson shows its seconds rounded up to whole minutes (an author may
 * override it); a module or pathway shows the sum of the minutes its lessons show, so the numbers
 * a learner sees always add up.
 */
export const WORDS_PER_MINUTE = 200;
export const SECONDS_PER_QUIZ_QUESTION = 15;
/** Lessons longer than this are flagged at import: microlearning fits a short gap. */
export const MAX_LESSON_MINUTES = 7;

export interface LessonSize {
  words: number;
  quizQuestions: number;
  mediaSeconds: number;
  /** The author's own estimate in minutes, which wins when given. */
  overrideMinutes?: number | undefined;
}

export function estimateLessonSeconds(size: LessonSize): number {
  if (size.overrideMinutes !== undefined) return size.overrideMinutes * 60;
  return (
    (size.words / WORDS_PER_MINUTE) * 60 +
    size.quizQuestions * SECONDS_PER_QUIZ_QUESTION +
    size.mediaSeconds
  );
}

/** Whole minutes shown for a lesson: rounded up, never zero. */
export function estimateLessonMinutes(size: LessonSize): number {
  return Math.max(1, Math.ceil(estimateLessonSeconds(size) / 60 - 1e-9));
}

/** Minutes for a module or pathway: the sum of the minutes its parts show. */
export function sumMinutes(parts: ReadonlyArray<{ estimateMinutes: number }>): number {
  return parts.reduce((total, part) => total + part.estimateMinutes, 0);
}

/** Counts words the way a reader meets them: runs of letters or digits. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}
