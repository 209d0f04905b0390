/**
 * A labelled input whose id is also its form name: the one shape of the text fields in the sign-in,
 * join, reset and admin forms. First screen (SignIn): keep it small.
 */
import type { InputHTMLAttributes } from 'preact';

/** `id` names the input in the form too. */
export type FieldProps = InputHTMLAttributes<HTMLInputElement> & { id: string; label: string };

export function Field({ id, label, ...input }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <input id={id} name={id} {...input} />
    </>
  );
}

/**
 * A secret the server never answers (an SSO client secret, an LRS secret): required until one is
 * stored; then blank keeps it, and the placeholder says so.
 */
export function SecretField({
  id,
  label,
  stored,
  keptHint,
}: {
  id: string;
  label: string;
  stored: boolean;
  keptHint: string;
}) {
  return (
    <Field
      id={id}
      label={label}
      type="password"
      autoComplete="off"
      required={!stored}
      placeholder={stored ? keptHint : ''}
    />
  );
}
