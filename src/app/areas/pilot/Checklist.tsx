/** The steps of running the pilot, each worded from the phrase the server sends, to tick. */
import { sayPhrase } from '../../i18n';
import { t } from './messages';
import type { PilotStore, PilotSummary } from './pilot-store';

export function Checklist({ store, pilot }: { store: PilotStore; pilot: PilotSummary }) {
  const steps = store.setup.value?.checklist ?? [];
  const done = steps.filter((s) => pilot.checklist[s.id]).length;
  return (
    <>
      <h1>{t('pilot.running', { name: pilot.name })}</h1>
      <p class="lead">{t('pilot.stepsDone', { done, count: steps.length })}</p>
      <ul class="pilot-checklist">
        {steps.map((s) => (
          <li key={s.id} class="card">
            <label>
              <input
                type="checkbox"
                checked={Boolean(pilot.checklist[s.id])}
                onChange={(e) =>
                  void store.tick(pilot.id, s.id, (e.currentTarget as HTMLInputElement).checked)
                }
              />
              <span>
                {sayPhrase(s.phrase)}
                <span class="muted">
                  {' '}
                  · {s.week === 0 ? t('pilot.beforeLaunch') : t('pilot.inWeek', { week: s.week })}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
