import type { ComponentChildren } from 'preact';

/** The admin forms' submit: stops the page load and reads the form's trimmed text fields. */
export const formValues = (event: SubmitEvent) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  return (name: string) => String(form.get(name) ?? '').trim();
};

/**
 * An admin section's card form: on submit, `onValues` gets the trimmed text fields by name
 * (`formValues`) and the form itself, for what is not trimmed text (a checkbox, a pasted list).
 */
export function AdminForm({
  onValues,
  children,
}: {
  onValues: (v: (name: string) => string, form: HTMLFormElement) => unknown;
  children: ComponentChildren;
}) {
  return (
    <form
      class="card form"
      onSubmit={(e) => void onValues(formValues(e), e.currentTarget as HTMLFormElement)}
    >
      {children}
    </form>
  );
}
