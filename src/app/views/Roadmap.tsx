import { minutes } from '../format';
import { t } from '../i18n';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { PathwayDownloads } from './PathwayDownloads';

/** The career roadmap: where the learner stands in a role, and what the next level needs. */
export function Roadmap() {
  const store = useStore();
  const catalog = store.content.catalog.value;
  const roadmap = store.mastery.roadmap.value;
  if (!catalog) return <p class="page muted">{t('app.loading')}</p>;
  if (!roadmap)
    return (
      <section class="page">
        <h1>{t('roadmap.title')}</h1>
        <p>{t('roadmap.noRoles')}</p>
      </section>
    );
  const current = roadmap.levels[roadmap.currentLevel];
  const next = roadmap.levels[roadmap.currentLevel + 1];
  return (
    <section class="page roadmap">
      <h1>{t('roadmap.title')}</h1>
      <label class="field">
        <span>{t('roadmap.careerPath')}</span>
        <select
          value={roadmap.roleId}
          onChange={(e) =>
            void store.mastery.chooseTrack((e.currentTarget as HTMLSelectElement).value)
          }
        >
          {catalog.roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </label>
      <p class="lead">
        {current
          ? t.rich('roadmap.at', { level: <strong>{current.title}</strong> })
          : t('roadmap.starting')}{' '}
        {next ? t.rich('roadmap.next', { level: <strong>{next.title}</strong> }) : t('roadmap.top')}
      </p>
      <ol class="levels">
        {roadmap.levels.map((level, i) => (
          <li
            key={level.id}
            class={`card level ${level.complete ? 'complete' : ''}`}
            aria-current={i === roadmap.currentLevel + 1 ? 'step' : undefined}
          >
            <h2>
              {level.title}{' '}
              {level.complete && <span class="done-mark">{t('roadmap.reached')}</span>}
            </h2>
            <ul class="competencies">
              {level.competencies.map((c) => (
                <li key={c.id} class={c.reached ? 'competency reached' : 'competency'}>
                  <span class="competency-name">
                    {c.reached ? '✓ ' : '○ '}
                    {c.title}
                    <span class="visually-hidden">
                      {t(c.reached ? 'roadmap.competencyReached' : 'roadmap.competencyOpen')}
                    </span>
                  </span>
                  {!c.reached &&
                    c.pathways.map((p) => (
                      <span key={p.id} class="muted pathway-left">
                        {p.title}:{' '}
                        {p.minutesLeft > 0
                          ? t('roadmap.minutesLeft', { minutes: minutes(p.minutesLeft) })
                          : t('roadmap.passAssessments')}
                      </span>
                    ))}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <PathwayDownloads roadmap={roadmap} />
      <p class="muted">{t('roadmap.note')}</p>
      <Link href={paths.home()} class="back">
        {t('done.home')}
      </Link>
    </section>
  );
}
