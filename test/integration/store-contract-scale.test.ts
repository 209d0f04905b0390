/**
 * Store contract for scale-out: the start-up lock and the export/import of every table, on both
 * SQLite and PostgreSQL (a fresh database per test, see test/support/databases.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store/store';
import type { TransferRow } from '../../src/server/store/tables';
import { freshStore } from '../support/fresh';
import { storeKinds } from '../support/databases';

async function* rowsOf(list: TransferRow[]): AsyncIterable<TransferRow> {
  yield* list;
}

async function all(store: Store, table: string) {
  const rows = [];
  for await (const row of store.exportRows(table)) rows.push(row);
  return rows;
}

describe.each(storeKinds)('$name store: scale-out contract', (kind) => {
  const { store, db } = freshStore(kind);

  it('runs exclusive sections one at a time, even from two store instances', async () => {
    const other = kind.name === 'postgres' ? await db.open() : store;
    const log: string[] = [];
    const section = (who: string) => async () => {
      log.push(`${who} in`);
      await new Promise((r) => setTimeout(r, 50));
      log.push(`${who} out`);
      return who;
    };
    const results = await Promise.all([
      store.exclusive('startup', section('a')),
      other.exclusive('startup', section('b')),
    ]);
    expect(results).toEqual(['a', 'b']);
    expect(log.join()).toMatch(/^(a in,a out,b in,b out|b in,b out,a in,a out)$/);
  });

  it('releases the lock when the section throws', async () => {
    await expect(
      store.exclusive('startup', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.exclusive('startup', async () => 'again')).toBe('again');
  });

  it('imports rows with a self-reference in any order, and exports them in key order', async () => {
    const base = { org_id: 'o', role: 'learner', tz: 'UTC', password_hash: 'h', active: 1 };
    const counts = await store.importRows(
      rowsOf([
        { table: 'orgs', row: { id: 'o', name: 'Org' } },
        // The report comes before the manager, and two people manage each other.
        { table: 'users', row: { ...base, id: 'u1', email: 'a@x', name: 'A', manager_id: 'u3' } },
        { table: 'users', row: { ...base, id: 'u3', email: 'c@x', name: 'C', manager_id: 'u2' } },
        { table: 'users', row: { ...base, id: 'u2', email: 'b@x', name: 'B', manager_id: 'u3' } },
      ]),
    );
    expect(counts).toEqual({ orgs: 1, users: 3 });
    expect((await store.getUser('u1'))?.managerId).toBe('u3');
    expect((await all(store, 'users')).map((u) => [u.id, u.manager_id])).toEqual([
      ['u1', 'u3'],
      ['u2', 'u3'],
      ['u3', 'u2'],
    ]);
  });

  it('imports all or nothing', async () => {
    const broken = rowsOf([
      { table: 'orgs', row: { id: 'o', name: 'Org' } },
      { table: 'cohorts', row: { id: 'c', org_id: 'missing-org', name: 'C', tz: 'UTC' } },
    ]);
    await expect(store.importRows(broken)).rejects.toThrow();
    expect(await all(store, 'orgs')).toEqual([]);
  });

  it('reads a push subscription exported before pushes had a locale as English', async () => {
    const sub = {
      endpoint: 'https://push.test/old',
      user_id: 'u1',
      device_id: 'd1',
      p256dh: 'k',
      auth: 'a',
      created_at: 1,
      last_reminded_on: null,
    };
    await store.importRows(
      rowsOf([
        { table: 'orgs', row: { id: 'o', name: 'Org' } },
        {
          table: 'users',
          row: {
            id: 'u1',
            org_id: 'o',
            email: 'a@x',
            name: 'A',
            role: 'learner',
            tz: 'UTC',
            password_hash: 'h',
            active: 1,
          },
        },
        { table: 'push_subscriptions', row: sub },
      ]),
    );
    expect((await store.pushSubscriptionsOf('u1')).map((s) => s.locale)).toEqual(['en']);
    expect(await all(store, 'push_subscriptions')).toEqual([{ ...sub, locale: 'en' }]);
  });

  it('refuses a table that is not in the transfer list, or a file out of order', async () => {
    await expect(
      store.importRows(rowsOf([{ table: 'schema_migrations', row: { version: 99 } }])),
    ).rejects.toThrow(/not a transferable table/);
    await expect(
      store.importRows(
        rowsOf([
          { table: 'cohorts', row: { id: 'c', org_id: 'o', name: 'C', tz: 'UTC' } },
          { table: 'orgs', row: { id: 'o', name: 'Org' } },
        ]),
      ),
    ).rejects.toThrow(/out of order/);
    await expect(
      store.importRows(rowsOf([{ table: 'orgs', row: { id: 'o', 'name; DROP': 'x' } }])),
    ).rejects.toThrow(/bad column name/);
  });

  it('exports more than one page of rows', async () => {
    const rows: TransferRow[] = Array.from({ length: 2345 }, (_, i) => ({
      table: 'orgs',
      row: { id: `org-${String(i).padStart(5, '0')}`, name: `Org ${i}`, slug: `o${i}` },
    }));
    await store.importRows(rowsOf(rows));
    const exported = await all(store, 'orgs');
    expect(exported).toHaveLength(2345);
    expect(exported.at(-1)).toEqual({ id: 'org-02344', name: 'Org 2344', slug: 'o2344' });
  });
});
