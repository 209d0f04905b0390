/**
 * The Store contract for forwarding statements to an organisation's own LRS (issue 19), on
 * SQLite and PostgreSQL alike: events are queued in their ingest only while the organisation
 * forwards; two stores on one database never hold the same organisation's batch at once; a
 * failed attempt's backoff survives a new store instance (a restart); a lost claim records
 * nothing; stopping drops the queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForwardingSetting, Store } from '../../src/server/store/store';
import { startsAndCompletions } from '../support/api';
import { storeKinds, type TestDatabase } from '../support/databases';
import { ingestAt, twoOrgs } from '../support/fresh';

const T0 = Date.parse('2026-03-10T09:00:00.000Z');
const LEASE = 60_000;
const LESSON = 'giving-feedback.specific-feedback';

const setting = (orgId = 'acme'): ForwardingSetting => ({
  orgId,
  endpoint: 'https://lrs.example.com/xapi',
  key: 'company',
  sealedSecret: 'v1.sealed',
  home: 'https://learn.example.com',
  updatedAt: T0,
});

describe.each(storeKinds)('forwarding store on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  beforeEach(async () => {
    database = await kind.create();
    store = await database.open();
    await twoOrgs(store, 'learner');
  });
  afterEach(async () => database.dispose());

  async function learn(userId: string, n: number): Promise<string[]> {
    const events = startsAndCompletions(n, LESSON);
    await ingestAt(store, userId, events, T0 + 1000);
    return events.map((e) => e.id);
  }

  it('queues events in their ingest only while the organisation forwards', async () => {
    await learn('learner-acme', 2);
    await store.saveForwarding(setting());
    expect(await store.getForwarding('acme')).toMatchObject({ backlog: 0, lastError: null });
    const ids = await learn('learner-acme', 4);
    await learn('learner-other', 3);
    expect((await store.getForwarding('acme'))?.backlog).toBe(4);
    expect(await store.getForwarding('other')).toBeUndefined();
    const queued = await store.queuedStatements('acme', 10);
    expect(queued.toSorted()).toEqual(ids.toSorted());
    expect(await store.queuedStatements('acme', 2)).toEqual(queued.slice(0, 2));
    expect(await store.deleteForwarding('acme')).toBe(true);
    expect(await store.deleteForwarding('acme')).toBe(false);
    await store.saveForwarding(setting());
    expect(await store.queuedStatements('acme', 10)).toEqual([]);
  });

  it('gives an organisation’s batch to one store at a time, and again once the lease ran out', async () => {
    await store.saveForwarding(setting());
    const ids = await learn('learner-acme', 3);
    const second = await database.open();
    const claims = await Promise.all([
      store.claimForwarding(T0 + 2000, LEASE),
      second.claimForwarding(T0 + 2000, LEASE),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const first = claims.find(Boolean)!;
    expect(first).toMatchObject({ orgId: 'acme', endpoint: setting().endpoint, failures: 0 });
    expect(await second.claimForwarding(T0 + 2000 + LEASE - 1, LEASE)).toBeUndefined();
    // The first sender is gone: after its lease another takes over, and the first records nothing.
    const taken = await second.claimForwarding(T0 + 2001 + LEASE, LEASE);
    expect(taken?.orgId).toBe('acme');
    expect(await store.markForwarded(first, ids, T0 + 3000, true)).toBe(false);
    expect((await store.getForwarding('acme'))?.backlog).toBe(3);
    expect(await second.markForwarded(taken!, ids.slice(0, 2), T0 + 3000, true)).toBe(true);
    expect(await store.getForwarding('acme')).toMatchObject({
      backlog: 1,
      lastSuccessAt: T0 + 3000,
    });
  });

  it('keeps a failed attempt’s backoff and error across a restart', async () => {
    await store.saveForwarding(setting());
    await learn('learner-acme', 2);
    const claim = (await store.claimForwarding(T0 + 2000, LEASE))!;
    await store.markForwardFailed(claim, { code: 'status', status: 503 }, T0 + 12_000, T0 + 2000);
    await store.close();
    store = await database.open();
    expect(await store.getForwarding('acme')).toMatchObject({
      backlog: 2,
      failures: 1,
      nextAttemptAt: T0 + 12_000,
      lastError: { code: 'status', status: 503, at: T0 + 2000 },
    });
    expect(await store.claimForwarding(T0 + 11_999, LEASE)).toBeUndefined();
    const again = await store.claimForwarding(T0 + 12_000, LEASE);
    expect(again?.failures).toBe(1);
    // Nothing queued: nothing to claim.
    await store.markForwarded(again!, await store.queuedStatements('acme', 10), T0 + 13_000, true);
    expect(await store.getForwarding('acme')).toMatchObject({ backlog: 0, failures: 0 });
    expect(await store.claimForwarding(T0 + 14_000, LEASE)).toBeUndefined();
  });
});
