/** Cohorts: name and time zone of each, its managers, and a new cohort. */
import { t } from '../messages';
import type { AdminStore } from './admin-store';
import { CohortManagers } from './CohortManagers';
import { formValues } from './form';
import { TIME_ZONES_ID } from './TimeZones';

export function CohortsSection({ admin }: { admin: AdminStore }) {
  return (
    <>
      <h2>{t('admin.cohorts')}</h2>
      <ul class="plain-list">
        {admin.cohorts.value.map((c) => (
          <li key={c.id} class="card">
            <form
              class="form"
              onSubmit={(e) => {
                const v = formValues(e);
                void admin.updateCohort(c.id, { name: v('name'), tz: v('tz') });
              }}
            >
              <label for={`cn-${c.id}`}>{t('admin.name')}</label>
              <input id={`cn-${c.id}`} name="name" defaultValue={c.name} required />
              <label for={`ctz-${c.id}`}>{t('admin.timeZone')}</label>
              <input
                id={`ctz-${c.id}`}
                name="tz"
                list={TIME_ZONES_ID}
                defaultValue={c.tz}
                required
              />
              <button
                type="submit"
                class="button small"
                aria-label={t('admin.saveCohortLabel', { name: c.name })}
              >
                {t('admin.saveCohort')}
              </button>
            </form>
            <CohortManagers admin={admin} cohort={c} />
          </li>
        ))}
      </ul>
      <form
        class="card form section-card"
        onSubmit={(e) => {
          const v = formValues(e);
          void admin.createCohort(v('newCohort'), v('newTz'));
        }}
      >
        <label for="newCohort">{t('admin.newCohort')}</label>
        <input id="newCohort" name="newCohort" required />
        <label for="newTz">{t('admin.timeZone')}</label>
        <input
          id="newTz"
          name="newTz"
          list={TIME_ZONES_ID}
          required
          defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone}
        />
        <button type="submit" class="button">
          {t('admin.createCohort')}
        </button>
      </form>
    </>
  );
}
