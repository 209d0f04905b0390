import { useSignal, type Signal } from '@preact/signals';
import type { QuizCard } from '../../core/content';
import { gradeQuiz, isSealed } from '../../core/quiz';
import { t } from '../i18n';

/**
 * A quiz card. The grade shown here is a preview: the server grades the answer again at sync.
 * Feedback says right or wrong in words and an icon, never by colour alone. An assessment's card
 * comes sealed (no key): checking it only saves the answer, and the server grades the attempt.
 */
/** What is chosen, and the result once checked (null before). */
export interface QuizState {
  chosen: Signal<string[]>;
  checked: Signal<boolean | null>;
}

export function useQuizState(): QuizState {
  return { chosen: useSignal<string[]>([]), checked: useSignal<boolean | null>(null) };
}

/** The submit button of the quiz form `formId`, wherever it is placed. */
export function CheckAnswerButton({ formId, state }: { formId: string; state: QuizState }) {
  return (
    <button
      type="submit"
      form={formId}
      class="button primary"
      disabled={state.chosen.value.length === 0}
    >
      {t('quiz.check')}
    </button>
  );
}

export function QuizCardView({
  quiz,
  onAnswer,
  state: shared,
  checkInside = true,
}: {
  quiz: QuizCard;
  onAnswer: (answerIds: string[], correct: boolean) => Promise<void>;
  /** The state, when the parent shows the "Check answer" button itself (`checkInside` false). */
  state?: QuizState;
  checkInside?: boolean;
}) {
  const own = useQuizState();
  const { chosen, checked } = shared ?? own;
  const formId = `quiz-form-${quiz.id}`;
  const multiple = quiz.mode === 'multiple';
  const name = `quiz-${quiz.id}`;
  const sealed = isSealed(quiz);

  function toggle(id: string) {
    if (checked.value !== null) return;
    chosen.value = multiple
      ? chosen.value.includes(id)
        ? chosen.value.filter((c) => c !== id)
        : [...chosen.value, id]
      : [id];
  }

  async function check(event: SubmitEvent) {
    event.preventDefault();
    if (chosen.value.length === 0) return;
    // A sealed answer is "checked" only in that it is kept; it shows no right or wrong.
    const correct = !sealed && gradeQuiz(quiz, chosen.value);
    checked.value = sealed || correct;
    await onAnswer(chosen.value, correct);
  }

  return (
    <form class="quiz" id={formId} onSubmit={check}>
      <fieldset>
        <legend class="quiz-prompt">
          <span class="eyebrow">{t(multiple ? 'quiz.multiple' : 'quiz.single')}</span>
          <span class="prose" dangerouslySetInnerHTML={{ __html: quiz.promptHtml }} />
        </legend>
        <ul class="options">
          {quiz.options.map((option) => {
            const selected = chosen.value.includes(option.id);
            const showFeedback =
              !sealed && checked.value !== null && (selected || (checked.value && option.correct));
            return (
              <li
                key={option.id}
                class={showFeedback ? (option.correct ? 'option right' : 'option wrong') : 'option'}
              >
                <label>
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    name={name}
                    value={option.id}
                    checked={selected}
                    disabled={checked.value !== null}
                    onChange={() => toggle(option.id)}
                  />
                  <span dangerouslySetInnerHTML={{ __html: option.html }} />
                </label>
                {showFeedback && (
                  <div class="explanation">
                    <strong>{t(option.correct ? 'quiz.rightOption' : 'quiz.wrongOption')}</strong>
                    <span dangerouslySetInnerHTML={{ __html: option.explanationHtml ?? '' }} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div role="status" aria-live="polite" class="quiz-result">
        {checked.value !== null &&
          (sealed ? (
            <p class="result saved">{t('quiz.saved')}</p>
          ) : (
            <p class={checked.value ? 'result right' : 'result wrong'}>
              {t(checked.value ? 'quiz.correct' : 'quiz.incorrect')}
            </p>
          ))}
      </div>
      {checked.value === null
        ? checkInside && <CheckAnswerButton formId={formId} state={{ chosen, checked }} />
        : checked.value === false && (
            <button
              type="button"
              class="button"
              onClick={() => {
                checked.value = null;
                chosen.value = [];
              }}
            >
              {t('quiz.retry')}
            </button>
          )}
    </form>
  );
}
