/** Your account: who you are, the devices signed in as you (revoke any), and signing out. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { HttpError } from '../../../client/api';
import type { AccountSession, RevokeSessionReply, SessionsReply } from '../../../core/api';
import type { OrgGoalReply } from '../../../core/api-admin';
import { relativeTime } from '../../format';
import { errorText, formatPercent } from '../../i18n';
import { t } from './messages';
import { useStore } from '../../store';

export function AccountView() {
  const store = useStore();
  const user = store.session.user.value!;
  const sessions = useSignal<AccountSession[] | null>(null);
  const error = useSignal<string | null>(null);
  const goal = useSignal<OrgGoalReply['goal']>(null);

  async function load() {
    try {
      sessions.value = (await store.api.get<SessionsReply>('/me/sessions')).sessions;
    } catch (err) {
      error.value = err instanceof HttpError ? errorText(err) : t('account.sessionsOffline');
    }
  }
  useEffect(() => {
    void load();
    // Admins and the programme's sponsor see the learning goal; others get `goal: null`.
    store.api
      .get<OrgGoalReply>('/org/goal')
      .then((r) => (goal.value = r.goal))
      .catch(() => undefined);
  }, []);

  async function revoke(s: AccountSession) {
    await store.api.post<RevokeSessionReply>(`/me/sessions/${s.id}/revoke`).catch(() => undefined);
    if (s.current) await store.signOut();
    else await load();
  }

  return (
    <section class="page">
      <h1>{t('account.title')}</h1>
      <p>
        {user.name} · {user.email} · {t(`people.roleName.${user.role}`)}
      </p>
      {goal.value && (
        <p class="card" aria-label={t('people.goalLabel')}>
          {t.rich(
            'account.goal',
            { percent: <strong>{formatPercent(goal.value.currentPercent)}</strong> },
            {
              label: goal.value.label ?? t('account.goalDefault'),
              count: goal.value.people,
            },
          )}
          {goal.value.targetPercent !== null &&
            t('people.goalTarget', { percent: formatPercent(goal.value.targetPercent) })}
        </p>
      )}
      <h2>{t('account.devices')}</h2>
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
      <ul class="plain-list">
        {sessions.value?.map((s) => (
          <li key={s.id} class="card">
            <span>
              {t('account.signedIn', { when: relativeTime(s.createdAt) })}
              {s.current ? t('account.thisDevice') : ''}
            </span>{' '}
            <button
              type="button"
              class="button small"
              aria-label={
                s.current ? t('account.signOutThis') : t('account.signOutSession', { id: s.id })
              }
              onClick={() => revoke(s)}
            >
              {t('account.signOut')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
