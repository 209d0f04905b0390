import { useSignal } from '@preact/signals';
import type { QuizCard } from '../../core/content';
import { gradeQuiz } from '../../core/quiz';
import { t } from '../i18n';

/**
 * A quiz card. The grade shown here is a preview: the server grades the answer again at sync.
 * Feedback says right or wrong in words and an icon, never by colour alone.
 */
export function QuizCardView({
  quiz,
  onAnswer,
}: {
  quiz: QuizCard;
  onAnswer: (answerIds: string[], correct: boolean) => Promise<void>;
}) {
  const chosen = useSignal<string[]>([]);
  const checked = useSignal<boolean | null>(null);
  const multiple = quiz.mode === 'multiple';
  const name = `quiz-${quiz.id}`;

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
    const correct = gradeQuiz(quiz, chosen.value);
    checked.value = correct;
    await onAnswer(chosen.value, correct);
  }

  return (
    <form class="quiz" onSubmit={check}>
      <fieldset>
        <legend class="quiz-prompt">
          <span class="eyebrow">{t(multiple ? 'quiz.multiple' : 'quiz.single')}</span>
          <span class="prose" dangerouslySetInnerHTML={{ __html: quiz.promptHtml }} />
        </legend>
        <ul class="options">
          {quiz.options.map((option) => {
            const selected = chosen.value.includes(option.id);
            const showFeedback =
              checked.value !== null && (selected || (checked.value && option.correct));
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
                    <span dangerouslySetInnerHTML={{ __html: option.explanationHtml }} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div role="status" aria-live="polite" class="quiz-result">
        {checked.value === true && <p class="result right">{t('quiz.correct')}</p>}
        {checked.value === false && <p class="result wrong">{t('quiz.incorrect')}</p>}
      </div>
      {checked.value === null ? (
        <button type="submit" class="button primary" disabled={chosen.value.length === 0}>
          {t('quiz.check')}
        </button>
      ) : (
        checked.value === false && (
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
        )
      )}
    </form>
  );
}
