/**
 * The manager's team: each report's streak, activity, assignments, with an "at risk" filter; and
 * links to the boards of the cohorts they manage.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { relativeTime } from '../../format';
import { formatDate } from '../../i18n';
import { t } from './messages';
import { paths } from '../../router';
import { useStore } from '../../store';
import { createTeamStore } from './team-store';
import { Link } from '../../views/Link';
import { AtRisk } from './Coaching';
import { Outcome } from './Outcome';

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
      <h1>{t('team.title')}</h1>
      <Outcome error={team.error} />
      {!reports && !team.error.value && <p class="muted">{t('team.loading')}</p>}
      {reports && reports.length === 0 && <p class="card">{t('team.empty')}</p>}
      {reports && reports.length > 0 && (
        <>
          <div class="filters">
            <label>
              <input
                type="checkbox"
                checked={onlyAtRisk.value}
                onChange={(e) => (onlyAtRisk.value = e.currentTarget.checked)}
              />
              {t('team.onlyAtRisk', { count: reports.filter((r) => r.atRisk).length })}
            </label>
          </div>
          <ul class="team-list">
            {shown.map((r) => (
              <li key={r.id} class={r.atRisk ? 'card team-row at-risk' : 'card team-row'}>
                <Link href={paths.teamMember(r.id)} aria-label={t('team.open', { name: r.name })}>
                  {r.name}
                </Link>
                <span class="muted">
                  {t('team.stats', {
                    streak: r.streak,
                    count: r.lessonsThisWeek,
                    when: relativeTime(r.lastActiveAt),
                  })}
                </span>
                {r.atRisk && <AtRisk reasons={r.riskReasons} />}
                {r.assignments.map((a) => (
                  <span key={a.pathwayId} class={a.overdue ? 'overdue-flag' : 'muted'}>
                    {t('team.assignment', {
                      title: a.title,
                      done: a.lessonsDone,
                      total: a.lessonsTotal,
                      date: formatDate(a.dueDate),
                    })}
                    {a.overdue ? t('team.overdue') : a.complete ? t('team.done') : ''}
                  </span>
                ))}
                <span class="muted">
                  {t('team.competencies', {
                    list: r.competencies.length
                      ? r.competencies.map(titleOf).join(', ')
                      : t('team.noCompetencies'),
                  })}
                </span>
                {r.suggestions[0] && (
                  <span class="muted">
                    {t('team.suggested', { title: r.suggestions[0].title })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {team.cohorts.value.length > 0 && (
        <>
          <h2>{t('team.cohorts')}</h2>
          <ul class="plain-list">
            {team.cohorts.value.map((c) => (
              <li key={c.id}>
                <Link href={paths.leaderboard(c.id)} class="button">
                  {t('team.cohortLink', { cohort: c.name })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
