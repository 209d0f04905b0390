/**
 * The pilot's report: its notes, goals, charts with their numbers, streaks, manager engagement,
 * time to competency, HR outcomes and exports, worded in the reader's locale.
 */
import type { PilotReport } from '../../../core/pilot';
import { STREAK_BUCKETS } from '../../../core/pilot/tally';
import { formatDate, formatMinutes, formatNumber, formatPercent, sayPhrase } from '../../i18n';
import { goalLabel, numberOrDash } from './format';
import { HrImport } from './HrImport';
import { ManagerEngagement } from './ManagerEngagement';
import { t } from './messages';
import { PilotChart } from './PilotChart';
import type { PilotStore } from './pilot-store';

/** The week-by-week charts: what each shows and how its values read. */
const CHARTS = [
  { id: 'active', metric: 'weeklyActivePct', format: formatPercent, max: 100 },
  { id: 'lessons', metric: 'lessonsPerActive', format: formatNumber },
  { id: 'minutes', metric: 'minutesPerMember', format: formatMinutes },
  { id: 'pathways', metric: 'pathwayCompletionPct', format: formatPercent, max: 100 },
] as const;

/** A table's column headings. */
function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function Dashboard({ store, report }: { store: PilotStore; report: PilotReport }) {
  const weeks = report.weeks;
  const latest = weeks.at(-1);
  return (
    <>
      <h1>{report.pilot.name}</h1>
      <p class="lead">
        {t('pilot.period', {
          start: formatDate(report.pilot.startDate),
          end: formatDate(report.pilot.endDate),
          pilot: report.groups.pilot.members,
          comparison: report.groups.comparison.members,
        })}
      </p>
      <p class="notice">{sayPhrase(report.note)}</p>

      {report.goals.length > 0 && (
        <>
          <h2>{t('pilot.goals')}</h2>
          <ul class="pilot-goals">
            {report.goals.map((g) => (
              <li key={g.metric} class="card">
                {goalLabel(g.metric)} {g.op === '>=' ? '≥' : '≤'} {formatNumber(g.target)}:{' '}
                <strong>{g.value === null ? t('pilot.noData') : formatNumber(g.value)}</strong>{' '}
                {g.met === null ? '' : t(g.met ? 'pilot.met' : 'pilot.notMet')}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('pilot.weekByWeek')}</h2>
      <p class="pilot-legend">
        <span class="key key-pilot" aria-hidden="true" /> {t('pilot.group.pilot')}{' '}
        <span class="key key-comparison" aria-hidden="true" /> {t('pilot.group.comparison')}
      </p>
      {CHARTS.map((c) => (
        <PilotChart key={c.id} {...c} title={t(`pilot.chart.${c.id}`)} weeks={weeks} />
      ))}

      {latest && (
        <>
          <h2>{t('pilot.streaksAt', { week: latest.week })}</h2>
          <table class="pilot-table wide">
            <Head
              cols={[t('pilot.streakDays'), t('pilot.group.pilot'), t('pilot.group.comparison')]}
            />
            <tbody>
              {STREAK_BUCKETS.map((b) => (
                <tr key={b}>
                  <th scope="row">{b}</th>
                  <td>{formatNumber(latest.pilot.streaks[b])}</td>
                  <td>{formatNumber(latest.comparison.streaks[b])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>{t('pilot.managers')}</h2>
      <p class="muted">{sayPhrase(report.managerEngagement.note)}</p>
      <ManagerEngagement weeks={weeks} />

      <h2>{t('pilot.timeToCompetency')}</h2>
      {report.timeToCompetency.length === 0 ? (
        <p class="muted">{t('pilot.noCompetencyPath')}</p>
      ) : (
        <table class="pilot-table wide">
          <Head cols={[t('pilot.pathway'), t('pilot.medianPilot'), t('pilot.medianComparison')]} />
          <tbody>
            {report.timeToCompetency.map((p) => (
              <tr key={p.pathwayId}>
                <th scope="row">{p.title}</th>
                {[p.pilot, p.comparison].map((g, i) => (
                  <td key={i}>
                    {numberOrDash(g.medianDays)} ({formatNumber(g.reached)} /{' '}
                    {formatNumber(g.started)})
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('pilot.outcomesTitle')}</h2>
      <table class="pilot-table wide">
        <Head cols={[t('pilot.outcome'), t('pilot.group.pilot'), t('pilot.group.comparison')]} />
        <tbody>
          {(['retention', 'mobility'] as const).map((o) => (
            <tr key={o}>
              <th scope="row">{t(o === 'retention' ? 'pilot.retention' : 'pilot.mobility')}</th>
              {(['pilot', 'comparison'] as const).map((g) => {
                const p = report.outcomes[g][o];
                return (
                  <td key={g}>
                    {t('pilot.ofN', {
                      percent: p.pct === null ? '–' : formatPercent(p.pct),
                      n: p.n,
                    })}
                    {p.low !== null && (
                      <span class="muted">
                        {t('pilot.ci', { low: p.low, high: p.high ?? '–' })}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <HrImport store={store} />

      <h2>{t('pilot.export')}</h2>
      <ul class="pilot-exports">
        {(['weekly', 'competency', 'outcomes', 'events'] as const).map((table) => (
          <li key={table}>
            <a class="button small" href={`/api/v1/pilot/export/${table}.csv`} download>
              {t('pilot.csv', { label: t(`pilot.export.${table}`) })}
            </a>
          </li>
        ))}
      </ul>
      <p class="muted">
        {t('pilot.json')} <code>GET /api/v1/pilot/report</code>
      </p>
    </>
  );
}
