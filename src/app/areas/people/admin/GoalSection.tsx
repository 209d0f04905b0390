/** The organisation's learning goal: where it stands, and its label and target. */
import { formatPercent } from '../../../i18n';
import { t } from '../messages';
import type { AdminStore } from './admin-store';
import { AdminForm } from './form';

export function GoalSection({ admin }: { admin: AdminStore }) {
  const p = admin.programme.value;
  if (!p) return null;
  return (
    <>
      <h2>{t('admin.goalTitle')}</h2>
      <p class="card" aria-label={t('people.goalLabel')}>
        {p.goal.label ? `${p.goal.label}: ` : ''}
        {t.rich(
          'admin.goalLine',
          { percent: <strong>{formatPercent(p.goal.currentPercent)}</strong> },
          { count: p.goal.people },
        )}
        {p.goal.targetPercent !== null &&
          t('people.goalTarget', { percent: formatPercent(p.goal.targetPercent) })}
      </p>
      <AdminForm onValues={(v) => admin.saveGoal(v('goalLabel'), Number(v('goalTarget')))}>
        <label for="goalLabel">{t('admin.goal')}</label>
        <input
          id="goalLabel"
          name="goalLabel"
          required
          defaultValue={p.goal.label ?? t('admin.goalDefault')}
        />
        <label for="goalTarget">{t('admin.goalTargetLabel')}</label>
        <input
          id="goalTarget"
          name="goalTarget"
          type="number"
          min={1}
          max={100}
          required
          defaultValue={String(p.goal.targetPercent ?? 80)}
        />
        <button type="submit" class="button">
          {t('admin.saveGoal')}
        </button>
      </AdminForm>
    </>
  );
}
