import type { QuizCard } from './content';

/** Grades a quiz answer: right when exactly the correct options were chosen. */
export function gradeQuiz(quiz: QuizCard, answerIds: readonly string[]): boolean {
  const chosen = new Set(answerIds);
  return chosen.size > 0 && quiz.options.every((o) => o.correct === chosen.has(o.id));
}
