/**
 * Home's habit: one compact row on top (streak flame, the daily-goal ring, XP), and below the
 * way on: the week's days, the longest streak and freezes, an evening nudge when today's goal is
 * not met yet, and the goal picker. Reminders and the board live under Me and the Board tab.
 */
import { localHour, nudgeDue } from '../../core/reminders';
import { DAILY_GOALS, recentDays, type DailyGoal } from '../../core/progress';
import { weekday } from '../format';
import { formatDate, t } from '../i18n';
import { useStore } from '../store';
import { Icon } from './Icon';
import { PressedChoices } from './PressedChoices';
import '../motivation.css';

export function GoalRing({ done, goal, size = 64 }: { done: number; goal: number; size?: number }) {
  const share = Math.min(1, done / goal);
  const r = 26;
  const circumference = 2 * Math.PI * r;
  return (
    <div
      class="goal-ring"
      role="img"
      aria-label={t('habit.ring', { done: Math.min(done, goal), count: goal })}
    >
      <svg viewBox="0 0 64 64" width={size} height={size} aria-hidden="true">
        <circle class="goal-ring-track" cx="32" cy="32" r={r} />
        <circle
          class="goal-ring-fill"
          cx="32"
          cy="32"
          r={r}
          stroke-dasharray={`${share * circumference} ${circumference}`}
          transform="rotate(-90 32 32)"
        />
      </svg>
      <span class="goal-ring-text" aria-hidden="true">
        {Math.min(done, goal)}/{goal}
      </span>
    </div>
  );
}

/** Streak, today's goal and XP in one row: what home shows first, above "Continue". */
export function HabitRow() {
  const state = useStore().progress.state.value;
  const { current } = state.streak;
  return (
    <section class="habit-row" aria-label={t('habit.label')}>
      <div class={current > 0 ? 'stat flame lit' : 'stat flame'}>
        <Icon name="flame" class="filled flame-icon" size={22} />
        <span class="stat-value" data-testid="streak">
          {current}
        </span>
        <span class="stat-label">{t('home.streak', { count: current })}</span>
      </div>
      <div class="stat">
        <GoalRing done={state.todayCount} goal={state.goal} size={34} />
        <span class="stat-label">{t('home.today')}</span>
      </div>
      <div class="stat">
        <Icon name="star" class="filled xp-icon" size={22} />
        <span class="stat-value" data-testid="xp">
          {state.xp}
        </span>
        <span class="stat-label">{t('home.xp')}</span>
      </div>
    </section>
  );
}

/** The week, the longest streak, the evening nudge and the goal picker, below the way on. */
export function HabitPanel() {
  const store = useStore();
  const state = store.progress.state.value;
  const today = store.progress.today.value;
  const met = new Set(state.activeDays);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const missing = nudgeDue(state, localHour(Date.now(), tz));
  const { longest, freezes } = state.streak;

  function chooseGoal(goal: DailyGoal) {
    if (goal !== state.goal) void store.progress.record({ type: 'goal_set', goal });
  }

  return (
    <section class="habit" aria-label={t('habit.week')}>
      <ol class="week" aria-label={t('home.week')}>
        {recentDays(today, 7).map((day) => (
          <li
            key={day}
            class={`day${met.has(day) ? ' active' : ''}${day === today ? ' today' : ''}`}
          >
            <span aria-hidden="true">{weekday(day)}</span>
            <span class="visually-hidden">
              {t(met.has(day) ? 'habit.dayMet' : 'habit.dayMissed', { day: formatDate(day) })}
            </span>
          </li>
        ))}
      </ol>
      <p class="muted habit-note">
        {t('habit.longest', { count: longest })}
        {freezes > 0 && t('habit.freezes', { count: freezes })}
      </p>
      {missing > 0 && (
        <p class="nudge" role="status">
          {t('habit.nudge', { count: missing })}
        </p>
      )}
      <fieldset class="goal-picker">
        <legend>{t('habit.goal')}</legend>
        <PressedChoices
          values={DAILY_GOALS}
          chosen={state.goal}
          choose={chooseGoal}
          label={(g) => t('habit.goalOption', { count: g })}
        />
      </fieldset>
    </section>
  );
}
