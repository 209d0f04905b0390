/** Opt-in to evening streak reminders by Web Push, for this device only. */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { problemText } from '../stores/social';
import { pushSupported } from '../sw-bridge';
import { useStore } from '../store';

export function ReminderOptIn() {
  const store = useStore();
  const [note, setNote] = useState<string | null>(null);
  if (!pushSupported()) return null;

  async function optIn() {
    try {
      setNote(t((await store.social.enableReminders()) ? 'habit.remindOn' : 'habit.remindDenied'));
    } catch (err) {
      setNote(problemText(err));
    }
  }

  return (
    <div class="reminder-opt-in">
      <button type="button" class="button small" onClick={() => void optIn()}>
        {t('habit.remind')}
      </button>
      {note && <p role="status">{note}</p>}
    </div>
  );
}
