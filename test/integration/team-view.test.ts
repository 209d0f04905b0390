/**
 * The manager's team view (`GET /api/v1/team`, src/server/team-view.ts) reads the whole team at
 * once: it shows each report exactly what the per-report computation (team-progress.ts, which the
 * 1:1 page and the digest use) gives, and costs the same number of statements for a team of 8 as
 * for a team of 32, none of them on the event log. Runs on SQLite and, in the postgres project,
 * on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { TeamReply } from '../../src/core/api';
import { careerGap } from '../../src/core/career';
import { createApp } from '../../src/server/app';
import { contentSnapshot } from '../../src/server/content-snapshot';
import { reportProgressOf } from '../../src/server/team-progress';
import { clientFor } from '../support/api';
import { appPerTest } from '../support/app-per-test';
import { sessionCookie } from '../support/sessions';
import { seedTeam } from '../support/team';

const run = appPerTest();
const NOW = Date.now();
const team = { orgId: 'demo-co', managerId: 'u-demo-manager', lessonsPerReport: 40, now: NOW };

async function teamOf(managerId = team.managerId) {
  const app = createApp({ store: run.store, now: () => NOW });
  const client = clientFor(app, await sessionCookie(run.store, managerId));
  const statements: string[] = [];
  // The first request reads and parses the content (kept per store after); count the next.
  await client.get('/api/v1/team');
  const stop = run.store.watchQueries((sql) => statements.push(sql));
  const res = await client.get('/api/v1/team');
  stop();
  expect(res.status).toBe(200);
  return { reply: (await res.json()) as TeamReply, statements };
}

describe('the team view', () => {
  it('shows every report what the per-report computation gives', async () => {
    const ids = await seedTeam(run.store, { ...team, reports: 14 });
    // Cohorts the manager leads (two, listed by name) and one they do not.
    for (const [id, name, managerIds] of [
      ['c-zeta', 'Zeta', [team.managerId]],
      ['c-alpha', 'Alpha', [team.managerId, 'u-demo-manager2']],
      ['c-other', 'Other', ['u-demo-manager2']],
    ] as const) {
      await run.store.createCohort({ id, orgId: team.orgId, name, tz: 'Europe/Berlin' });
      await run.store.updateCohort(team.orgId, id, { managerIds: [...managerIds] });
    }
    const { reply } = await teamOf();
    const { catalog } = await contentSnapshot(run.store, team.orgId);
    const expected = [];
    for (const p of (await run.store.listPeople(team.orgId)).filter(
      (p) => p.active && p.managerId === team.managerId,
    )) {
      const progress = await reportProgressOf(run.store, p, catalog, NOW);
      const gap = p.career ? careerGap(catalog, p.career, progress.competencies) : undefined;
      expected.push({
        ...{ id: p.id, name: p.name, email: p.email, tz: p.tz, career: p.career },
        ...progress,
        suggestions: gap?.suggestions.slice(0, 3) ?? [],
      });
    }
    expect(reply.reports).toEqual(expected);
    const led = (await run.store.listCohorts(team.orgId))
      .filter((c) => c.managerIds.includes(team.managerId))
      .map((c) => ({ id: c.id, name: c.name, tz: c.tz }));
    expect(reply.cohorts).toEqual(led);
    expect(reply.cohorts.map((c) => c.id)).toEqual(['c-alpha', 'c-zeta']);
    // The team is one a manager tells apart: the demo learner and the 14 seeded reports, some
    // quiet, some overdue, some on a streak, some with a career to grow in.
    expect(reply.reports.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
    const row = (id: string) => reply.reports.find((r) => r.id === id)!;
    expect(row(ids[0]!)).toMatchObject({ atRisk: true, assignments: [{ overdue: true }] });
    expect(row(ids[0]!).riskReasons.map((r) => r.key)).toEqual(['coach.risk.overdue']);
    expect(row(ids[2]!)).toMatchObject({ atRisk: false, assignments: [{ overdue: false }] });
    expect(row(ids[1]!).streak).toBeGreaterThan(0);
    expect(row(ids[1]!).lessonsThisWeek).toBeGreaterThan(0);
    expect(row(ids[4]!)).toMatchObject({ streak: 0, lessonsThisWeek: 0, atRisk: true });
    expect(row(ids[9]!).riskReasons.map((r) => r.key)).toEqual(['coach.risk.quiet']);
    expect(row(ids[6]!)).toMatchObject({ streak: 0, lastActiveAt: null, completedLessonIds: [] });
    expect(row(ids[3]!).suggestions.length).toBeGreaterThan(0);
    expect(reply.pathways.length).toBeGreaterThan(0);
  });

  it('costs the same statements for 8 reports as for 32, and never reads the event log', async () => {
    await seedTeam(run.store, { ...team, reports: 8, prefix: 'u-small' });
    const small = await teamOf();
    await seedTeam(run.store, { ...team, reports: 24, prefix: 'u-more' });
    const large = await teamOf();
    expect(large.reply.reports).toHaveLength(small.reply.reports.length + 24);
    expect(large.statements).toHaveLength(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(8);
    expect(large.statements.filter((s) => /\bfrom "events"/.test(s))).toEqual([]);
  });

  it('lists another manager their own reports, in the same few statements', async () => {
    await seedTeam(run.store, { ...team, reports: 5 });
    const { reply, statements } = await teamOf('u-demo-manager2');
    expect(reply.reports.length).toBeGreaterThan(0);
    expect(
      reply.reports.filter((r) => r.id.startsWith('u-team-') || r.id === 'u-demo-learner'),
    ).toEqual([]);
    expect(statements.length).toBeLessThanOrEqual(8);
  });
});
