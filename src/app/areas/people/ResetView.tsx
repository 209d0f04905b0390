/** A one-time reset link: set a new password; every other device is signed out. */
import { useSignal } from '@preact/signals';
import type { MeReply } from '../../../core/api';
import { navigate } from '../../router';
import { useStore } from '../../store';
import { PasswordForm } from '../../views/PasswordForm';
import { t } from './messages';
import { refusal } from './refusal';

export function ResetView({ token }: { token: string }) {
  const store = useStore();
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function action(form: FormData) {
    const password = String(form.get('password'));
    const { user } = await store.api.post<MeReply>('/auth/reset', { token, password });
    await store.signIn(user.email, password);
    navigate('/', true);
  }

  return (
    <section class="page">
      <h1>{t('reset.title')}</h1>
      <PasswordForm
        action={action}
        failed={refusal}
        error={error}
        busy={busy}
        password={{ label: t('reset.password'), fresh: true }}
        submit={t('reset.submit')}
      />
    </section>
  );
}
