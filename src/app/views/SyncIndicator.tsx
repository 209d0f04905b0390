/**
 * Sync status as a small indicator in the header — up to date, N lessons waiting, offline, or a
 * problem — that opens a sheet with the details: what waits (counted as lessons and answers, see
 * core/waiting.ts), the last successful sync, the current error, "Sync now" and the "Couldn't
 * sync" list. The sheet is a modal <dialog>: focus moves into it, Escape closes it, and focus
 * returns to the indicator.
 */
import { useRef } from 'preact/hooks';
import type { SyncStatus } from '../../client/sync-engine';
import type { WaitingSummary } from '../../core/waiting';
import { relativeTime } from '../format';
import { formatDateTime, sayPhrase, t } from '../i18n';
import { useStore } from '../store';
import { Icon } from './Icon';

const phaseText = {
  idle: 'sync.idle',
  syncing: 'sync.syncing',
  offline: 'sync.offline',
  error: 'sync.error',
  signed_out: 'sync.signedOut',
} as const;

/** The indicator's words: the state a person acts on, in as few words as fit a header. */
export function indicatorText(
  status: SyncStatus,
  online: boolean,
  waiting: WaitingSummary,
): string {
  if (status.phase === 'signed_out') return t('sync.badgeSignedOut');
  if (!online || status.phase === 'offline') return t('sync.badgeOffline');
  if (status.phase === 'error') return t('sync.badgeProblem');
  if (waiting.lessons > 0) return t('sync.badgeWaiting', { count: waiting.lessons });
  if (waiting.total > 0) return t('sync.badgeChanges', { count: waiting.total });
  return t(status.phase === 'syncing' ? 'sync.syncing' : 'sync.idle');
}

/** The indicator's look: ok, waiting, or needs attention. */
function tone(status: SyncStatus, online: boolean, waiting: WaitingSummary, rejected: number) {
  if (status.phase === 'error' || status.phase === 'signed_out' || rejected > 0) return 'problem';
  if (!online || status.phase === 'offline') return 'offline';
  return waiting.total > 0 || status.phase === 'syncing' ? 'waiting' : 'ok';
}

export function SyncIndicator() {
  const store = useStore();
  const sheet = useRef<HTMLDialogElement>(null);
  const { status, waiting, rejected } = store.progress;
  const s = status.value;
  const online = store.online.value;
  const text = indicatorText(s, online, waiting.value);
  return (
    <div class="sync-slot" role="status">
      <button
        type="button"
        class={`sync-indicator ${tone(s, online, waiting.value, rejected.value.length)}`}
        aria-haspopup="dialog"
        aria-label={t('sync.open', { status: text })}
        onClick={() => sheet.current?.showModal()}
      >
        <span class="sync-dot" aria-hidden="true" />
        <span>{text}</span>
      </button>
      <dialog
        class="sheet"
        ref={sheet}
        aria-labelledby="sync-sheet-title"
        onClick={(e) => e.target === sheet.current && sheet.current?.close()}
      >
        <SyncDetails onClose={() => sheet.current?.close()} />
      </dialog>
    </div>
  );
}

function SyncDetails({ onClose }: { onClose: () => void }) {
  const store = useStore();
  const { status, waiting, rejected } = store.progress;
  const s = status.value;
  const w = waiting.value;
  return (
    <div class="sheet-body">
      <div class="sheet-head">
        <h2 id="sync-sheet-title">{t('sync.sheetTitle')}</h2>
        <button type="button" class="icon-button" aria-label={t('sync.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <p class="sync-line">
        <span class={`sync-dot ${s.phase}`} aria-hidden="true" />
        {t(phaseText[s.phase])}
      </p>
      <p class="muted">{t('sync.lastFull', { when: relativeTime(s.lastSyncedAt) })}</p>
      {s.error && <p class="sync-error">{sayPhrase(s.error)}</p>}
      <h3>{t('sync.waitingHeading')}</h3>
      {w.total === 0 ? (
        <p>{t('sync.nothingWaiting')}</p>
      ) : (
        <>
          <ul class="waiting-list">
            {w.lessons > 0 && <li>{t('sync.waitingLessons', { count: w.lessons })}</li>}
            {w.reviewAnswers > 0 && <li>{t('sync.waitingReviews', { count: w.reviewAnswers })}</li>}
            {w.settings > 0 && <li>{t('sync.waitingSettings', { count: w.settings })}</li>}
          </ul>
          <p class="muted">{t('sync.savedHere')}</p>
        </>
      )}
      <button
        type="button"
        class="button primary"
        onClick={() => void store.syncNow()}
        disabled={s.phase === 'syncing'}
      >
        <Icon name="sync" size={20} /> {t('sync.now')}
      </button>
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
    </div>
  );
}
