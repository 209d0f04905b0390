/**
 * A labelled file picker that reads the chosen file as text: the admin's invite list and module
 * upload, and the pilot's HR import. `into` names a textarea of the same form to fill.
 */
export function FileField(p: {
  id: string;
  label: string;
  accept: string;
  into?: string;
  onFile?: (text: string, file: File) => unknown;
}) {
  return (
    <>
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        type="file"
        accept={p.accept}
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          const text = await file.text();
          if (p.into) (input.form!.elements.namedItem(p.into) as HTMLTextAreaElement).value = text;
          await p.onFile?.(text, file);
        }}
      />
    </>
  );
}
