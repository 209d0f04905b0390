/** "Recommend to a colleague" on a module: pick a colleague, send; they see it on their home. */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { problemText } from '../stores/social';
import { useStore } from '../store';

export function RecommendButton({ moduleId }: { moduleId: string }) {
  const store = useStore();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const people = store.social.colleagues.value;

  if (!open)
    return (
      <button
        type="button"
        class="button"
        onClick={() => {
          store.social.loadColleagues();
          setOpen(true);
        }}
      >
        {t('social.recommend')}
      </button>
    );
  return (
    <form
      class="form recommend"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!to) return;
        try {
          const r = await store.social.recommend(to, moduleId);
          const name = people.find((p) => p.id === to)?.name ?? t('social.someColleague');
          setNote(t(r.alreadySent ? 'social.alreadySent' : 'social.sent', { name }));
        } catch (err) {
          setNote(problemText(err));
        }
      }}
    >
      <label for="recommend-to">{t('social.recommendTo')}</label>
      <select id="recommend-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
        <option value="">{t('social.chooseColleague')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button type="submit" class="button primary" disabled={!to}>
        {t('social.sendRecommendation')}
      </button>
      {note && <p role="status">{note}</p>}
    </form>
  );
}
