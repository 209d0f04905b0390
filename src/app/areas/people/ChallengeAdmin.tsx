/**
 * Setting the weekly cohort challenge (managers and admins only). Lazy-loaded, so learners never
 * download it.
 */
import { useState } from 'preact/hooks';
import { t } from './messages';
import { StatusForm } from '../../views/StatusForm';
import { useStore } from '../../store';

export default function ChallengeAdmin({ cohortId }: { cohortId: string }) {
  const store = useStore();
  const [goal, setGoal] = useState(String(store.social.challenge.value?.goal ?? 50));
  return (
    <StatusForm
      submit={t('challenge.set')}
      action={async () => {
        await store.social.setChallenge(cohortId, Number(goal));
        return t('challenge.done');
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
    </StatusForm>
  );
}
