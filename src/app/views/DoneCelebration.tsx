/**
 * A small celebration on the lesson-done screen: XP earned, and "streak extended" when this lesson
 * met today's goal. Motion is CSS only, and off under prefers-reduced-motion (lesson.css).
 */
import { t } from '../i18n';
import { useStore } from '../store';
import '../motivation.css';

export function DoneCelebration() {
  const state = useStore().progress.state.value;
  const goalMet = state.todayCount >= state.goal;
  return (
    <p class="celebration" role="status">
      {goalMet
        ? state.todayCount === state.goal
          ? t('done.goalMet', { count: state.streak.current })
          : t('done.goalAlreadyMet')
        : t('done.toGo', { count: state.goal - state.todayCount })}
    </p>
  );
}
