/** Joining by invite link or code: the invited person sets their name and password. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { InviteReply, MeReply } from '../../../core/api';
import { navigate } from '../../router';
import { useStore } from '../../store';
import { t } from './messages';
import { Field } from '../../views/Field';
import { NewPasswordForm } from './NewPasswordForm';
import { refusal } from './refusal';

export function JoinView({ code }: { code: string }) {
  const store = useStore();
  const invite = useSignal<InviteReply['invite'] | null>(null);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    store.api
      .get<InviteReply>(`/invites/${encodeURIComponent(code)}`)
      .then((r) => (invite.value = r.invite))
      .catch((err: unknown) => (error.value = refusal(err, () => t('people.offlineShort'))));
  }, [code]);

  async function action(form: FormData) {
    const email = invite.value?.email ?? String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    await store.api.post<MeReply>(`/invites/${encodeURIComponent(code)}/accept`, {
      name: String(form.get('name') ?? ''),
      password,
      ...(invite.value?.email ? {} : { email }),
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    await store.signIn(email, password);
    navigate('/', true);
  }

  if (!invite.value)
    return (
      <section class="page">
        <h1>{t('join.title')}</h1>
        {error.value && (
          <p class="form-error" role="alert">
            {error.value}
          </p>
        )}
      </section>
    );
  return (
    <section class="page">
      <h1>{t('join.title')}</h1>
      <p class="lead">
        {invite.value.cohort
          ? t('join.invitedTo', { cohort: invite.value.cohort })
          : t('join.invited')}
      </p>
      <NewPasswordForm
        action={action}
        error={error}
        label={t('join.password')}
        submit={t('join.submit')}
      >
        <Field id="name" label={t('join.name')} autoComplete="name" required maxLength={80} />
        {invite.value.email ? (
          <p class="muted">{t('join.signInAs', { email: invite.value.email })}</p>
        ) : (
          <>
            <Field
              id="email"
              label={t('join.email')}
              type="email"
              autoComplete="username"
              required
            />
          </>
        )}
      </NewPasswordForm>
    </section>
  );
}
