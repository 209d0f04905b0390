/**
 * A small celebration on the lesson-done screen: XP earned, and "streak extended" when this lesson
 * met today's goal. Motion is CSS only, and off under prefers-reduced-motion (styles.css).
 */
import { useStore } from '../store';
import '../motivation.css';

export function DoneCelebration() {
  const state = useStore().progress.state.value;
  const goalMet = state.todayCount >= state.goal;
  return (
    <p class="celebration" role="status">
      {goalMet
        ? state.todayCount === state.goal
          ? `Daily goal met — your streak is ${state.streak.current} ${state.streak.current === 1 ? 'day' : 'days'}!`
          : 'Daily goal already met — keep going!'
        : `${state.goal - state.todayCount} more today to keep your streak.`}
    </p>
  );
}
