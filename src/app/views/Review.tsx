import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { QuizCard } from '../../core/content';
import { moduleIdOf } from '../../core/mastery';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { QuizCardView } from './QuizCard';

/**
 * The daily review: questions due today from the Leitner boxes, one at a time. Works offline with
 * the modules stored on the device; answers are recorded like any progress.
 */
export function Review() {
  const store = useStore();
  const due = store.mastery.dueToday.value;
  const position = useSignal(0);
  const answered = useSignal(false);
  // Freeze the session's questions when it starts, so answering does not reshuffle them.
  const session = useSignal(due);
  if (session.value.length === 0 && position.value === 0 && due.length > 0) session.value = due;
  const items = session.value;
  const item = items[position.value];
  const moduleId = item && moduleIdOf(item.lessonId);
  const card = item
    ? store.content.modules.value
        .get(moduleId!)
        ?.lessons.find((l) => l.id === item.lessonId)
        ?.cards.find((c): c is QuizCard => c.id === item.cardId && c.kind === 'quiz')
    : undefined;
  // A question from a module this device has not opened yet: fetch the module while online.
  const unavailable = useSignal<string | null>(null);
  const missing = Boolean(item) && !card && !store.content.modules.value.has(moduleId!);
  useEffect(() => {
    if (!missing || unavailable.value === moduleId) return;
    store.content.loadModule(moduleId!).catch(() => {
      unavailable.value = moduleId!;
    });
  }, [missing, moduleId]);

  if (!item)
    return (
      <section class="page">
        <h1>Daily review</h1>
        <p class="lead">
          {position.value > 0
            ? 'Review done — well remembered.'
            : 'Nothing to review today. Come back tomorrow.'}
        </p>
        <Link href={paths.home()} class="button primary">
          Back to home
        </Link>
      </section>
    );

  const next = () => {
    answered.value = false;
    position.value++;
  };
  return (
    <section class="page">
      <h1>Daily review</h1>
      <p class="muted">
        Question {position.value + 1} of {items.length}
      </p>
      <article class="card lesson-card">
        {card ? (
          <QuizCardView
            key={`${item.lessonId}#${item.cardId}`}
            quiz={card}
            onAnswer={async (answerIds) => {
              await store.progress.record({
                type: 'review_answered',
                lessonId: item.lessonId,
                cardId: item.cardId,
                answerIds,
              });
              answered.value = true;
            }}
          />
        ) : missing && unavailable.value !== moduleId ? (
          <p aria-busy="true">Loading the question…</p>
        ) : (
          <p>This question's lesson is not on this device yet.</p>
        )}
      </article>
      <nav class="player-nav" aria-label="Review navigation">
        <Link href={paths.home()} class="button">
          Stop for now
        </Link>
        <button
          type="button"
          class="button primary"
          onClick={next}
          disabled={Boolean(card) && !answered.value}
        >
          {position.value + 1 === items.length ? 'Finish review' : 'Next question'}
        </button>
      </nav>
    </section>
  );
}
