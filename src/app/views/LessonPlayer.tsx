/**
 * The lesson player: one card at a time with a progress bar; buttons, arrow keys and swipes move
 * between cards; the card heading takes focus and the position is announced. Every move is
 * recorded with its resume point in one outbox transaction, so a reload (or days offline)
 * returns to the same card.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { LearningModule } from '../../core/content';
import { assessmentLessonId } from '../../core/mastery';
import { navigate, paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { QuizCardView } from './QuizCard';
import { t } from '../i18n';
import { minutes } from '../format';

export function LessonPlayer({ moduleId, lessonId }: { moduleId: string; lessonId: string }) {
  const store = useStore();
  const module = useSignal<LearningModule | null>(null);
  const error = useSignal<string | null>(null);
  const index = useSignal(0);
  const answered = useSignal<Record<string, boolean>>({});
  /** First answer per quiz card in this attempt; kept in the resume point so a reload keeps it. */
  const firstAnswers = useRef<Record<string, string[]>>({});
  const startedAt = useRef(Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  const touchX = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const loaded = await store.content.loadModule(moduleId);
        if (cancelled) return;
        if (!loaded.lessons.some((l) => l.id === lessonId)) throw new Error('missing lesson');
        const resume = await store.progress.resumePoint(lessonId);
        index.value = resume?.cardIndex ?? 0;
        firstAnswers.current = resume?.answers ?? {};
        answered.value = Object.fromEntries(
          Object.keys(firstAnswers.current).map((id) => [id, true]),
        );
        module.value = loaded;
        startedAt.current = Date.now();
        await store.progress.record({ type: 'lesson_started', lessonId });
      } catch {
        if (!cancelled) error.value = t('player.unavailable');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [moduleId, lessonId]);

  const lesson = module.value?.lessons.find((l) => l.id === lessonId);
  const cardCount = lesson?.cards.length ?? 0;
  const safeIndex = Math.min(index.value, Math.max(0, cardCount - 1));
  const card = lesson?.cards[safeIndex];
  const quizBlocked = card?.kind === 'quiz' && !answered.value[card.id];

  // The new card's heading takes focus in the same frame the card appears (a layout effect, not
  // after paint), so no key pressed in between lands on the card before.
  useLayoutEffect(() => {
    heading.current?.focus();
  }, [safeIndex, lesson?.id]);

  async function go(to: number) {
    if (!lesson || to < 0 || to >= cardCount) return;
    index.value = to;
    await store.progress.record(
      { type: 'card_viewed', lessonId, cardId: lesson.cards[to]!.id },
      resumeAt(to),
    );
  }

  /** The resume point to write with an event: the card, and the attempt's first answers. */
  function resumeAt(cardIndex: number, answers = firstAnswers.current) {
    const key = store.progress.resumeKey(lessonId);
    return { key, cardIndex, updatedAt: new Date().toISOString(), answers };
  }

  async function finish() {
    const answers = Object.entries(firstAnswers.current).map(([cardId, answerIds]) => ({
      cardId,
      answerIds,
    }));
    if (lessonId === assessmentLessonId(moduleId) && answers.length > 0)
      await store.progress.record({ type: 'assessment_submitted', lessonId, answers });
    await store.progress.record(
      {
        type: 'lesson_completed',
        lessonId,
        durationMs: Math.max(0, Date.now() - startedAt.current),
      },
      resumeAt(0, {}),
    );
    navigate(paths.done(moduleId, lessonId), true);
  }

  function onKey(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT') return;
    if (event.key === 'ArrowRight' && !quizBlocked) void go(safeIndex + 1);
    if (event.key === 'ArrowLeft') void go(safeIndex - 1);
  }

  if (error.value)
    return (
      <section class="page">
        <p class="notice" role="alert">
          {error.value}
        </p>
        <Link href={paths.module(moduleId)}>{t('player.backToModule')}</Link>
      </section>
    );
  if (!lesson || !card) return <p class="page muted">{t('player.opening')}</p>;

  const last = safeIndex === cardCount - 1;
  return (
    <section
      class="page player"
      onKeyDown={onKey}
      onTouchStart={(e) => (touchX.current = e.touches[0]?.clientX ?? null)}
      onTouchEnd={(e) => {
        const start = touchX.current;
        const end = e.changedTouches[0]?.clientX;
        if (start === null || end === undefined) return;
        if (start - end > 60 && !quizBlocked) void go(safeIndex + 1);
        if (end - start > 60) void go(safeIndex - 1);
      }}
    >
      <Link href={paths.module(moduleId)} class="back">
        ← {module.value!.title}
      </Link>
      <div
        class="progress"
        role="progressbar"
        aria-label={t('player.progress')}
        aria-valuemin={1}
        aria-valuemax={cardCount}
        aria-valuenow={safeIndex + 1}
        aria-valuetext={t('player.cardOf', { n: safeIndex + 1, count: cardCount })}
      >
        <div class="progress-fill" style={{ width: `${((safeIndex + 1) / cardCount) * 100}%` }} />
      </div>
      <h1 class="lesson-heading" tabIndex={-1} ref={heading}>
        {lesson.title}
        <span class="visually-hidden">
          {t('player.headingCard', { n: safeIndex + 1, count: cardCount })}
        </span>
      </h1>
      <p class="muted" aria-hidden="true">
        {t('player.cardOf', { n: safeIndex + 1, count: cardCount })} ·{' '}
        {minutes(lesson.estimateMinutes)}
      </p>
      <article class={`card lesson-card kind-${card.kind}`} key={card.id}>
        {card.kind === 'quiz' ? (
          <QuizCardView
            quiz={card}
            onAnswer={async (answerIds) => {
              if (!firstAnswers.current[card.id])
                firstAnswers.current = { ...firstAnswers.current, [card.id]: answerIds };
              // The way on opens with the result, not after the write: a learner who reads
              // "Correct" and presses → (or Next) at once must not find it still shut. The
              // answer's write was queued first, so it keeps its place before the next card's.
              answered.value = { ...answered.value, [card.id]: true };
              await store.progress.record(
                { type: 'quiz_answered', lessonId, cardId: card.id, answerIds },
                resumeAt(safeIndex),
              );
            }}
          />
        ) : (
          <>
            {card.kind === 'takeaway' && <p class="eyebrow">{t('player.takeaway')}</p>}
            {card.kind === 'callout' && <p class="eyebrow">{t('player.note')}</p>}
            <div class="prose" dangerouslySetInnerHTML={{ __html: card.html }} />
          </>
        )}
      </article>
      <nav class="player-nav" aria-label={t('player.nav')}>
        <button
          type="button"
          class="button"
          onClick={() => void go(safeIndex - 1)}
          disabled={safeIndex === 0}
        >
          {t('player.back')}
        </button>
        {last ? (
          <button
            type="button"
            class="button primary"
            onClick={() => void finish()}
            disabled={quizBlocked}
          >
            {t('player.finish')}
          </button>
        ) : (
          <button
            type="button"
            class="button primary"
            onClick={() => void go(safeIndex + 1)}
            disabled={quizBlocked}
          >
            {t('player.next')}
          </button>
        )}
      </nav>
      {quizBlocked && <p class="muted hint">{t('player.answerFirst')}</p>}
    </section>
  );
}
