/** Home's social block: the cohort challenge bar and "Recommended by <name>". Names are text. */
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import '../motivation.css';

export function ChallengeBar() {
  const challenge = useStore().social.challenge.value;
  if (!challenge?.goal) return null;
  const { goal, done } = challenge;
  return (
    <div class="challenge">
      <p class="challenge-label" id="challenge-label">
        {t('social.challenge', { done, count: goal })}
      </p>
      <div
        class="challenge-bar"
        role="progressbar"
        aria-labelledby="challenge-label"
        aria-valuemin={0}
        aria-valuemax={goal}
        aria-valuenow={Math.min(done, goal)}
      >
        <span style={{ width: `${Math.min(100, (done / goal) * 100)}%` }} />
      </div>
    </div>
  );
}

export function SocialHome() {
  const store = useStore();
  const user = store.session.user.value!;
  const catalog = store.content.catalog.value;
  useEffect(() => store.social.loadHome(user.cohortIds[0]), [user.id]);
  const recs = store.social.recommendations.value;
  return (
    <>
      <ChallengeBar />
      {recs.length > 0 && (
        <ul class="recommendations" aria-label={t('social.recommendedToYou')}>
          {recs.map((r) => {
            const module = catalog?.modules.find((m) => m.id === r.moduleId);
            if (!module) return null;
            return (
              <li key={`${r.moduleId}:${r.fromName}`}>
                <Link href={paths.module(module.id)} class="card recommendation">
                  <span class="eyebrow">{t('social.recommendedBy', { name: r.fromName })}</span>
                  <span class="module-title">{module.title}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
