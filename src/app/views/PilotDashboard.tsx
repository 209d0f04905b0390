/**
 * The admin's pilot screens (lazy-loaded): the dashboard — weekly charts with their numbers,
 * time to competency, HR outcomes, exports — and the week-by-week checklist. With no pilot yet,
 * the setup form.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { GOAL_METRICS, STREAK_BUCKETS, type PilotGoal, type PilotReport } from '../../core/pilot';
import { formatDate, formatMinutes, formatNumber, formatPercent, sayPhrase } from '../i18n';
import { t } from '../messages/pilot';
import { createPilotStore, type PilotStore, type PilotSummary } from '../stores/pilot';
import { Link } from './Link';
import { PilotChart } from './PilotChart';
import './pilot.css';

const goalLabel = (metric: PilotGoal['metric']) => t(`pilot.metric.${metric}`);
const number = (v: number | null) => (v === null ? '–' : formatNumber(v));

export function PilotDashboard({ view }: { view: 'dashboard' | 'checklist' }) {
  const store = useMemo(() => createPilotStore(), []);
  useEffect(() => void store.load(), [store]);
  const setup = store.setup.value;
  const pilot = setup?.pilots[0];
  return (
    <section class="page pilot-page">
      <nav class="pilot-tabs" aria-label={t('pilot.nav')}>
        <Link href="/pilot" aria-current={view === 'dashboard' ? 'page' : undefined}>
          {t('pilot.dashboard')}
        </Link>
        <Link href="/pilot/checklist" aria-current={view === 'checklist' ? 'page' : undefined}>
          {t('pilot.checklist')}
        </Link>
      </nav>
      {store.error.value && (
        <p class="form-error" role="alert">
          {store.error.value}
        </p>
      )}
      {!setup ? (
        <p class="muted">{t('pilot.loading')}</p>
      ) : !pilot ? (
        <NewPilotForm store={store} />
      ) : view === 'checklist' ? (
        <Checklist store={store} pilot={pilot} />
      ) : store.report.value ? (
        <Dashboard store={store} report={store.report.value} />
      ) : (
        <p class="muted">{t('pilot.loadingReport')}</p>
      )}
    </section>
  );
}

/** Assignments, 1:1 scripts opened and nudges per week, pilot next to comparison. */
function ManagerEngagement({ weeks }: { weeks: PilotReport['weeks'] }) {
  return (
    <table class="pilot-table wide">
      <caption class="visually-hidden">{t('pilot.engagementTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('pilot.week')}</th>
          <th scope="col">{t('pilot.group')}</th>
          <th scope="col">{t('pilot.assignments')}</th>
          <th scope="col">{t('pilot.scriptsOpened')}</th>
          <th scope="col">{t('pilot.nudges')}</th>
        </tr>
      </thead>
      {weeks.map((w) => (
        <tbody key={w.week}>
          {(['pilot', 'comparison'] as const).map((g, i) => (
            <tr key={g}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={2}>
                  {w.week}
                </th>
              )}
              <th scope="row">{t(`pilot.group.${g}`)}</th>
              <td>{w[g].manager.assignmentsMade ?? '–'}</td>
              <td>{w[g].manager.scriptsOpened ?? '–'}</td>
              <td>{w[g].manager.nudgesSent ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

/** The report: its notes, goals, charts and tables, worded in the reader's locale. */
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
      <PilotChart
        id="active"
        title={t('pilot.chart.active')}
        metric="weeklyActivePct"
        format={formatPercent}
        weeks={weeks}
        max={100}
      />
      <PilotChart
        id="lessons"
        title={t('pilot.chart.lessons')}
        metric="lessonsPerActive"
        format={formatNumber}
        weeks={weeks}
      />
      <PilotChart
        id="minutes"
        title={t('pilot.chart.minutes')}
        metric="minutesPerMember"
        format={formatMinutes}
        weeks={weeks}
      />
      <PilotChart
        id="pathways"
        title={t('pilot.chart.pathways')}
        metric="pathwayCompletionPct"
        format={formatPercent}
        weeks={weeks}
        max={100}
      />

      {latest && (
        <>
          <h2>{t('pilot.streaksAt', { week: latest.week })}</h2>
          <table class="pilot-table wide">
            <thead>
              <tr>
                <th scope="col">{t('pilot.streakDays')}</th>
                <th scope="col">{t('pilot.group.pilot')}</th>
                <th scope="col">{t('pilot.group.comparison')}</th>
              </tr>
            </thead>
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
          <thead>
            <tr>
              <th scope="col">{t('pilot.pathway')}</th>
              <th scope="col">{t('pilot.medianPilot')}</th>
              <th scope="col">{t('pilot.medianComparison')}</th>
            </tr>
          </thead>
          <tbody>
            {report.timeToCompetency.map((p) => (
              <tr key={p.pathwayId}>
                <th scope="row">{p.title}</th>
                <td>
                  {number(p.pilot.medianDays)} ({formatNumber(p.pilot.reached)} /{' '}
                  {formatNumber(p.pilot.started)})
                </td>
                <td>
                  {number(p.comparison.medianDays)} ({formatNumber(p.comparison.reached)} /{' '}
                  {formatNumber(p.comparison.started)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('pilot.outcomesTitle')}</h2>
      <table class="pilot-table wide">
        <thead>
          <tr>
            <th scope="col">{t('pilot.outcome')}</th>
            <th scope="col">{t('pilot.group.pilot')}</th>
            <th scope="col">{t('pilot.group.comparison')}</th>
          </tr>
        </thead>
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

function HrImport({ store }: { store: PilotStore }) {
  return (
    <div class="card pilot-hr">
      <label for="hr-file">{t('pilot.hrImport')}</label>
      <input
        id="hr-file"
        type="file"
        accept=".csv,text/csv"
        onChange={async (e) => {
          const file = (e.currentTarget as HTMLInputElement).files?.[0];
          if (file) await store.importHr(await file.text());
        }}
      />
      {store.notice.value && <p role="status">{store.notice.value}</p>}
      {store.hrErrors.value.length > 0 && (
        <ul class="form-error" aria-label={t('pilot.hrRows')}>
          {store.hrErrors.value.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The steps of running the pilot, each worded from the phrase the server sends, to tick. */
export function Checklist({ store, pilot }: { store: PilotStore; pilot: PilotSummary }) {
  const steps = store.setup.value?.checklist ?? [];
  const done = steps.filter((s) => pilot.checklist[s.id]).length;
  return (
    <>
      <h1>{t('pilot.running', { name: pilot.name })}</h1>
      <p class="lead">{t('pilot.stepsDone', { done, count: steps.length })}</p>
      <ul class="pilot-checklist">
        {steps.map((s) => (
          <li key={s.id} class="card">
            <label>
              <input
                type="checkbox"
                checked={Boolean(pilot.checklist[s.id])}
                onChange={(e) =>
                  void store.tick(pilot.id, s.id, (e.currentTarget as HTMLInputElement).checked)
                }
              />
              <span>
                {sayPhrase(s.phrase)}
                <span class="muted">
                  {' '}
                  · {s.week === 0 ? t('pilot.beforeLaunch') : t('pilot.inWeek', { week: s.week })}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}

function NewPilotForm({ store }: { store: PilotStore }) {
  const cohorts = store.setup.value?.cohorts ?? [];
  const [chosen, setChosen] = useState<string[]>([]);
  const [goals, setGoals] = useState<PilotGoal[]>([
    { metric: 'weeklyActivePct', op: '>=', target: 70 },
  ]);
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget as HTMLFormElement);
        void store.create({
          name: String(data.get('name')),
          startDate: String(data.get('startDate')),
          weeks: Number(data.get('weeks')),
          cohortIds: chosen,
          goals,
        });
      }}
    >
      <h1>{t('pilot.setUp')}</h1>
      <label for="pilot-name">{t('pilot.name')}</label>
      <input id="pilot-name" name="name" required maxLength={120} />
      <label for="pilot-start">{t('pilot.start')}</label>
      <input id="pilot-start" name="startDate" type="date" required />
      <label for="pilot-weeks">{t('pilot.weeks')}</label>
      <input id="pilot-weeks" name="weeks" type="number" min={1} max={52} value={12} required />
      <fieldset class="pilot-fieldset">
        <legend>{t('pilot.cohorts')}</legend>
        {cohorts.map((c) => (
          <label key={c.id} class="pilot-check">
            <input
              type="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(e) =>
                setChosen(
                  (e.currentTarget as HTMLInputElement).checked
                    ? [...chosen, c.id]
                    : chosen.filter((x) => x !== c.id),
                )
              }
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      <fieldset class="pilot-fieldset">
        <legend>{t('pilot.goalsUpTo')}</legend>
        {goals.map((g, i) => (
          <div key={i} class="pilot-goal-row">
            <select
              aria-label={t('pilot.goalMetric', { n: i + 1 })}
              value={g.metric}
              onChange={(e) =>
                setGoals(
                  goals.map((x, j) =>
                    j === i
                      ? {
                          ...x,
                          metric: (e.currentTarget as HTMLSelectElement)
                            .value as PilotGoal['metric'],
                        }
                      : x,
                  ),
                )
              }
            >
              {GOAL_METRICS.map((m) => (
                <option key={m} value={m}>
                  {goalLabel(m)}
                </option>
              ))}
            </select>
            <select
              aria-label={t('pilot.goalOp', { n: i + 1 })}
              value={g.op}
              onChange={(e) =>
                setGoals(
                  goals.map((x, j) =>
                    j === i
                      ? {
                          ...x,
                          op: (e.currentTarget as HTMLSelectElement).value as PilotGoal['op'],
                        }
                      : x,
                  ),
                )
              }
            >
              <option value=">=">{t('pilot.atLeast')}</option>
              <option value="<=">{t('pilot.atMost')}</option>
            </select>
            <input
              aria-label={t('pilot.goalTarget', { n: i + 1 })}
              type="number"
              min={0}
              value={g.target}
              onInput={(e) =>
                setGoals(
                  goals.map((x, j) =>
                    j === i
                      ? { ...x, target: Number((e.currentTarget as HTMLInputElement).value) }
                      : x,
                  ),
                )
              }
            />
            <button
              type="button"
              class="button small quiet"
              aria-label={t('pilot.removeGoal', { n: i + 1 })}
              onClick={() => setGoals(goals.filter((_, j) => j !== i))}
            >
              {t('pilot.remove')}
            </button>
          </div>
        ))}
        {goals.length < 3 && (
          <button
            type="button"
            class="button small"
            onClick={() =>
              setGoals([...goals, { metric: 'lessonsPerActive', op: '>=', target: 2 }])
            }
          >
            {t('pilot.addGoal')}
          </button>
        )}
      </fieldset>
      <button type="submit" class="button primary" disabled={chosen.length === 0}>
        {t('pilot.create')}
      </button>
    </form>
  );
}
