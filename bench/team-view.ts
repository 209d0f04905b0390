/**
 * What the manager's team view costs: GET /api/v1/team for a manager with N reports (a team as
 * test/support/team.ts seeds it: `lessonsPerReport` lessons each over a month, some quiet, some
 * overdue, some never started), against GET /api/v1/me/state for one of those reports (the
 * baseline, measured in the same run, the two taking turns request by request). SQLite in a file,
 * or a fresh PostgreSQL schema on TEST_DATABASE_URL. Used by bench/team.ts and bench/scale.ts.
 */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { loadContentDir } from '../src/server/content/load';
import { createApp } from '../src/server/app';
import { seedDemo } from '../src/server/seed';
import type { Store } from '../src/server/store/store';
import { clientFor } from '../test/support/api';
import { storeKinds } from '../test/support/databases';
import { sessionCookie } from '../test/support/sessions';
import { seedTeam } from '../test/support/team';

const ROOT = join(import.meta.dirname, '..');

/** The demo store on `dialect` whose manager has `reports` more reports with histories. */
export async function teamSetup(
  reports: number,
  lessonsPerReport: number,
  dialect: Store['dialect'] = 'sqlite',
) {
  const database = await storeKinds.find((k) => k.name === dialect)!.create();
  const store = await database.open();
  await seedDemo(store);
  const content = loadContentDir(join(ROOT, 'content'));
  await store.saveContent(content.catalog, content.modules);
  const now = Date.now();
  const ids = await seedTeam(store, {
    orgId: 'demo-co',
    managerId: 'u-demo-manager',
    reports,
    lessonsPerReport,
    now,
    prefix: 'u-bench',
  });
  return { store, app: createApp({ store }), learner: ids[1]!, dispose: () => database.dispose() };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

export async function teamViewBench(
  reports: number,
  lessonsPerReport: number,
  dialect: Store['dialect'] = 'sqlite',
) {
  const { store, app, learner, dispose } = await teamSetup(reports, lessonsPerReport, dialect);
  const runs = Number(process.env.TEAM_RUNS ?? 200);
  const manager = await sessionCookie(store, 'u-demo-manager');
  const paths: Array<[string, string]> = [
    ['/api/v1/me/state', await sessionCookie(store, learner)],
    ['/api/v1/team', manager],
    [`/api/v1/team/${learner}`, manager],
  ];
  const clients = paths.map(([path, cookie]) => [path, clientFor(app, cookie)] as const);

  // Statements per request, counted on the store's query hook.
  const statements: number[] = [];
  for (const [path, client] of clients) {
    let n = 0;
    await (await client.get(path)).arrayBuffer(); // content parsed and kept before counting
    const stop = store.watchQueries(() => n++);
    await (await client.get(path)).arrayBuffer();
    stop();
    statements.push(n);
  }

  // The paths take turns request by request (after a warm-up), so on a busy machine every path
  // sees the same load.
  const loadBefore = loadavg()[0]!;
  const samples = paths.map((): number[] => []);
  for (let i = 0; i < runs + 20; i++)
    for (const [k, [path, client]] of clients.entries()) {
      const start = performance.now();
      const res = await client.get(path);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      await res.arrayBuffer();
      if (i >= 20) samples[k]!.push(performance.now() - start);
    }
  const loadAfter = loadavg()[0]!;
  await store.close();
  await dispose();
  const [baseline, team, oneOnOne] = samples.map(percentiles) as [
    ReturnType<typeof percentiles>,
    ReturnType<typeof percentiles>,
    ReturnType<typeof percentiles>,
  ];
  const ratio = (x: ReturnType<typeof percentiles>) => ({
    p50: round(x.p50 / baseline.p50),
    p95: round(x.p95 / baseline.p95),
  });
  return {
    dialect,
    reports: reports + 1,
    lessonsPerReport,
    runs,
    loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
    baseline: { route: 'GET /api/v1/me/state', ms: baseline, statements: statements[0] },
    team: { ms: team, statements: statements[1], ratio: ratio(team) },
    oneOnOne: { ms: oneOnOne, statements: statements[2], ratio: ratio(oneOnOne) },
  };
}
