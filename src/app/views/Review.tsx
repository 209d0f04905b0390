import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { QuizCard } from '../../core/content';
import { moduleIdOf } from '../../core/mastery';
import { t } from '../i18n';
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
        <h1>{t('review.title')}</h1>
        <p class="lead">{t(position.value > 0 ? 'review.done' : 'review.nothing')}</p>
        <Link href={paths.home()} class="button primary">
          {t('done.home')}
        </Link>
      </section>
    );

  const next = () => {
    answered.value = false;
    position.value++;
  };
  return (
    <section class="page">
      <h1>{t('review.title')}</h1>
      <p class="muted">{t('review.position', { n: position.value + 1, count: items.length })}</p>
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
          <p>{t('review.missing')}</p>
        )}
      </article>
      <nav class="player-nav" aria-label={t('review.nav')}>
        <Link href={paths.home()} class="button">
          {t('review.stop')}
        </Link>
        <button
          type="button"
          class="button primary"
          onClick={next}
          disabled={Boolean(card) && !answered.value}
        >
          {t(position.value + 1 === items.length ? 'review.finish' : 'review.next')}
        </button>
      </nav>
    </section>
  );
}
