/**
 * One person's settings, opened from their row in the people table: role, manager, cohort, time
 * zone, career level, a reset link, deactivation.
 */
import { t } from '../messages';
import type { AdminPerson, AdminStore } from './admin-store';
import { TIME_ZONES_ID } from './TimeZones';
import { canManage, NamedOptions, RoleOptions } from './options';

export function PersonEditor({ admin, p }: { admin: AdminStore; p: AdminPerson }) {
  return (
    <div class="form person-editor">
      <label for={`role-${p.id}`}>{t('admin.role')}</label>
      <select
        id={`role-${p.id}`}
        value={p.role}
        onChange={(e) =>
          admin.updatePerson(p.id, { role: e.currentTarget.value as AdminPerson['role'] })
        }
      >
        <RoleOptions managerTeam />
      </select>
      <label for={`mgr-${p.id}`}>{t('admin.manager')}</label>
      <select
        id={`mgr-${p.id}`}
        value={p.managerId ?? ''}
        onChange={(e) => admin.updatePerson(p.id, { managerId: e.currentTarget.value || null })}
      >
        <option value="">{t('admin.noManager')}</option>
        <NamedOptions of={admin.people.value.filter((m) => canManage(m) && m.id !== p.id)} />
      </select>
      <label for={`cohort-${p.id}`}>{t('admin.cohort')}</label>
      <select
        id={`cohort-${p.id}`}
        value={p.cohortIds[0] ?? ''}
        onChange={(e) =>
          admin.updatePerson(p.id, {
            cohortIds: e.currentTarget.value ? [e.currentTarget.value] : [],
          })
        }
      >
        <option value="">{t('admin.noCohort')}</option>
        <NamedOptions of={admin.cohorts.value} />
      </select>
      <label for={`tz-${p.id}`}>{t('admin.timeZone')}</label>
      <input
        id={`tz-${p.id}`}
        list={TIME_ZONES_ID}
        defaultValue={p.tz}
        required
        onChange={(e) => {
          const tz = e.currentTarget.value.trim();
          if (tz && tz !== p.tz) void admin.updatePerson(p.id, { tz });
        }}
      />
      <label for={`career-${p.id}`}>{t('admin.career')}</label>
      <select
        id={`career-${p.id}`}
        value={p.career ? `${p.career.roleId}:${p.career.level}` : ''}
        onChange={(e) => {
          const [roleId, level] = e.currentTarget.value.split(':');
          void admin.updatePerson(p.id, {
            career: roleId ? { roleId, level: Number(level) } : null,
          });
        }}
      >
        <option value="">{t('admin.notSet')}</option>
        {admin.careerRoles.value.flatMap((r) =>
          r.levels.map((title, i) => (
            <option key={`${r.id}:${i + 1}`} value={`${r.id}:${i + 1}`}>
              {r.title}: {title}
            </option>
          )),
        )}
      </select>
      {p.active ? (
        <div class="button-row">
          <button
            type="button"
            class="button small"
            aria-label={t('admin.resetLinkLabel', { name: p.name })}
            onClick={() => admin.makeResetLink(p)}
          >
            {t('admin.resetLink')}
          </button>
          <button
            type="button"
            class="button small quiet"
            aria-label={t('admin.deactivateLabel', { name: p.name })}
            onClick={() =>
              confirm(t('admin.deactivateConfirm', { name: p.name })) && admin.deactivate(p.id)
            }
          >
            {t('admin.deactivate')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="button small"
          onClick={() => admin.updatePerson(p.id, { active: true })}
        >
          {t('admin.reactivate')}
        </button>
      )}
    </div>
  );
}
