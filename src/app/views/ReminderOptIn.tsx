/** Opt-in to evening streak reminders by Web Push, for this device only. */
import { useState } from 'preact/hooks';
import { problemText } from '../stores/social';
import { pushSupported } from '../sw-bridge';
import { useStore } from '../store';

export function ReminderOptIn() {
  const store = useStore();
  const [note, setNote] = useState<string | null>(null);
  if (!pushSupported()) return null;

  async function optIn() {
    try {
      setNote(
        (await store.social.enableReminders())
          ? 'We will remind you in the evening if today’s goal is still open.'
          : 'Reminders stay off: notifications were not allowed.',
      );
    } catch (err) {
      setNote(problemText(err));
    }
  }

  return (
    <div class="reminder-opt-in">
      <button type="button" class="button small" onClick={() => void optIn()}>
        Remind me in the evening
      </button>
      {note && <p role="status">{note}</p>}
    </div>
  );
}
