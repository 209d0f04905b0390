/**
 * Home's habit panel: streak flame with the week's days, the daily-goal ring, XP, the goal
 * picker, and an evening nudge when today's goal is not met yet.
 */
import { localHour, nudgeDue } from '../../core/reminders';
import { DAILY_GOALS, recentDays, type DailyGoal } from '../../core/progress';
import { weekday } from '../format';
import { formatDate, t } from '../i18n';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { ReminderOptIn } from './ReminderOptIn';
import '../motivation.css';

export function GoalRing({ done, goal }: { done: number; goal: number }) {
  const share = Math.min(1, done / goal);
  const r = 26;
  const circumference = 2 * Math.PI * r;
  return (
    <div
      class="goal-ring"
      role="img"
      aria-label={t('habit.ring', { done: Math.min(done, goal), count: goal })}
    >
      <svg viewBox="0 0 64 64" width="64" height="64" aria-hidden="true">
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

export function HabitPanel() {
  const store = useStore();
  const state = store.progress.state.value;
  const today = store.progress.today.value;
  const met = new Set(state.activeDays);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const missing = nudgeDue(state, localHour(Date.now(), tz));
  const { current, longest, freezes } = state.streak;
  const hasCohort = (store.session.user.value?.cohortIds.length ?? 0) > 0;

  function chooseGoal(goal: DailyGoal) {
    if (goal !== state.goal) void store.progress.record({ type: 'goal_set', goal });
  }

  return (
    <section class="habit" aria-label={t('habit.label')}>
      <div class="habit-row">
        <div class={current > 0 ? 'flame lit' : 'flame'}>
          <span class="flame-icon" aria-hidden="true">
            🔥
          </span>
          <span class="stat-value" data-testid="streak">
            {current}
          </span>
          <span class="stat-label">{t('home.streak')}</span>
        </div>
        <GoalRing done={state.todayCount} goal={state.goal} />
        <div class="stat">
          <span class="stat-value" data-testid="xp">
            {state.xp}
          </span>
          <span class="stat-label">{t('home.xp')}</span>
        </div>
      </div>
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
        {DAILY_GOALS.map((g) => (
          <button
            key={g}
            type="button"
            class="button small"
            aria-pressed={state.goal === g}
            onClick={() => chooseGoal(g)}
          >
            {t('habit.goalOption', { count: g })}
          </button>
        ))}
      </fieldset>
      <ReminderOptIn />
      {hasCohort && (
        <Link href={paths.leaderboard()} class="button">
          {t('habit.leaderboard')}
        </Link>
      )}
    </section>
  );
}
