/** The LRS at /xapi (issue 19): StatementRef targets in queries (Communication §2.1.3) and migration 0120. */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { xapi } from '../../src/server/store/migrations/0050-xapi';
import { xapiStatementTargets } from '../../src/server/store/migrations/0120-xapi-statement-targets';
import { type Json, ADL, ann, course } from '../support/xapi-statement';
import { lrs, post, get, ids, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

describe('filter conditions for StatementRefs (Communication §2.1.3)', () => {
  // The specification's example: "Ben passed explosives training", and a follow-up "Andrew
  // confirmed <StatementRef to that statement>" that names neither Ben nor the training.
  const ben = { mbox: 'mailto:ben@example.com' };
  const andrew = { mbox: 'mailto:andrew@example.com' };
  const chris = { mbox: 'mailto:chris@example.com' };
  const explosives = 'http://example.com/activities/explosives-training';
  const other = 'http://example.com/activities/other';
  // Ids that sort in the order of sending, so the order is fixed even when `stored` ties.
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const ref = (n: number) => ({ objectType: 'StatementRef', id: id(n) });
  const verbs = (name: string) => ({ id: `http://example.com/verbs/${name}` });
  const registration = randomUUID();

  async function seed() {
    const list = [
      {
        id: id(1),
        actor: ben,
        verb: { id: `${ADL}passed` },
        object: { id: explosives },
        context: { registration },
      },
      { id: id(2), actor: andrew, verb: verbs('confirmed'), object: ref(1) },
      // A chain: Chris comments on Andrew's confirmation.
      { id: id(3), actor: chris, verb: verbs('commented'), object: ref(2) },
      { id: id(4), actor: andrew, verb: verbs('confirmed'), object: { id: other } },
      // A StatementRef in context does not count.
      {
        id: id(5),
        actor: chris,
        verb: verbs('noted'),
        object: { id: other },
        context: { statement: ref(1) },
      },
    ];
    for (const s of list) expect((await post(s)).status).toBe(200);
  }
  const query = (params: Record<string, string | Json>) =>
    get(
      `?${new URLSearchParams(
        Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      ).toString()}`,
    );

  it('returns the statements that target a matching statement, along chains, for every filter', async () => {
    await seed();
    expect(await ids(await query({ agent: ben }))).toEqual([id(3), id(2), id(1)]);
    expect(await ids(await query({ activity: explosives }))).toEqual([id(3), id(2), id(1)]);
    expect(await ids(await query({ verb: `${ADL}passed` }))).toEqual([id(3), id(2), id(1)]);
    expect(await ids(await query({ registration }))).toEqual([id(3), id(2), id(1)]);
    expect(await ids(await query({ agent: andrew }))).toEqual([id(4), id(3), id(2)]);
    expect(await ids(await query({ agent: ben, ascending: 'true' }))).toEqual([
      id(1),
      id(2),
      id(3),
    ]);
    // The target has to meet every filter at once.
    expect(await ids(await query({ agent: ben, verb: verbs('confirmed').id }))).toEqual([]);
    expect(await ids(await query({ agent: chris }))).toEqual([id(5), id(3)]);
  });

  it('pages the statements it adds like any others', async () => {
    await seed();
    const first = (await (await query({ agent: ben, limit: '2' })).json()) as {
      statements: Json[];
      more: string;
    };
    expect(first.statements.map((s) => s.id)).toEqual([id(3), id(2)]);
    const next = (await (await lrs.request('GET', first.more.slice('/xapi'.length))).json()) as {
      statements: Json[];
      more: string;
    };
    expect(next.statements.map((s) => s.id)).toEqual([id(1)]);
    expect(next.more).toBe('');
  });

  it('still returns what targets a voided statement, but neither it nor the voiding statement', async () => {
    await seed();
    const voiding = { id: id(6), actor: andrew, verb: { id: `${ADL}voided` }, object: ref(1) };
    expect((await post(voiding)).status).toBe(200);
    expect(await ids(await query({ agent: ben }))).toEqual([id(3), id(2)]);
    expect(await ids(await query({ activity: explosives }))).toEqual([id(3), id(2)]);
    expect(await ids(await query({ agent: andrew }))).toEqual([id(6), id(4), id(3), id(2)]);
  });
});

describe('migration 0120 (StatementRef targets of statements stored before)', () => {
  it('gives each stored statement with a StatementRef object, but no voiding one, its target', async () => {
    const db = new Kysely<Json>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    await xapi.up(db);
    const row = (id: string, verbId: string, object: Json) => ({
      org_id: 'o1',
      id,
      stored: 1,
      verb_id: verbId,
      body: JSON.stringify({ id, actor: ann, verb: { id: verbId }, object }),
    });
    await db
      .insertInto('xapi_statements')
      .values([
        row('a', `${ADL}completed`, { id: course }),
        row('b', `${ADL}experienced`, { objectType: 'StatementRef', id: 'A-TARGET' }),
        row('c', `${ADL}voided`, { objectType: 'StatementRef', id: 'a' }),
      ])
      .execute();
    await xapiStatementTargets.up(db);
    const refs = await db.selectFrom('xapi_refs').selectAll().execute();
    expect(refs).toEqual([
      {
        org_id: 'o1',
        statement_id: 'b',
        kind: 'statement',
        value: 'a-target',
        direct: 1,
        stored: 1,
      },
    ]);
    await db.destroy();
  });
});
