/** "Recommend to a colleague" on a module: pick a colleague, send; they see it on their home. */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { useStore } from '../store';
import { ColleagueSelect, StatusForm } from './StatusForm';

export function RecommendButton({ moduleId }: { moduleId: string }) {
  const store = useStore();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
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
    <StatusForm
      class="form recommend"
      submit={t('social.sendRecommendation')}
      disabled={!to}
      action={async () => {
        if (!to) return null;
        const r = await store.social.recommend(to, moduleId);
        const name = people.find((p) => p.id === to)?.name ?? t('social.someColleague');
        return t(r.alreadySent ? 'social.alreadySent' : 'social.sent', { name });
      }}
    >
      <ColleagueSelect
        id="recommend-to"
        label={t('social.recommendTo')}
        value={to}
        onChange={setTo}
      />
    </StatusForm>
  );
}
