import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { HttpError } from '../../client/api';
import { useStore } from '../store';
import { catalogs, errorText, t } from '../i18n';
import { Field } from './Field';
import { PasswordForm } from './PasswordForm';

type Key = Parameters<typeof t>[0];

/**
 * A refusal the server sent back with the browser (`/?signInError=<key>` after a company sign-in),
 * read once and taken out of the address bar. Only known phrase keys are shown.
 */
function refusalInAddress(): string | null {
  const url = new URL(location.href);
  const key = url.searchParams.get('signInError');
  if (key === null) return null;
  url.searchParams.delete('signInError');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return Object.hasOwn(catalogs.en, key) && key.startsWith('error.') ? t(key as Key) : null;
}

/**
 * Email first: a domain whose organisation signs in at its provider goes there; any other email
 * (or no answer from the server) asks for the password, as before. "Use a password" keeps the
 * break-glass door open for admins of an organisation with single sign-on.
 */
export function SignIn() {
  const store = useStore();
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const step = useSignal<'email' | 'password' | 'leaving'>('email');
  const password = useRef<HTMLInputElement>(null);

  useEffect(() => {
    error.value = refusalInAddress();
  }, []);
  // The password field is focused in the frame it appears (a layout effect), so keys typed right
  // after the email's Enter land in it rather than back in the email field.
  useLayoutEffect(() => {
    if (step.value === 'password') password.current?.focus();
  }, [step.value]);

  async function action(form: FormData) {
    const email = String(form.get('email') ?? '').trim();
    if (step.value === 'email') {
      if (!email) {
        error.value = t('signIn.missingEmail');
        return;
      }
      const how = await store.session.signInMethod(email);
      if (how.method === 'sso') {
        step.value = 'leaving';
        location.assign(how.startUrl);
      } else step.value = 'password';
      return;
    }
    await store.signIn(email, String(form.get('password') ?? ''));
  }

  const asking = step.value === 'password';
  return (
    <section class="page signin">
      <h1>{t('signIn.title')}</h1>
      <p class="lead">{t('signIn.lead')}</p>
      <PasswordForm
        action={action}
        failed={(err) =>
          err instanceof HttpError
            ? err.status === 400
              ? t('signIn.missing')
              : errorText(err)
            : t('signIn.offline')
        }
        error={error}
        busy={busy}
        password={asking ? { label: t('signIn.password'), ref: password } : null}
        submit={
          step.value === 'leaving'
            ? ''
            : busy.value
              ? t(asking ? 'signIn.busy' : 'signIn.checking')
              : t(asking ? 'signIn.submit' : 'signIn.continue')
        }
        noValidate
        footer={
          step.value === 'leaving' ? (
            <p role="status">{t('signIn.leaving')}</p>
          ) : (
            step.value === 'email' && (
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  error.value = null;
                  step.value = 'password';
                }}
              >
                {t('signIn.usePassword')}
              </button>
            )
          )
        }
      >
        <Field
          id="email"
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          defaultValue={store.session.lastEmail.value}
          onInput={() => {
            if (asking) step.value = 'email';
          }}
        />
      </PasswordForm>
    </section>
  );
}
