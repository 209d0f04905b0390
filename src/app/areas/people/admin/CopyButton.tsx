/** Copies a link to the clipboard and says so beside the button ("Copied"), or says to copy it by hand. */
import { useSignal } from '@preact/signals';
import { t } from '../messages';

export function CopyButton({ text, what }: { text: string; what: string }) {
  const said = useSignal<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      said.value = 'copied';
    } catch {
      said.value = 'failed';
    }
  };
  return (
    <span class="copy">
      <button
        type="button"
        class="button small"
        aria-label={t('admin.copyLabel', { what })}
        onClick={() => void copy()}
      >
        {t('admin.copy')}
      </button>
      <span role="status" class={said.value === 'failed' ? 'form-error' : 'copied'}>
        {said.value && t(said.value === 'copied' ? 'admin.copied' : 'admin.copyFailed')}
      </span>
    </span>
  );
}
