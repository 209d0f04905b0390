/**
 * Grading a quiz answer, the one rule the device (the card's result, XP preview, mastery preview)
 * and the server (XP, mastery) share:
 * - right only when the chosen ids are exactly the correct options (order and repeats do not
 *   matter);
 * - an id the card does not have makes the answer wrong (it cannot be one of the correct ones);
 * - an empty answer is wrong, and a card with no correct option can never be answered right.
 */
/** What grading reads of a quiz card: its options and which are correct. */
interface Gradable {
  options: ReadonlyArray<{ id: string; correct?: boolean }>;
}

/** The ids of a quiz card's correct options: its answer key. */
export const quizKey = (quiz: Gradable): string[] =>
  quiz.options.filter((o) => o.correct).map((o) => o.id);

/**
 * Grades chosen option ids against an answer key.
 *
 * @example
 * gradeAnswer(['b', 'c'], ['c', 'b']) // true
 * gradeAnswer(['b'], ['b', 'x'])      // false: x is not an option
 */
export function gradeAnswer(key: readonly string[], answerIds: readonly string[]): boolean {
  const correct = new Set(key);
  const chosen = new Set(answerIds);
  if (correct.size === 0 || chosen.size !== correct.size) return false;
  for (const id of chosen) if (!correct.has(id)) return false;
  return true;
}

/** Whether a card came without its key (an assessment's card on a device): only the server grades it. */
export const isSealed = (quiz: Gradable): boolean =>
  quiz.options.every((o) => o.correct === undefined);

/** Grades an answer to a quiz card (see `gradeAnswer`). */
export function gradeQuiz(quiz: Gradable, answerIds: readonly string[]): boolean {
  return gradeAnswer(quizKey(quiz), answerIds);
}
