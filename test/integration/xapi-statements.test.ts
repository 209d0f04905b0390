/** The LRS at /xapi (issue 19): writing statements (ids, conflicts), voiding, and queries with paging. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Json, ADL, ann, bob, course, statement } from '../support/xapi-statement';
import { lrs, post, get, ids, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

describe('writing statements', () => {
  it('stores a PUT under its id, sets stored, authority and version, and answers 204', async () => {
    const id = randomUUID();
    expect((await lrs.request('PUT', `/statements?statementId=${id}`, statement())).status).toBe(
      204,
    );
    const res = await get(`?statementId=${id}`);
    expect(res.status).toBe(200);
    const s = (await res.json()) as Json;
    expect(s.id).toBe(id);
    expect(s.version).toBe('2.0.0');
    expect(typeof s.stored).toBe('string');
    expect(s.timestamp).toBe(s.stored);
    expect(s.authority).toMatchObject({ account: { homePage: 'http://localhost', name: lrs.key } });
    expect(res.headers.get('last-modified')).toBe(new Date(String(s.stored)).toUTCString());
    expect(res.headers.get('x-experience-api-version')).toBe('2.0.0');
  });

  it('answers the ids of a POSTed list in order, making ids where none were sent', async () => {
    const given = randomUUID();
    const res = await post([statement({ id: given }), statement()]);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as string[];
    expect(answer[0]).toBe(given);
    expect(answer[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts the same statement again and refuses a different one with that id (409)', async () => {
    const id = randomUUID();
    expect((await post(statement({ id }))).status).toBe(200);
    expect((await post(statement({ id }))).status).toBe(200);
    expect((await lrs.request('PUT', `/statements?statementId=${id}`, statement())).status).toBe(
      204,
    );
    const conflict = await post(statement({ id, verb: { id: `${ADL}failed` } }));
    expect(conflict.status).toBe(409);
    const stored = (await (await get(`?statementId=${id}`)).json()) as Json;
    expect((stored.verb as Json).id).toBe(`${ADL}completed`);
  });

  it('refuses one id twice in one request and a PUT whose body names another id', async () => {
    const id = randomUUID();
    expect((await post([statement({ id }), statement({ id })])).status).toBe(400);
    expect(
      (await lrs.request('PUT', `/statements?statementId=${id}`, statement({ id: randomUUID() })))
        .status,
    ).toBe(400);
    expect((await lrs.request('PUT', '/statements', statement())).status).toBe(400);
  });

  it('answers 400, never 5xx, for bodies that are not statements', async () => {
    for (const body of ['not json', '[]', 'null', '42', '{"actor":']) {
      const res = await lrs.request('POST', '/statements', body, {
        'content-type': 'application/json',
      });
      expect(res.status, body).toBe(400);
    }
  });
});

describe('voiding', () => {
  it('hides a voided statement from queries and serves it by voidedStatementId', async () => {
    const [target] = (await (await post(statement())).json()) as string[];
    const voiding = statement({
      actor: ann,
      verb: { id: `${ADL}voided` },
      object: { objectType: 'StatementRef', id: target },
    });
    const [voidId] = (await (await post(voiding)).json()) as string[];
    expect((await get(`?statementId=${target}`)).status).toBe(404);
    expect((await get(`?voidedStatementId=${target}`)).status).toBe(200);
    expect((await get(`?voidedStatementId=${voidId}`)).status).toBe(404);
    expect(await ids(await get(''))).toEqual([voidId]);
  });

  it('refuses to void a voiding statement', async () => {
    const [target] = (await (await post(statement())).json()) as string[];
    const voids = (id: string) =>
      statement({ verb: { id: `${ADL}voided` }, object: { objectType: 'StatementRef', id } });
    const [voidId] = (await (await post(voids(target!))).json()) as string[];
    expect((await post(voids(voidId!))).status).toBe(400);
  });

  it('voids a statement that arrives after its voiding statement', async () => {
    const target = randomUUID();
    await post(
      statement({
        verb: { id: `${ADL}voided` },
        object: { objectType: 'StatementRef', id: target },
      }),
    );
    await post(statement({ id: target }));
    expect((await get(`?voidedStatementId=${target}`)).status).toBe(200);
  });
});

describe('querying statements', () => {
  async function seed() {
    const at = (n: number) => `2026-03-0${n}T10:00:00Z`;
    const reg = randomUUID();
    const list = [
      statement({ id: randomUUID(), timestamp: at(1) }),
      statement({
        id: randomUUID(),
        actor: bob,
        verb: { id: `${ADL}attempted` },
        timestamp: at(2),
      }),
      statement({
        id: randomUUID(),
        actor: bob,
        object: { id: 'http://example.com/other' },
        context: {
          registration: reg,
          instructor: ann,
          contextActivities: { parent: [{ id: course }] },
        },
        timestamp: at(3),
      }),
    ];
    for (const s of list) expect((await post(s)).status).toBe(200);
    return { list: list.map((s) => s.id as string), reg };
  }

  it('filters by agent, verb, activity and registration, newest stored first', async () => {
    const { list, reg } = await seed();
    const [a, b, c] = list;
    expect(await ids(await get(''))).toEqual([c, b, a]);
    expect(await ids(await get(`?agent=${encodeURIComponent(JSON.stringify(ann))}`))).toEqual([a]);
    expect(
      await ids(await get(`?agent=${encodeURIComponent(JSON.stringify(ann))}&related_agents=true`)),
    ).toEqual([c, a]);
    expect(await ids(await get(`?verb=${encodeURIComponent(`${ADL}attempted`)}`))).toEqual([b]);
    expect(await ids(await get(`?activity=${encodeURIComponent(course)}`))).toEqual([b, a]);
    expect(
      await ids(await get(`?activity=${encodeURIComponent(course)}&related_activities=true`)),
    ).toEqual([c, b, a]);
    expect(await ids(await get(`?registration=${reg}`))).toEqual([c]);
    expect(await ids(await get('?ascending=true'))).toEqual([a, b, c]);
  });

  it('pages with limit and more until the last page says no more', async () => {
    const { list } = await seed();
    const first = (await (await get('?limit=2')).json()) as { statements: Json[]; more: string };
    expect(first.statements.map((s) => s.id)).toEqual([list[2], list[1]]);
    expect(first.more).toMatch(/^\/xapi\/statements\?more=/);
    const next = await lrs.request('GET', first.more.slice('/xapi'.length));
    const second = (await next.json()) as { statements: Json[]; more: string };
    expect(second.statements.map((s) => s.id)).toEqual([list[0]]);
    expect(second.more).toBe('');
  });

  it('answers since/until by stored time and sends Consistent-Through', async () => {
    await seed();
    const res = await get(
      `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(await ids(res)).toEqual([]);
    expect(Date.parse(res.headers.get('x-experience-api-consistent-through')!)).not.toBeNaN();
  });

  it('gives ids and canonical formats', async () => {
    const { list } = await seed();
    const idsOnly = (await (await get(`?statementId=${list[0]}&format=ids`)).json()) as Json;
    expect(idsOnly.actor).toEqual({ objectType: 'Agent', mbox: ann.mbox });
    expect(idsOnly.object).toEqual({ objectType: 'Activity', id: course });
    expect(idsOnly.verb).toEqual({ id: `${ADL}completed` });
    const german = (await (
      await get(`?statementId=${list[0]}&format=canonical`, {
        'accept-language': 'de-DE, en;q=0.5',
      })
    ).json()) as { verb: Json; object: { definition: Json } };
    expect(german.verb.display).toEqual({ de: 'abgeschlossen' });
    expect(german.object.definition.name).toEqual({ de: 'Sicherheit' });
  });

  it('refuses unknown and malformed parameters with 400', async () => {
    for (const query of [
      '?colour=red',
      '?agent=ann',
      `?agent=${encodeURIComponent(JSON.stringify({ name: 'no id' }))}`,
      '?verb=completed',
      '?registration=1',
      '?since=yesterday',
      '?limit=-1',
      '?format=pretty',
      '?ascending=maybe',
      `?statementId=${randomUUID()}&verb=${encodeURIComponent(`${ADL}completed`)}`,
      '?more=garbage',
    ])
      expect((await get(query)).status, query).toBe(400);
  });
});
