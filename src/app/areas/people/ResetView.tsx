/** A one-time reset link: set a new password; every other device is signed out. */
import { useSignal } from '@preact/signals';
import { HttpError } from '../../../client/api';
import type { MeReply } from '../../../core/api';
import { errorText } from '../../i18n';
import { t } from './messages';
import { navigate } from '../../router';
import { useStore } from '../../store';

export function ResetView({ token }: { token: string }) {
  const store = useStore();
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget as HTMLFormElement).get('password'));
    busy.value = true;
    error.value = null;
    try {
      const { user } = await store.api.post<MeReply>('/auth/reset', {
        token,
        password,
      });
      await store.signIn(user.email, password);
      navigate('/', true);
    } catch (err) {
      error.value = err instanceof HttpError ? errorText(err) : t('people.offline');
    } finally {
      busy.value = false;
    }
  }

  return (
    <section class="page">
      <h1>{t('reset.title')}</h1>
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
      <form class="card form" onSubmit={submit}>
        <label for="password">{t('reset.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
        />
        <button type="submit" class="button primary" disabled={busy.value}>
          {t('reset.submit')}
        </button>
      </form>
    </section>
  );
}
