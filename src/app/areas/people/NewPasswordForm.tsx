/**
 * The people area's password form (joining by invite, a reset link): a new password of at least 8
 * characters, the button busy while `action` runs, and a refusal worded by `refusal`.
 */
import { useSignal, type Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { PasswordForm } from '../../views/PasswordForm';
import { refusal } from './refusal';

export function NewPasswordForm(p: {
  action: (form: FormData) => Promise<void>;
  error: Signal<string | null>;
  /** The password field's label, and the button's words. */
  label: string;
  submit: string;
  /** Fields before the password. */
  children?: ComponentChildren;
}) {
  const busy = useSignal(false);
  return (
    <PasswordForm
      action={p.action}
      failed={refusal}
      error={p.error}
      busy={busy}
      password={{ label: p.label, fresh: true }}
      submit={p.submit}
    >
      {p.children}
    </PasswordForm>
  );
}
