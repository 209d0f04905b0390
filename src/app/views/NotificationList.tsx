/**
 * Unread notifications on home: a composed one (an assignment, the default nudge) is worded in
 * the learner's locale from its phrase (which names the sender); a manager's typed message shows
 * as they typed it, after who sent it.
 */
import { sayPhrase, t } from '../i18n';
import type { HomeNotification } from '../../core/api';

export function NotificationList({
  notifications,
  onMarkRead,
}: {
  notifications: readonly HomeNotification[];
  onMarkRead: () => void;
}) {
  return (
    <section class="card notifications" aria-label={t('extras.notifications')}>
      <ul>
        {notifications.map((n) => (
          <li key={n.id}>
            {n.phrase ? (
              sayPhrase(n.phrase)
            ) : (
              <>
                {n.fromName && <strong>{t('extras.from', { name: n.fromName })} </strong>}
                {n.text}
              </>
            )}
          </li>
        ))}
      </ul>
      <button type="button" class="button small quiet" onClick={onMarkRead}>
        {t('extras.markRead')}
      </button>
    </section>
  );
}
