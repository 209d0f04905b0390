import { useSignal } from '@preact/signals';
import { HttpError } from '../../client/api';
import { useStore } from '../store';

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
            ? 'Enter your work email and your password.'
            : err.message
          : 'You seem to be offline. Connect to sign in; lessons you saved stay on this device.';
    } finally {
      busy.value = false;
    }
  }

  return (
    <section class="page signin">
      <h1>Learn a little, every day</h1>
      <p class="lead">
        Five-minute lessons that fit between meetings — on the train, on a plane, anywhere.
      </p>
      <form onSubmit={submit} class="card form" noValidate>
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={store.session.lastEmail.value}
        />
        <label for="password">Password</label>
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
          {busy.value ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
