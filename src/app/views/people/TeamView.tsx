/**
 * The manager's team: each report's streak, activity, assignments, with an "at risk" filter; and
 * links to the boards of the cohorts they manage.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { relativeTime } from '../../format';
import { paths } from '../../router';
import { useStore } from '../../store';
import { createTeamStore } from '../../stores/team';
import { Link } from '../Link';

export function TeamView() {
  const store = useStore();
  const team = useMemo(() => createTeamStore({ api: store.api }), []);
  const onlyAtRisk = useSignal(false);
  useEffect(() => void team.loadTeam(), []);
  const reports = team.reports.value;
  const shown = reports?.filter((r) => !onlyAtRisk.value || r.atRisk) ?? [];
  const competencies = store.content.catalog.value?.competencies ?? [];
  const titleOf = (id: string) => competencies.find((c) => c.id === id)?.title ?? id;

  return (
    <section class="page">
      <h1>Your team</h1>
      {team.error.value && (
        <p class="form-error" role="alert">
          {team.error.value}
        </p>
      )}
      {!reports && !team.error.value && <p class="muted">Loading your team…</p>}
      {reports && reports.length === 0 && (
        <p class="card">Nobody reports to you yet. Your admin sets up teams.</p>
      )}
      {reports && reports.length > 0 && (
        <>
          <div class="filters">
            <label>
              <input
                type="checkbox"
                checked={onlyAtRisk.value}
                onChange={(e) => (onlyAtRisk.value = e.currentTarget.checked)}
              />
              Only people at risk ({reports.filter((r) => r.atRisk).length})
            </label>
          </div>
          <ul class="team-list">
            {shown.map((r) => (
              <li key={r.id} class={r.atRisk ? 'card team-row at-risk' : 'card team-row'}>
                <Link href={paths.teamMember(r.id)} aria-label={`${r.name}: open 1:1`}>
                  {r.name}
                </Link>
                <span class="muted">
                  {r.streak}-day streak · {r.lessonsThisWeek} lessons this week · last active{' '}
                  {relativeTime(r.lastActiveAt)}
                </span>
                {r.atRisk && <span class="risk">At risk: {r.riskReasons.join('; ')}</span>}
                {r.assignments.map((a) => (
                  <span key={a.pathwayId} class={a.overdue ? 'overdue-flag' : 'muted'}>
                    {a.title}: {a.lessonsDone}/{a.lessonsTotal} · due {a.dueDate}
                    {a.overdue ? ' · overdue' : a.complete ? ' · done' : ''}
                  </span>
                ))}
                <span class="muted">
                  Competencies reached:{' '}
                  {r.competencies.length ? r.competencies.map(titleOf).join(', ') : 'none yet'}
                </span>
                {r.suggestions[0] && (
                  <span class="muted">Suggested next: {r.suggestions[0].title}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {team.cohorts.value.length > 0 && (
        <>
          <h2>Cohorts you manage</h2>
          <ul class="plain-list">
            {team.cohorts.value.map((c) => (
              <li key={c.id}>
                <Link href={paths.leaderboard(c.id)} class="button">
                  {c.name}: leaderboard and challenge
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
