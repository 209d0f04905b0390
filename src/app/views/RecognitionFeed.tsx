/** The cohort's recognition feed: recent kudos among its members, as plain text. */
import { useEffect } from 'preact/hooks';
import { relativeTime } from '../format';
import { useStore } from '../store';

export function RecognitionFeed({ cohortId }: { cohortId: string }) {
  const store = useStore();
  useEffect(() => store.social.loadFeed(cohortId), [cohortId]);
  const feed = store.social.feed.value;
  if (feed.length === 0) return null;
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">Recognition</h2>
      <ul class="feed">
        {feed.map((k) => (
          <li key={k.id}>
            <strong>{k.fromName}</strong> gave <strong>{k.toName}</strong> kudos{' '}
            {k.reason === 'streak' ? 'for their streak' : 'for a lesson'}
            {k.message && <> — “{k.message}”</>}{' '}
            <span class="muted">{relativeTime(new Date(k.createdAt).toISOString())}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
