/** Setting a pilot up: name, start, length, the pilot's cohorts and up to three goals. */
import { useState } from 'preact/hooks';
import { GOAL_METRICS, type PilotGoal } from '../../../core/pilot/goals';
import { goalLabel } from './format';
import { t } from './messages';
import type { PilotStore } from './pilot-store';

export function NewPilotForm({ store }: { store: PilotStore }) {
  const cohorts = store.setup.value?.cohorts ?? [];
  const [chosen, setChosen] = useState<string[]>([]);
  const [goals, setGoals] = useState<PilotGoal[]>([
    { metric: 'weeklyActivePct', op: '>=', target: 70 },
  ]);
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget as HTMLFormElement);
        void store.create({
          name: String(data.get('name')),
          startDate: String(data.get('startDate')),
          weeks: Number(data.get('weeks')),
          cohortIds: chosen,
          goals,
        });
      }}
    >
      <h1>{t('pilot.setUp')}</h1>
      <label for="pilot-name">{t('pilot.name')}</label>
      <input id="pilot-name" name="name" required maxLength={120} />
      <label for="pilot-start">{t('pilot.start')}</label>
      <input id="pilot-start" name="startDate" type="date" required />
      <label for="pilot-weeks">{t('pilot.weeks')}</label>
      <input id="pilot-weeks" name="weeks" type="number" min={1} max={52} value={12} required />
      <fieldset class="pilot-fieldset">
        <legend>{t('pilot.cohorts')}</legend>
        {cohorts.map((c) => (
          <label key={c.id} class="pilot-check">
            <input
              type="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(e) =>
                setChosen(
                  (e.currentTarget as HTMLInputElement).checked
                    ? [...chosen, c.id]
                    : chosen.filter((x) => x !== c.id),
                )
              }
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      <fieldset class="pilot-fieldset">
        <legend>{t('pilot.goalsUpTo')}</legend>
        {goals.map((g, i) => {
          /** Goal i with `change` applied. */
          const edit = (change: Partial<PilotGoal>) =>
            setGoals(goals.map((x, j) => (j === i ? { ...x, ...change } : x)));
          return (
            <div key={i} class="pilot-goal-row">
              <select
                aria-label={t('pilot.goalMetric', { n: i + 1 })}
                value={g.metric}
                onChange={(e) =>
                  edit({
                    metric: (e.currentTarget as HTMLSelectElement).value as PilotGoal['metric'],
                  })
                }
              >
                {GOAL_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {goalLabel(m)}
                  </option>
                ))}
              </select>
              <select
                aria-label={t('pilot.goalOp', { n: i + 1 })}
                value={g.op}
                onChange={(e) =>
                  edit({ op: (e.currentTarget as HTMLSelectElement).value as PilotGoal['op'] })
                }
              >
                <option value=">=">{t('pilot.atLeast')}</option>
                <option value="<=">{t('pilot.atMost')}</option>
              </select>
              <input
                aria-label={t('pilot.goalTarget', { n: i + 1 })}
                type="number"
                min={0}
                value={g.target}
                onInput={(e) =>
                  edit({ target: Number((e.currentTarget as HTMLInputElement).value) })
                }
              />
              <button
                type="button"
                class="button small quiet"
                aria-label={t('pilot.removeGoal', { n: i + 1 })}
                onClick={() => setGoals(goals.filter((_, j) => j !== i))}
              >
                {t('pilot.remove')}
              </button>
            </div>
          );
        })}
        {goals.length < 3 && (
          <button
            type="button"
            class="button small"
            onClick={() =>
              setGoals([...goals, { metric: 'lessonsPerActive', op: '>=', target: 2 }])
            }
          >
            {t('pilot.addGoal')}
          </button>
        )}
      </fieldset>
      <button type="submit" class="button primary" disabled={chosen.length === 0}>
        {t('pilot.create')}
      </button>
    </form>
  );
}
