import { useSignal } from '@preact/signals';
import { HttpError } from '../../client/api';
import { useStore } from '../store';
import { errorText, t } from '../i18n';

export function SignIn() {
  const store = useStore();
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    busy.value = true;
    error.value = null;
    try {
      await store.signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    } catch (err) {
      error.value =
        err instanceof HttpError
          ? err.status === 400
            ? t('signIn.missing')
            : errorText(err)
          : t('signIn.offline');
    } finally {
      busy.value = false;
    }
  }

  return (
    <section class="page signin">
      <h1>{t('signIn.title')}</h1>
      <p class="lead">{t('signIn.lead')}</p>
      <form onSubmit={submit} class="card form" noValidate>
        <label for="email">{t('signIn.email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={store.session.lastEmail.value}
        />
        <label for="password">{t('signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {error.value && (
          <p class="form-error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy.value}>
          {busy.value ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
