/**
 * Store contract for the pilot: pilots and their checklist, HR records, org members and cohorts,
 * and keyset-paged event reads. Runs on SQLite and PostgreSQL alike.
 */
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import type { EventRow, NewUser, Store } from '../../src/server/store/store';
import { createOrgWithCohort } from '../../src/server/seed';
import { freshStore, ingestAt, newLearner } from '../support/fresh';
import { storeKinds } from '../support/databases';

const T0 = Date.parse('2026-01-05T09:00:00.000Z');

const user = (id: string, orgId = 'org-1', cohortIds: string[] = []): NewUser =>
  newLearner(id, orgId, { tz: 'Europe/Berlin', cohortIds });

let seq = 0;
function completed(at: number, lessonId = 'mod-a.l1'): ProgressEvent {
  seq++;
  return {
    id: uuidv7(),
    type: 'lesson_completed',
    lessonId,
    durationMs: 1000,
    occurredAt: new Date(at).toISOString(),
    tz: 'Europe/Berlin',
    deviceId: 'device-pilot-1',
    seq,
  };
}

const store = (s: Store, userId: string, events: ProgressEvent[], correctedAt?: number) =>
  ingestAt(s, userId, events, T0, correctedAt);

async function all(pages: AsyncIterable<EventRow[]>): Promise<EventRow[][]> {
  const out: EventRow[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe.each(storeKinds)('$name store: pilot contract', (kind) => {
  const { store: s } = freshStore(kind, async (store) => {
    await createOrgWithCohort(
      store,
      { id: 'org-1', name: 'Acme' },
      { id: 'pilot-team', name: 'Pilot team', tz: 'Europe/Berlin' },
    );
    await createOrgWithCohort(
      store,
      { id: 'org-2', name: 'Other' },
      { id: 'elsewhere', name: 'Elsewhere', tz: 'UTC' },
    );
    await store.createUser(user('ann', 'org-1', ['pilot-team']));
    await store.createUser(user('bob'));
    await store.createUser(user('eve', 'org-2', ['elsewhere']));
  });

  it('lists an organisation’s cohorts and members only', async () => {
    expect(await s.orgCohorts('org-1')).toEqual([
      { id: 'pilot-team', name: 'Pilot team', tz: 'Europe/Berlin' },
    ]);
    expect(await s.orgMembers('org-1')).toEqual([
      { userId: 'ann', email: 'ann@example.com', cohortIds: ['pilot-team'] },
      { userId: 'bob', email: 'bob@example.com', cohortIds: [] },
    ]);
  });

  it('creates pilots, newest first, and ticks checklist steps for its own org only', async () => {
    const base = { orgId: 'org-1', startDate: '2026-01-05', weeks: 12, cohortIds: ['pilot-team'] };
    await s.createPilot({ ...base, id: 'p-old', name: 'Old', goals: [], createdAt: T0 });
    await s.createPilot({
      ...base,
      id: 'p-new',
      name: 'Spring',
      goals: [{ metric: 'weeklyActivePct', op: '>=', target: 70 }],
      createdAt: T0 + 1,
    });
    expect(await s.setPilotStep('org-1', 'p-new', 'launch', { at: T0 + 5, by: 'ann' })).toBe(true);
    expect(await s.setPilotStep('org-1', 'p-new', 'select-teams', { at: T0 + 6, by: 'bob' })).toBe(
      true,
    );
    expect(await s.setPilotStep('org-1', 'p-new', 'select-teams', null)).toBe(true);
    expect(await s.setPilotStep('org-2', 'p-new', 'launch', { at: T0, by: 'eve' })).toBe(false);

    const pilots = await s.listPilots('org-1');
    expect(pilots.map((p) => p.id)).toEqual(['p-new', 'p-old']);
    expect(pilots[0]).toEqual({
      ...base,
      id: 'p-new',
      name: 'Spring',
      goals: [{ metric: 'weeklyActivePct', op: '>=', target: 70 }],
      createdAt: T0 + 1,
      checklist: { launch: { doneAt: T0 + 5, doneBy: 'ann' } },
    });
    expect(await s.listPilots('org-2')).toEqual([]);
  });

  it('adds and replaces HR records by email, per org', async () => {
    await s.saveHrRecords('org-1', [
      { email: 'ann@example.com', hireDate: '2020-01-01', exitDate: null, moves: [] },
      {
        email: 'bob@example.com',
        hireDate: '2021-01-01',
        exitDate: '2026-02-01',
        moves: ['2025-01-01'],
      },
    ]);
    await s.saveHrRecords('org-1', [
      { email: 'ANN@example.com', hireDate: '2020-01-01', exitDate: null, moves: ['2026-02-02'] },
    ]);
    expect(await s.hrRecords('org-1')).toEqual([
      { email: 'ann@example.com', hireDate: '2020-01-01', exitDate: null, moves: ['2026-02-02'] },
      {
        email: 'bob@example.com',
        hireDate: '2021-01-01',
        exitDate: '2026-02-01',
        moves: ['2025-01-01'],
      },
    ]);
    expect(await s.hrRecords('org-2')).toEqual([]);
  });

  it('pages an org’s events in time order by keyset, filtered by time and type', async () => {
    const annEvents = [0, 1, 2, 3, 4].map((i) => completed(T0 + i * 60_000, `mod-a.l${i}`));
    await store(s, 'ann', annEvents);
    // Two events with the same corrected instant: the id breaks the tie, none is skipped.
    await store(s, 'bob', [completed(T0 + 2 * 60_000), completed(T0 + 10 * 60_000)]);
    await store(s, 'eve', [completed(T0)]);
    await s.ingest('bob', [
      {
        event: { ...completed(T0 + 60_000), type: 'lesson_started' } as ProgressEvent,
        body: '{}',
        correctedAt: T0 + 60_000,
        receivedAt: T0,
      },
    ]);

    const pages = await all(
      s.eventPages({
        orgId: 'org-1',
        fromMs: T0,
        toMs: T0 + 5 * 60_000,
        types: ['lesson_completed'],
        pageSize: 2,
      }),
    );
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    const rows = pages.flat();
    expect(rows.map((r) => r.correctedAt - T0)).toEqual([
      0, 60_000, 120_000, 120_000, 180_000, 240_000,
    ]);
    expect(rows[0]).toMatchObject({
      id: annEvents[0]!.id,
      userId: 'ann',
      email: 'ann@example.com',
      type: 'lesson_completed',
      occurredAt: annEvents[0]!.occurredAt,
      tz: 'Europe/Berlin',
      lessonId: 'mod-a.l0',
    });
    expect(JSON.parse(rows[0]!.body)).toMatchObject({ lessonId: 'mod-a.l0', durationMs: 1000 });

    const everything = (
      await all(s.eventPages({ orgId: 'org-1', fromMs: 0, toMs: T0 + 3_600_000 }))
    ).flat();
    expect(everything).toHaveLength(8);
    expect(everything.filter((r) => r.type === 'lesson_started')).toHaveLength(1);
    expect(
      (await all(s.eventPages({ orgId: 'org-2', fromMs: 0, toMs: T0 + 1 }))).flat(),
    ).toHaveLength(1);
    expect(
      await all(s.eventPages({ orgId: 'org-1', fromMs: T0 + 3_600_000, toMs: T0 + 7_200_000 })),
    ).toEqual([]);
  });
});
