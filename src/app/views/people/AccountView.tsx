/** Your account: who you are, the devices signed in as you (revoke any), and signing out. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { HttpError } from '../../../client/api';
import { relativeTime } from '../../format';
import { useStore } from '../../store';

interface Goal {
  label: string | null;
  targetPercent: number | null;
  currentPercent: number;
  people: number;
}

interface SessionRow {
  id: string;
  createdAt: string;
  expiresAt: string;
  current: boolean;
}

export function AccountView() {
  const store = useStore();
  const user = store.session.user.value!;
  const sessions = useSignal<SessionRow[] | null>(null);
  const error = useSignal<string | null>(null);
  const goal = useSignal<Goal | null>(null);

  async function load() {
    try {
      sessions.value = (await store.api.get<{ sessions: SessionRow[] }>('/me/sessions')).sessions;
    } catch (err) {
      error.value = err instanceof HttpError ? err.message : 'Connect to see your sessions.';
    }
  }
  useEffect(() => {
    void load();
    // Admins and the programme's sponsor see the learning goal; others get 403 and see nothing.
    store.api
      .get<{ goal: Goal }>('/org/goal')
      .then((r) => (goal.value = r.goal))
      .catch(() => undefined);
  }, []);

  async function revoke(s: SessionRow) {
    await store.api.post(`/me/sessions/${s.id}/revoke`).catch(() => undefined);
    if (s.current) await store.signOut();
    else await load();
  }

  return (
    <section class="page">
      <h1>Your account</h1>
      <p>
        {user.name} · {user.email} · {user.role}
      </p>
      {goal.value && (
        <p class="card" aria-label="Learning goal progress">
          {goal.value.label ?? 'People who learned this week'}:{' '}
          <strong>{goal.value.currentPercent}%</strong> of {goal.value.people} people
          {goal.value.targetPercent !== null && ` (goal ${goal.value.targetPercent}%)`}
        </p>
      )}
      <h2>Signed-in devices</h2>
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
      <ul class="plain-list">
        {sessions.value?.map((s) => (
          <li key={s.id} class="card">
            <span>
              Signed in {relativeTime(s.createdAt)}
              {s.current ? ' · this device' : ''}
            </span>{' '}
            <button
              type="button"
              class="button small"
              aria-label={s.current ? 'Sign out this device' : `Sign out session ${s.id}`}
              onClick={() => revoke(s)}
            >
              Sign out
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
