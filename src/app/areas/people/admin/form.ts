/** The admin forms' submit: stops the page load and reads the form's trimmed text fields. */
export const formValues = (event: SubmitEvent) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  return (name: string) => String(form.get(name) ?? '').trim();
};
