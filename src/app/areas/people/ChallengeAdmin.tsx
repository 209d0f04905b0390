/**
 * Setting the weekly cohort challenge (managers and admins only). Lazy-loaded, so learners never
 * download it.
 */
import { useState } from 'preact/hooks';
import { t } from './messages';
import { problemText } from '../../stores/social';
import { useStore } from '../../store';

export default function ChallengeAdmin({ cohortId }: { cohortId: string }) {
  const store = useStore();
  const [goal, setGoal] = useState(String(store.social.challenge.value?.goal ?? 50));
  const [note, setNote] = useState<string | null>(null);
  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await store.social.setChallenge(cohortId, Number(goal));
          setNote(t('challenge.done'));
        } catch (err) {
          setNote(problemText(err));
        }
      }}
    >
      <h2>{t('challenge.title')}</h2>
      <label for="challenge-goal">{t('challenge.goal')}</label>
      <input
        id="challenge-goal"
        type="number"
        min={1}
        max={100000}
        inputMode="numeric"
        value={goal}
        onInput={(e) => setGoal(e.currentTarget.value)}
      />
      <button type="submit" class="button primary">
        {t('challenge.set')}
      </button>
      {note && <p role="status">{note}</p>}
    </form>
  );
}
