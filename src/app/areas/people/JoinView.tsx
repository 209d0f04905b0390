/** Joining by invite link or code: the invited person sets their name and password. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { HttpError } from '../../../client/api';
import { errorText } from '../../i18n';
import { t } from './messages';
import { navigate } from '../../router';
import { useStore } from '../../store';

export function JoinView({ code }: { code: string }) {
  const store = useStore();
  const invite = useSignal<{ email: string | null; cohort: string | null } | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    store.api
      .get<{ invite: { email: string | null; cohort: string | null } }>(
        `/invites/${encodeURIComponent(code)}`,
      )
      .then((r) => (invite.value = r.invite))
      .catch(
        (err: unknown) =>
          (error.value = err instanceof HttpError ? errorText(err) : t('people.offlineShort')),
      );
  }, [code]);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = invite.value?.email ?? String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    busy.value = true;
    error.value = null;
    try {
      await store.api.post(`/invites/${encodeURIComponent(code)}/accept`, {
        name: String(form.get('name') ?? ''),
        password,
        ...(invite.value?.email ? {} : { email }),
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      await store.signIn(email, password);
      navigate('/', true);
    } catch (err) {
      error.value = err instanceof HttpError ? errorText(err) : t('people.offline');
    } finally {
      busy.value = false;
    }
  }

  return (
    <section class="page">
      <h1>{t('join.title')}</h1>
      {invite.value && (
        <p class="lead">
          {invite.value.cohort
            ? t('join.invitedTo', { cohort: invite.value.cohort })
            : t('join.invited')}
        </p>
      )}
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
      {invite.value && (
        <form class="card form" onSubmit={submit}>
          <label for="name">{t('join.name')}</label>
          <input id="name" name="name" autoComplete="name" required maxLength={80} />
          {invite.value.email ? (
            <p class="muted">{t('join.signInAs', { email: invite.value.email })}</p>
          ) : (
            <>
              <label for="email">{t('join.email')}</label>
              <input id="email" name="email" type="email" autoComplete="username" required />
            </>
          )}
          <label for="password">{t('join.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
          />
          <button type="submit" class="button primary" disabled={busy.value}>
            {t('join.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
