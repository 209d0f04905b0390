import { formatDateTime, sayPhrase, t } from '../i18n';
import { bottomEdge } from '../edges';
import { relativeTime } from '../format';
import { useStore } from '../store';
import { LocalePicker } from './LocalePicker';

const phaseText = {
  idle: 'sync.idle',
  syncing: 'sync.syncing',
  offline: 'sync.offline',
  error: 'sync.error',
  signed_out: 'sync.signedOut',
} as const;

/** Always-visible sync status: pending count, last successful sync, current error, "Sync now". */
export function SyncStatusBar() {
  const store = useStore();
  const { pendingCount, status, rejected } = store.progress;
  const s = status.value;
  const pending = pendingCount.value;

  async function signOut() {
    if (pending > 0 && !confirm(t('sync.signOutConfirm', { count: pending }))) return;
    await store.signOut();
  }

  return (
    <footer class="syncbar" ref={bottomEdge} aria-label={t('sync.label')}>
      <div class="sync-line" role="status">
        <span class={`sync-dot ${s.phase}`} aria-hidden="true" />
        <span>
          {pending > 0 && s.phase === 'idle'
            ? t('sync.waiting', { count: pending })
            : t(phaseText[s.phase])}
          {pending > 0 && s.phase !== 'idle' && t('sync.waitingShort', { count: pending })}
        </span>
        <span class="muted">{t('sync.last', { when: relativeTime(s.lastSyncedAt) })}</span>
      </div>
      {s.error && <p class="sync-error">{sayPhrase(s.error)}</p>}
      {rejected.value.length > 0 && (
        <details class="rejected">
          <summary>{t('sync.rejected', { count: rejected.value.length })}</summary>
          <ul>
            {rejected.value.map((r) => (
              <li key={r.id}>
                {r.reason === 'too_old' && <strong>{t('sync.notCounted')}</strong>}
                {t(`event.${r.event.type}`)} · {formatDateTime(r.event.occurredAt)}:{' '}
                {r.phrase ? sayPhrase(r.phrase) : r.message}{' '}
                <button
                  type="button"
                  class="link-button"
                  onClick={() => void store.progress.dismissRejected(r.id)}
                >
                  {t('sync.dismiss')}
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
          {t('sync.now')}
        </button>
        <button type="button" class="button small quiet" onClick={() => void signOut()}>
          {t('sync.signOut')}
        </button>
        <LocalePicker />
      </div>
    </footer>
  );
}
