import { minutes } from '../format';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { PathwayDownloads } from './PathwayDownloads';

/** The career roadmap: where the learner stands in a role, and what the next level needs. */
export function Roadmap() {
  const store = useStore();
  const catalog = store.content.catalog.value;
  const roadmap = store.mastery.roadmap.value;
  if (!catalog) return <p class="page muted">Loading…</p>;
  if (!roadmap)
    return (
      <section class="page">
        <h1>Your roadmap</h1>
        <p>No career roles are set up yet.</p>
      </section>
    );
  const current = roadmap.levels[roadmap.currentLevel];
  const next = roadmap.levels[roadmap.currentLevel + 1];
  return (
    <section class="page roadmap">
      <h1>Your roadmap</h1>
      <label class="field">
        <span>Career path</span>
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
        {current ? (
          <>
            You are at <strong>{current.title}</strong>.
          </>
        ) : (
          <>You are starting out.</>
        )}{' '}
        {next ? (
          <>
            Next: <strong>{next.title}</strong>.
          </>
        ) : (
          <>You have reached the top level of this path.</>
        )}
      </p>
      <ol class="levels">
        {roadmap.levels.map((level, i) => (
          <li
            key={level.id}
            class={`card level ${level.complete ? 'complete' : ''}`}
            aria-current={i === roadmap.currentLevel + 1 ? 'step' : undefined}
          >
            <h2>
              {level.title} {level.complete && <span class="done-mark">✓ Reached</span>}
            </h2>
            <ul class="competencies">
              {level.competencies.map((c) => (
                <li key={c.id} class={c.reached ? 'competency reached' : 'competency'}>
                  <span class="competency-name">
                    {c.reached ? '✓ ' : '○ '}
                    {c.title}
                    <span class="visually-hidden">
                      {c.reached ? ' (reached)' : ' (not yet reached)'}
                    </span>
                  </span>
                  {!c.reached &&
                    c.pathways.map((p) => (
                      <span key={p.id} class="muted pathway-left">
                        {p.title}:{' '}
                        {p.minutesLeft > 0
                          ? `${minutes(p.minutesLeft)} left`
                          : 'pass its assessments'}
                      </span>
                    ))}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <PathwayDownloads roadmap={roadmap} />
      <p class="muted">
        A competency counts once you pass the assessment at the end of each module that builds it.
      </p>
      <Link href={paths.home()} class="back">
        Back to home
      </Link>
    </section>
  );
}
