/**
 * What the manager's team view costs: GET /api/v1/team for a manager with N reports, each with
 * a month of lessons, against GET /api/v1/me/state for one of those reports (the baseline, measured
 * in the same run), on SQLite and on PostgreSQL (TEST_DATABASE_URL). Prints JSON with p50/p95 of
 * each, their ratios, the statements each request runs and the machine's load; compare `ratio`,
 * never the raw milliseconds across machines. The target (issue 20) is a ratio ≤ 2 at 50 reports.
 *
 *   npx tsx bench/team.ts [reports=50] [lessonsPerReport=100]   (DIALECTS=sqlite,postgres; TEAM_RUNS=200)
 */
import { teamViewBench } from './team-view';
import type { Store } from '../src/server/store/store';

const reports = Number(process.argv[2] ?? 50);
const lessonsPerReport = Number(process.argv[3] ?? 100);
const dialects = (process.env.DIALECTS ?? 'sqlite,postgres').split(',') as Store['dialect'][];
const results = [];
// The manager's team: `reports` seeded reports and the demo learner (`reports` counts both).
for (const dialect of dialects)
  results.push(await teamViewBench(reports - 1, lessonsPerReport, dialect));
console.log(JSON.stringify({ bench: 'team-view', at: new Date().toISOString(), results }, null, 2));
