/** The cohort's recognition feed: recent kudos among its members, as plain text. */
import { useEffect } from 'preact/hooks';
import { relativeTime } from '../format';
import { t } from '../i18n';
import { useStore } from '../store';

export function RecognitionFeed({ cohortId }: { cohortId: string }) {
  const store = useStore();
  useEffect(() => store.social.loadFeed(cohortId), [cohortId]);
  const feed = store.social.feed.value;
  if (feed.length === 0) return null;
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">{t('social.feed')}</h2>
      <ul class="feed">
        {feed.map((k) => (
          <li key={k.id}>
            {t.rich(k.reason === 'streak' ? 'social.feedStreak' : 'social.feedLesson', {
              from: <strong>{k.fromName}</strong>,
              to: <strong>{k.toName}</strong>,
            })}
            {k.message && t('social.quote', { text: k.message })}{' '}
            <span class="muted">{relativeTime(new Date(k.createdAt).toISOString())}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
