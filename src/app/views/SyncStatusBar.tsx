import { relativeTime } from '../format';
import { useStore } from '../store';

const phaseText = {
  idle: 'Up to date',
  syncing: 'Syncing…',
  offline: 'Offline — progress is saved on this device',
  error: 'Sync problem — will retry',
  signed_out: 'Sign in again to sync',
} as const;

/** Always-visible sync status: pending count, last successful sync, current error, "Sync now". */
export function SyncStatusBar() {
  const store = useStore();
  const { pendingCount, status, rejected } = store.progress;
  const s = status.value;
  const pending = pendingCount.value;

  async function signOut() {
    if (
      pending > 0 &&
      !confirm(
        `${pending} bit(s) of progress have not synced yet. They stay on this device and sync when you sign in again. Sign out anyway?`,
      )
    )
      return;
    await store.signOut();
  }

  return (
    <footer class="syncbar" aria-label="Sync status">
      <div class="sync-line" role="status">
        <span class={`sync-dot ${s.phase}`} aria-hidden="true" />
        <span>
          {pending > 0 && s.phase === 'idle' ? `${pending} waiting to sync` : phaseText[s.phase]}
          {pending > 0 && s.phase !== 'idle' && ` · ${pending} waiting`}
        </span>
        <span class="muted"> · Last synced {relativeTime(s.lastSyncedAt)}</span>
      </div>
      {s.error && <p class="sync-error">{s.error}</p>}
      {rejected.value.length > 0 && (
        <details class="rejected">
          <summary>Couldn't sync ({rejected.value.length})</summary>
          <ul>
            {rejected.value.map((r) => (
              <li key={r.id}>
                {r.reason === 'too_old' && <strong>Not counted: </strong>}
                {r.event.type.replace('_', ' ')} · {new Date(r.event.occurredAt).toLocaleString()}:{' '}
                {r.message}{' '}
                <button
                  type="button"
                  class="link-button"
                  onClick={() => void store.progress.dismissRejected(r.id)}
                >
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="sync-actions">
        <button
          type="button"
          class="button small"
          onClick={() => void store.syncNow()}
          disabled={s.phase === 'syncing'}
        >
          Sync now
        </button>
        <button type="button" class="button small quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </footer>
  );
}
