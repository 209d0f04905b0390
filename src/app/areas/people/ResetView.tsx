/** A one-time reset link: set a new password; every other device is signed out. */
import { useSignal } from '@preact/signals';
import type { MeReply } from '../../../core/api';
import { navigate } from '../../router';
import { useStore } from '../../store';
import { t } from './messages';
import { NewPasswordForm } from './NewPasswordForm';

export function ResetView({ token }: { token: string }) {
  const store = useStore();
  const error = useSignal<string | null>(null);

  async function action(form: FormData) {
    const password = String(form.get('password'));
    const { user } = await store.api.post<MeReply>('/auth/reset', { token, password });
    await store.signIn(user.email, password);
    navigate('/', true);
  }

  return (
    <section class="page">
      <h1>{t('reset.title')}</h1>
      <NewPasswordForm
        action={action}
        error={error}
        label={t('reset.password')}
        submit={t('reset.submit')}
      />
    </section>
  );
}
