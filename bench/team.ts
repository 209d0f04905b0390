/**
 * What the manager's team view costs: GET /api/v1/team for a manager with N reports, each with a
 * month of lessons, against GET /api/v1/me/state for one of those reports (the baseline, measured
 * in the same run). Prints JSON; compare `ratio`, never the raw milliseconds across machines.
 *
 *   npx tsx bench/team.ts [reports=20] [lessonsPerReport=60]
 */
import { teamViewBench } from './team-view';

const reports = Number(process.argv[2] ?? 20);
const lessonsPerReport = Number(process.argv[3] ?? 60);
console.log(
  JSON.stringify(
    { bench: 'team-view', ...(await teamViewBench(reports, lessonsPerReport)) },
    null,
    2,
  ),
);
