/**
 * The admin's pilot screens (lazy-loaded): the dashboard — weekly charts with their numbers,
 * time to competency, HR outcomes, exports — and the week-by-week checklist. With no pilot yet,
 * the setup form.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { GOAL_METRICS, STREAK_BUCKETS, type PilotGoal, type PilotReport } from '../../core/pilot';
import { createPilotStore, type PilotStore, type PilotSummary } from '../stores/pilot';
import { Link } from './Link';
import { PilotChart } from './PilotChart';
import './pilot.css';

const GOAL_LABELS: Record<PilotGoal['metric'], string> = {
  weeklyActivePct: 'Weekly active learners (%)',
  lessonsPerActive: 'Lessons per active learner',
  minutesPerMember: 'Minutes learned per member',
  pathwayCompletionPct: 'Pathway completion (%)',
  retentionPct: 'Retention (%)',
  mobilityPct: 'Internal mobility (%)',
};

export function PilotDashboard({ view }: { view: 'dashboard' | 'checklist' }) {
  const store = useMemo(() => createPilotStore(), []);
  useEffect(() => void store.load(), [store]);
  const setup = store.setup.value;
  const pilot = setup?.pilots[0];
  return (
    <section class="page pilot-page">
      <nav class="pilot-tabs" aria-label="Pilot">
        <Link href="/pilot" aria-current={view === 'dashboard' ? 'page' : undefined}>
          Dashboard
        </Link>
        <Link href="/pilot/checklist" aria-current={view === 'checklist' ? 'page' : undefined}>
          Checklist
        </Link>
      </nav>
      {store.error.value && (
        <p class="form-error" role="alert">
          {store.error.value}
        </p>
      )}
      {!setup ? (
        <p class="muted">Loading the pilot…</p>
      ) : !pilot ? (
        <NewPilotForm store={store} />
      ) : view === 'checklist' ? (
        <Checklist store={store} pilot={pilot} />
      ) : store.report.value ? (
        <Dashboard store={store} report={store.report.value} />
      ) : (
        <p class="muted">Loading the report…</p>
      )}
    </section>
  );
}

/** Assignments, 1:1 scripts opened and nudges per week, pilot next to comparison. */
function ManagerEngagement({ weeks }: { weeks: PilotReport['weeks'] }) {
  return (
    <table class="pilot-table wide">
      <caption class="visually-hidden">Manager engagement by week</caption>
      <thead>
        <tr>
          <th scope="col">Week</th>
          <th scope="col">Group</th>
          <th scope="col">Assignments</th>
          <th scope="col">1:1 scripts</th>
          <th scope="col">Nudges</th>
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
              <th scope="row">{g === 'pilot' ? 'Pilot' : 'Comparison'}</th>
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

function Dashboard({ store, report }: { store: PilotStore; report: PilotReport }) {
  const weeks = report.weeks;
  const latest = weeks.at(-1);
  return (
    <>
      <h1>{report.pilot.name}</h1>
      <p class="lead">
        {report.pilot.startDate} to {report.pilot.endDate} · {report.groups.pilot.members} in the
        pilot, {report.groups.comparison.members} in the comparison group
      </p>
      <p class="notice">{report.note}</p>

      {report.goals.length > 0 && (
        <>
          <h2>Goals</h2>
          <ul class="pilot-goals">
            {report.goals.map((g) => (
              <li key={g.metric} class="card">
                {GOAL_LABELS[g.metric]} {g.op === '>=' ? '≥' : '≤'} {g.target}:{' '}
                <strong>{g.value ?? 'no data yet'}</strong>{' '}
                {g.met === null ? '' : g.met ? '— met' : '— not met yet'}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Week by week</h2>
      <p class="pilot-legend">
        <span class="key key-pilot" aria-hidden="true" /> Pilot{' '}
        <span class="key key-comparison" aria-hidden="true" /> Comparison
      </p>
      <PilotChart
        id="active"
        title="Weekly active learners"
        metric="weeklyActivePct"
        unit="%"
        weeks={weeks}
        max={100}
      />
      <PilotChart
        id="lessons"
        title="Lessons per active learner"
        metric="lessonsPerActive"
        unit=""
        weeks={weeks}
      />
      <PilotChart
        id="minutes"
        title="Minutes learned per member"
        metric="minutesPerMember"
        unit=" min"
        weeks={weeks}
      />
      <PilotChart
        id="pathways"
        title="Pathway completion"
        metric="pathwayCompletionPct"
        unit="%"
        weeks={weeks}
        max={100}
      />

      {latest && (
        <>
          <h2>Streaks at the end of week {latest.week}</h2>
          <table class="pilot-table wide">
            <thead>
              <tr>
                <th scope="col">Streak (days)</th>
                <th scope="col">Pilot</th>
                <th scope="col">Comparison</th>
              </tr>
            </thead>
            <tbody>
              {STREAK_BUCKETS.map((b) => (
                <tr key={b}>
                  <th scope="row">{b}</th>
                  <td>{latest.pilot.streaks[b]}</td>
                  <td>{latest.comparison.streaks[b]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>Manager engagement</h2>
      <p class="muted">{report.managerEngagement.note}</p>
      <ManagerEngagement weeks={weeks} />

      <h2>Time to competency</h2>
      {report.timeToCompetency.length === 0 ? (
        <p class="muted">No pathway leads to an assessed competency yet.</p>
      ) : (
        <table class="pilot-table wide">
          <thead>
            <tr>
              <th scope="col">Pathway</th>
              <th scope="col">Pilot: median days (reached / started)</th>
              <th scope="col">Comparison: median days (reached / started)</th>
            </tr>
          </thead>
          <tbody>
            {report.timeToCompetency.map((p) => (
              <tr key={p.pathwayId}>
                <th scope="row">{p.title}</th>
                <td>
                  {p.pilot.medianDays ?? '–'} ({p.pilot.reached} / {p.pilot.started})
                </td>
                <td>
                  {p.comparison.medianDays ?? '–'} ({p.comparison.reached} / {p.comparison.started})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Retention and internal mobility</h2>
      <table class="pilot-table wide">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col">Pilot</th>
            <th scope="col">Comparison</th>
          </tr>
        </thead>
        <tbody>
          {(['retention', 'mobility'] as const).map((o) => (
            <tr key={o}>
              <th scope="row">{o === 'retention' ? 'Retention' : 'Internal mobility'}</th>
              {(['pilot', 'comparison'] as const).map((g) => {
                const p = report.outcomes[g][o];
                return (
                  <td key={g}>
                    {p.pct === null ? '–' : `${p.pct}%`} of {p.n}
                    {p.low !== null && (
                      <span class="muted">
                        {' '}
                        (95% CI {p.low}–{p.high}%)
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

      <h2>Export</h2>
      <ul class="pilot-exports">
        {['weekly', 'competency', 'outcomes', 'events'].map((t) => (
          <li key={t}>
            <a class="button small" href={`/api/v1/pilot/export/${t}.csv`} download>
              {t === 'events' ? 'All learning events' : `${t[0]!.toUpperCase()}${t.slice(1)} table`}{' '}
              (CSV)
            </a>
          </li>
        ))}
      </ul>
      <p class="muted">
        The same numbers as JSON for BI tools: <code>GET /api/v1/pilot/report</code>
      </p>
    </>
  );
}

function HrImport({ store }: { store: PilotStore }) {
  return (
    <div class="card pilot-hr">
      <label for="hr-file">
        Import an HR file (CSV: email, hire_date, exit_date, internal_moves)
      </label>
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
        <ul class="form-error" aria-label="Rows to fix">
          {store.hrErrors.value.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Checklist({ store, pilot }: { store: PilotStore; pilot: PilotSummary }) {
  const steps = store.setup.value?.checklist ?? [];
  const done = steps.filter((s) => pilot.checklist[s.id]).length;
  return (
    <>
      <h1>Running {pilot.name}</h1>
      <p class="lead">
        {done} of {steps.length} steps done
      </p>
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
                {s.title}
                <span class="muted"> · {s.week === 0 ? 'before launch' : `week ${s.week}`}</span>
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
      <h1>Set up a pilot</h1>
      <label for="pilot-name">Name</label>
      <input id="pilot-name" name="name" required maxLength={120} />
      <label for="pilot-start">Start date</label>
      <input id="pilot-start" name="startDate" type="date" required />
      <label for="pilot-weeks">Weeks</label>
      <input id="pilot-weeks" name="weeks" type="number" min={1} max={52} value={12} required />
      <fieldset class="pilot-fieldset">
        <legend>Pilot cohorts (everyone else in the organisation is the comparison group)</legend>
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
        <legend>Goals (up to three)</legend>
        {goals.map((g, i) => (
          <div key={i} class="pilot-goal-row">
            <select
              aria-label={`Goal ${i + 1} metric`}
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
                  {GOAL_LABELS[m]}
                </option>
              ))}
            </select>
            <select
              aria-label={`Goal ${i + 1} comparison`}
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
              <option value=">=">at least</option>
              <option value="<=">at most</option>
            </select>
            <input
              aria-label={`Goal ${i + 1} target`}
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
              aria-label={`Remove goal ${i + 1}`}
              onClick={() => setGoals(goals.filter((_, j) => j !== i))}
            >
              Remove
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
            Add a goal
          </button>
        )}
      </fieldset>
      <button type="submit" class="button primary" disabled={chosen.length === 0}>
        Create the pilot
      </button>
    </form>
  );
}
