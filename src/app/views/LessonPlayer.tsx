/**
 * The lesson player, a focused screen: a close button and the progress bar on top, one card at a
 * time, and the way on (Back, Check answer, Next, Finish) in a bar kept at the bottom of the
 * screen, so it is never below the fold however long the card. Buttons, arrow keys and swipes
 * move between cards (left swipe forward, right swipe back; `touch-action: pan-y` keeps
 * horizontal swipes from the browser's own back gesture); the card heading takes focus and the
 * position is announced. Every move is recorded with its resume point in one outbox
 * transaction, so a reload (or days offline) returns to the same card.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { LearningModule } from '../../core/content';
import { assessmentLessonId } from '../../core/mastery';
import { navigate, paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { QuizCardView, useQuizState } from './QuizCard';
import { Icon } from './Icon';
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
  const quiz = useQuizState();
  const assessment = lessonId === assessmentLessonId(moduleId);

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
    quiz.chosen.value = [];
    quiz.checked.value = null;
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
    if (assessment && answers.length > 0)
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
  const formId = `quiz-form-${card.id}`;
  // Check answer takes the main place while a quiz waits for its first answer, or once options
  // are chosen again after "Try again".
  const checking =
    card.kind === 'quiz' &&
    quiz.checked.value === null &&
    (!answered.value[card.id] || quiz.chosen.value.length > 0);
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
      <div class="player-top">
        <Link href={paths.module(moduleId)} class="icon-button" aria-label={t('player.close')}>
          <Icon name="close" />
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
      </div>
      <div class="player-body">
        <h1 class="lesson-heading" tabIndex={-1} ref={heading}>
          {lesson.title}
          <span class="visually-hidden">
            {t('player.headingCard', { n: safeIndex + 1, count: cardCount })}
          </span>
        </h1>
        <p class="muted player-meta" aria-hidden="true">
          {module.value!.title} · {t('player.cardOf', { n: safeIndex + 1, count: cardCount })} ·{' '}
          {minutes(lesson.estimateMinutes)}
        </p>
        <article class={`card lesson-card kind-${card.kind}`} key={card.id}>
          {card.kind === 'quiz' ? (
            <QuizCardView
              quiz={card}
              state={quiz}
              checkInside={false}
              onAnswer={async (answerIds) => {
                if (!firstAnswers.current[card.id])
                  firstAnswers.current = { ...firstAnswers.current, [card.id]: answerIds };
                // The way on opens with the result, not after the write: a learner who reads
                // "Correct" and presses → (or Next) at once must not find it still shut. The
                // answer's write was queued first, so it keeps its place before the next card's.
                answered.value = { ...answered.value, [card.id]: true };
                // An assessment's answers leave the device only as the submitted attempt: they
                // are graded on the server, never one by one.
                if (assessment) await store.progress.saveResume(resumeAt(safeIndex));
                else
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
        {quizBlocked && <p class="muted hint">{t('player.answerFirst')}</p>}
      </div>
      <nav class="player-nav" aria-label={t('player.nav')}>
        <button
          type="button"
          class="button"
          onClick={() => void go(safeIndex - 1)}
          disabled={safeIndex === 0}
        >
          {t('player.back')}
        </button>
        {/* One button for Check answer, Next and Finish: focus stays on it as its job changes. */}
        <button
          type={checking ? 'submit' : 'button'}
          form={checking ? formId : undefined}
          class="button primary"
          onClick={checking ? undefined : () => void (last ? finish() : go(safeIndex + 1))}
          disabled={checking ? quiz.chosen.value.length === 0 : quizBlocked}
        >
          {t(checking ? 'quiz.check' : last ? 'player.finish' : 'player.next')}
        </button>
      </nav>
    </section>
  );
}
