/**
 * The one password form: signing in (SignIn), and, through areas/people/NewPasswordForm, joining
 * by invite (JoinView) and setting a new password from a reset link (ResetView). It runs the
 * caller's action with the form's fields, keeps the button busy meanwhile, and shows what the
 * action threw, worded by the caller, below the fields. First screen (SignIn): keep it small.
 */
import type { Signal } from '@preact/signals';
import type { ComponentChildren, Ref } from 'preact';

export interface PasswordFormProps {
  action: (form: FormData) => Promise<void>;
  /** The words for what `action` threw. */
  failed: (err: unknown) => string;
  error: Signal<string | null>;
  busy: Signal<boolean>;
  /** The password field; null: not asked (yet). `fresh`: a new password, at least 8 characters. */
  password: { label: string; fresh?: boolean; ref?: Ref<HTMLInputElement> } | null;
  /** The submit button's words; empty: no button. */
  submit: string;
  noValidate?: boolean;
  /** Fields before the password. */
  children?: ComponentChildren;
  /** After the button. */
  footer?: ComponentChildren;
}

export function PasswordForm(p: PasswordFormProps) {
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    p.error.value = null;
    p.busy.value = true;
    try {
      await p.action(new FormData(event.currentTarget as HTMLFormElement));
    } catch (err) {
      p.error.value = p.failed(err);
    } finally {
      p.busy.value = false;
    }
  }
  const password = p.password;
  return (
    <form class="card form" onSubmit={submit} noValidate={p.noValidate}>
      {p.children}
      {password && (
        <>
          <label for="password">{password.label}</label>
          <input
            id="password"
            ref={password.ref}
            name="password"
            type="password"
            {...(password.fresh
              ? { autoComplete: 'new-password', minLength: 8 }
              : { autoComplete: 'current-password' })}
            required
          />
        </>
      )}
      {p.error.value && (
        <p class="form-error" role="alert">
          {p.error.value}
        </p>
      )}
      {p.submit && (
        <button type="submit" class="button primary" disabled={p.busy.value}>
          {p.submit}
        </button>
      )}
      {p.footer}
    </form>
  );
}
