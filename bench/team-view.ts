/**
 * What the manager's team view costs: GET /api/v1/team for a manager with N reports, each with
 * `lessonsPerReport` lessons over a month, against GET /api/v1/me/state for one of those reports
 * (the baseline, measured in the same run). Used by bench/team.ts and bench/scale.ts.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../src/server/app';
import { aggregateFor } from '../src/server/progress-aggregate';
import { uuidv7 } from '../src/core/uuidv7';
import { clientFor } from '../test/support/api';
import { demoStore } from '../test/support/server';
import { sessionCookie } from '../test/support/sessions';

/** A demo store whose manager has `reports` more reports, each with `lessonsPerReport` lessons. */
export async function teamSetup(reports: number, lessonsPerReport: number) {
  const store = await demoStore();
  const app = createApp({ store });
  const lessons = (await store.getCatalog()).modules.flatMap((m) => m.lessons.map((l) => l.id));
  const now = Date.now();
  for (let r = 0; r < reports; r++) {
    const id = `u-bench-${r}`;
    await store.createUser({
      id,
      orgId: 'demo-co',
      email: `bench-${r}@demo.test`,
      name: `Bench ${r}`,
      role: 'learner',
      managerId: 'u-demo-manager',
      tz: 'Europe/Berlin',
      passwordHash: 'x',
    });
    const events = Array.from({ length: lessonsPerReport }, (_, i) => {
      const at = now - (i % 30) * 86_400_000 - i * 1000;
      const event = {
        id: uuidv7(() => at),
        type: 'lesson_completed' as const,
        lessonId: lessons[i % lessons.length]!,
        durationMs: 200_000,
        occurredAt: new Date(at).toISOString(),
        tz: 'Europe/Berlin',
        deviceId: `bench-device-${r}-${randomUUID().slice(0, 8)}`,
        seq: i + 1,
      };
      return { event, body: JSON.stringify(event), correctedAt: at, receivedAt: at };
    });
    // As a sync stores them: with the ledger and board rows kept (aggregateFor).
    await store.ingest(id, events, await aggregateFor(store, (await store.getUser(id))!));
  }
  return { store, app };
}

export async function teamViewBench(reports: number, lessonsPerReport: number) {
  const { store, app } = await teamSetup(reports, lessonsPerReport);

  /**
   * Mean ms of each path, the paths taking turns request by request (after a warm-up), so on a
   * busy machine every path sees the same load.
   */
  async function timed(
    paths: Array<[string, string]>,
    runs = Number(process.env.TEAM_RUNS ?? 60),
  ): Promise<number[]> {
    const clients = paths.map(([path, cookie]) => [path, clientFor(app, cookie)] as const);
    const spent = paths.map(() => 0);
    for (let i = 0; i < runs + 3; i++)
      for (const [k, [path, client]] of clients.entries()) {
        const start = performance.now();
        const res = await client.get(path);
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
        await res.arrayBuffer();
        if (i >= 3) spent[k]! += performance.now() - start;
      }
    return spent.map((ms) => ms / runs);
  }

  const manager = await sessionCookie(store, 'u-demo-manager');
  const [baselineMs, teamMs, oneOnOneMs] = (await timed([
    ['/api/v1/me/state', await sessionCookie(store, 'u-bench-0')],
    ['/api/v1/team', manager],
    ['/api/v1/team/u-bench-0', manager],
  ])) as [number, number, number];
  await store.close();
  return {
    reports: reports + 1,
    lessonsPerReport,
    baseline: { route: 'GET /api/v1/me/state', ms: Number(baselineMs.toFixed(2)) },
    team: { ms: Number(teamMs.toFixed(2)), ratio: Number((teamMs / baselineMs).toFixed(1)) },
    oneOnOne: {
      ms: Number(oneOnOneMs.toFixed(2)),
      ratio: Number((oneOnOneMs / baselineMs).toFixed(1)),
    },
  };
}
