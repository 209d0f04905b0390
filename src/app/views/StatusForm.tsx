/**
 * The social forms' shape (give kudos, recommend a module, set the cohort challenge): a form whose
 * submit runs one action and says below the button what came of it, in a status line: the
 * action's own words when it went through, the refusal's (`problemText`) when it did not.
 */
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { useStore } from '../store';
import { problemText } from '../stores/social';

export function StatusForm({
  action,
  submit,
  disabled = false,
  class: className = 'form',
  children,
}: {
  /** Runs on submit; answers what to say, or null to say nothing. */
  action: () => Promise<string | null>;
  /** The submit button's words. */
  submit: string;
  disabled?: boolean;
  class?: string;
  children: ComponentChildren;
}) {
  const [note, setNote] = useState<string | null>(null);
  return (
    <form
      class={className}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          setNote(await action());
        } catch (err) {
          setNote(problemText(err));
        }
      }}
    >
      {children}
      <button type="submit" class="button primary" disabled={disabled}>
        {submit}
      </button>
      {note && <p role="status">{note}</p>}
    </form>
  );
}

/** A choice of colleague (the store's colleagues), empty until one is picked. */
export function ColleagueSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (id: string) => void;
}) {
  const people = useStore().social.colleagues.value;
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('social.chooseColleague')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </>
  );
}
