/**
 * A cohort's managers read its board and set its weekly challenge; managers or admins only.
 */
import { t } from '../messages';
import type { AdminCohort, AdminStore } from './admin-store';
import { formValues } from './form';
import { canManage, NamedOptions } from './options';

export function CohortManagers({ admin, cohort }: { admin: AdminStore; cohort: AdminCohort }) {
  const people = admin.people.value;
  const managers = cohort.managerIds.flatMap((id) => people.find((p) => p.id === id) ?? []);
  const candidates = people.filter((p) => canManage(p) && !cohort.managerIds.includes(p.id));
  return (
    <div class="form cohort-managers">
      <h3 id={`cm-title-${cohort.id}`}>{t('cohortManagers.title', { cohort: cohort.name })}</h3>
      {managers.length === 0 ? (
        <p class="muted">{t('cohortManagers.none')}</p>
      ) : (
        <ul class="plain-list" aria-labelledby={`cm-title-${cohort.id}`}>
          {managers.map((m) => (
            <li key={m.id} class="cohort-manager">
              <span>{m.name}</span>
              <button
                type="button"
                class="button small quiet"
                aria-label={t('cohortManagers.removeLabel', { name: m.name, cohort: cohort.name })}
                onClick={() =>
                  admin.setCohortManagers(
                    cohort.id,
                    cohort.managerIds.filter((id) => id !== m.id),
                    t('cohortManagers.removed', { name: m.name, cohort: cohort.name }),
                  )
                }
              >
                {t('cohortManagers.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <form
          class="form"
          onSubmit={(e) => {
            const id = formValues(e)('manager');
            const name = people.find((p) => p.id === id)?.name ?? '';
            void admin.setCohortManagers(
              cohort.id,
              [...cohort.managerIds, id],
              t('cohortManagers.added', { name, cohort: cohort.name }),
            );
          }}
        >
          <label for={`cm-${cohort.id}`}>
            {t('cohortManagers.addLabel', { cohort: cohort.name })}
          </label>
          <select id={`cm-${cohort.id}`} name="manager" required>
            <NamedOptions of={candidates} />
          </select>
          <button type="submit" class="button small">
            {t('cohortManagers.add')}
          </button>
        </form>
      )}
    </div>
  );
}
