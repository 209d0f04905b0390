/**
 * What this lesson earned, item by item (+10 XP, +2 quiz bonus, day 4 of the streak), read off the
 * same ledger as the totals (core `lessonOutcome`). A completion too fast to count, or kept but
 * not counted for another reason (src/core/plausibility.ts), says so plainly and kindly, with what
 * does count. The list pops in with CSS only, and not at all under
 * prefers-reduced-motion (lesson.css).
 */
import { lessonOutcome, PLAUSIBLE_FRACTION } from '../../core/progress';
import { minutes } from '../format';
import { t } from '../i18n';
import { useStore } from '../store';

export function LessonEarned({
  lessonId,
  estimateMinutes,
}: {
  lessonId: string;
  estimateMinutes: number | undefined;
}) {
  const { state, lastCompletion } = useStore().progress;
  const s = state.value;
  const last = lastCompletion.value;
  const outcome = lessonOutcome(
    s.ledger,
    lessonId,
    last?.lessonId === lessonId ? last.id : undefined,
  );
  if (outcome.kind === 'too_fast')
    return notCounted(
      t('done.tooFastTitle'),
      t('done.tooFast', {
        minutes: minutes(Math.max(1, Math.ceil((estimateMinutes ?? 1) * PLAUSIBLE_FRACTION))),
      }),
    );
  if (outcome.kind === 'not_counted')
    return notCounted(t('done.notCountedTitle'), t(`done.notCounted.${outcome.reason}`));
  if (outcome.kind === 'replay') return <p class="lead">{t('done.replay')}</p>;
  if (outcome.kind !== 'earned') return null;
  const goalMetToday = s.todayCount >= s.goal && s.streak.current > 0;
  return (
    <ul class="earned" aria-label={t('done.earnedLabel')}>
      <li>{t('done.earnedLesson', { xp: outcome.lessonXp })}</li>
      {outcome.quizBonus > 0 && <li>{t('done.earnedQuiz', { xp: outcome.quizBonus })}</li>}
      {goalMetToday && <li>{t('done.streakDay', { count: s.streak.current })}</li>}
    </ul>
  );
}

/** A completion kept but not counted: what happened, and what does count. */
const notCounted = (title: string, text: string) => (
  <div class="card too-fast" role="status">
    <p>
      <strong>{title}</strong>
    </p>
    <p>{text}</p>
  </div>
);
