/**
 * The Learning Record Store at /xapi (issue 19), through `app.request`, on SQLite and (project
 * `postgres`) on PostgreSQL. The first table walks the statement requirements of the xAPI 2.0
 * Data part: each row changes one property of a valid statement and says whether an LRS must
 * accept it. The rest covers the Communication part: ids, conflicts, voiding, queries and paging,
 * formats, headers, credentials, and Kindling's own events as statements.
 */
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyLike } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { xapi } from '../../src/server/store/migrations/0050-xapi';
import { xapiStatementTargets } from '../../src/server/store/migrations/0120-xapi-statement-targets';
import { clientFor, lessonEvent, syncBody, type App, type Store } from '../support/api';
import { lrsClient, lrsClientWith, type LrsClient } from '../support/lrs';
import { apiTestStore, disposeApiTestStores } from '../support/server';
import { signerCertificate, signerKey } from '../support/xapi-signer';
import { sessionCookie } from '../support/sessions';

type Json = Record<string, unknown>;
const ADL = 'http://adlnet.gov/expapi/verbs/';
const ann = { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.com' };
const bob = { mbox: 'mailto:bob@example.com' };
const course = 'http://example.com/courses/safety';
const LESSON = 'giving-feedback.specific-feedback';

const statement = (over: Json = {}): Json => ({
  actor: ann,
  verb: { id: `${ADL}completed`, display: { 'en-US': 'completed', de: 'abgeschlossen' } },
  object: {
    id: course,
    definition: {
      name: { 'en-US': 'Safety', de: 'Sicherheit' },
      type: 'http://adlnet.gov/expapi/activities/course',
    },
  },
  ...over,
});

/** [requirement, statement, accepted] */
const dataRules: Array<[string, Json, boolean]> = [
  ['a minimal statement is accepted', statement(), true],
  ['an unknown top-level property is rejected', statement({ colour: 'red' }), false],
  ['actor is required', statement({ actor: undefined }), false],
  ['verb is required', statement({ verb: undefined }), false],
  ['object is required', statement({ object: undefined }), false],
  ['id must be a UUID', statement({ id: 'not-a-uuid' }), false],
  ['an agent needs an identifier', statement({ actor: { name: 'Nobody' } }), false],
  [
    'an agent has only one identifier',
    statement({ actor: { ...ann, openid: 'http://ann.example.com' } }),
    false,
  ],
  ['mbox is a mailto IRI', statement({ actor: { mbox: 'ann@example.com' } }), false],
  ['mbox_sha1sum is hex SHA-1', statement({ actor: { mbox_sha1sum: 'xyz' } }), false],
  ['an account has homePage and name', statement({ actor: { account: { name: 'ann' } } }), false],
  [
    'an account homePage is an IRI',
    statement({ actor: { account: { homePage: 'home', name: 'a' } } }),
    false,
  ],
  [
    'an account is accepted',
    statement({ actor: { account: { homePage: 'https://hr.example.com', name: 'a1' } } }),
    true,
  ],
  ['an agent objectType is Agent', statement({ actor: { ...ann, objectType: 'Person' } }), false],
  ['an anonymous group lists members', statement({ actor: { objectType: 'Group' } }), false],
  [
    'an anonymous group with members',
    statement({ actor: { objectType: 'Group', member: [ann, bob] } }),
    true,
  ],
  [
    'an identified group',
    statement({ actor: { objectType: 'Group', mbox: 'mailto:team@example.com' } }),
    true,
  ],
  [
    'group members are agents, not groups',
    statement({ actor: { objectType: 'Group', member: [{ objectType: 'Group', member: [ann] }] } }),
    false,
  ],
  ['verb id is an IRI', statement({ verb: { id: 'completed' } }), false],
  [
    'verb display is a language map',
    statement({ verb: { id: `${ADL}completed`, display: 'completed' } }),
    false,
  ],
  [
    'language map keys are RFC 5646 tags',
    statement({ verb: { id: `${ADL}completed`, display: { 'not a tag': 'x' } } }),
    false,
  ],
  ['activity id is an IRI', statement({ object: { id: 'safety' } }), false],
  [
    'activity definition has no unknown properties',
    statement({ object: { id: course, definition: { colour: 'red' } } }),
    false,
  ],
  [
    'interactionType is one of the list',
    statement({ object: { id: course, definition: { interactionType: 'essay' } } }),
    false,
  ],
  [
    'choices need an interactionType',
    statement({ object: { id: course, definition: { choices: [{ id: 'a' }] } } }),
    false,
  ],
  [
    'interaction component ids are unique',
    statement({
      object: {
        id: course,
        definition: { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] },
      },
    }),
    false,
  ],
  [
    'a choice interaction is accepted',
    statement({
      object: {
        id: course,
        definition: {
          interactionType: 'choice',
          correctResponsesPattern: ['a'],
          choices: [{ id: 'a', description: { en: 'A' } }],
        },
      },
    }),
    true,
  ],
  [
    'extension keys are IRIs',
    statement({ object: { id: course, definition: { extensions: { colour: 1 } } } }),
    false,
  ],
  ['an agent as object', statement({ object: { objectType: 'Agent', ...bob } }), true],
  [
    'a StatementRef needs a UUID id',
    statement({ object: { objectType: 'StatementRef', id: 'x' } }),
    false,
  ],
  [
    'a SubStatement is accepted',
    statement({
      object: {
        objectType: 'SubStatement',
        actor: bob,
        verb: { id: `${ADL}attempted` },
        object: { id: course },
      },
    }),
    true,
  ],
  [
    'a SubStatement holds no SubStatement',
    statement({
      object: {
        objectType: 'SubStatement',
        actor: bob,
        verb: { id: `${ADL}attempted` },
        object: {
          objectType: 'SubStatement',
          actor: bob,
          verb: { id: `${ADL}attempted` },
          object: { id: course },
        },
      },
    }),
    false,
  ],
  [
    'a SubStatement has no id',
    statement({
      object: {
        objectType: 'SubStatement',
        id: randomUUID(),
        actor: bob,
        verb: { id: `${ADL}attempted` },
        object: { id: course },
      },
    }),
    false,
  ],
  [
    'an unknown objectType is rejected',
    statement({ object: { objectType: 'Thing', id: course } }),
    false,
  ],
  ['score.scaled is within -1..1', statement({ result: { score: { scaled: 1.5 } } }), false],
  [
    'score.raw is within min..max',
    statement({ result: { score: { raw: 11, min: 0, max: 10 } } }),
    false,
  ],
  ['score.min is below max', statement({ result: { score: { min: 5, max: 5 } } }), false],
  ['success is a boolean', statement({ result: { success: 'yes' } }), false],
  ['duration is ISO 8601', statement({ result: { duration: '4 minutes' } }), false],
  [
    'a full result is accepted',
    statement({
      result: {
        score: { scaled: 0.8, raw: 8, min: 0, max: 10 },
        success: true,
        completion: true,
        response: 'a',
        duration: 'PT4M30.5S',
      },
    }),
    true,
  ],
  ['registration is a UUID', statement({ context: { registration: '123' } }), false],
  ['instructor is an agent', statement({ context: { instructor: { name: 'x' } } }), false],
  ['team is a group', statement({ context: { team: ann } }), false],
  [
    'revision only with an activity object',
    statement({ object: { objectType: 'Agent', ...bob }, context: { revision: '2' } }),
    false,
  ],
  [
    'platform only with an activity object',
    statement({ object: { objectType: 'Agent', ...bob }, context: { platform: 'x' } }),
    false,
  ],
  ['context.language is a tag', statement({ context: { language: 'english please' } }), false],
  [
    'context.statement is a StatementRef',
    statement({ context: { statement: { id: randomUUID() } } }),
    false,
  ],
  [
    'contextActivities hold activities',
    statement({ context: { contextActivities: { parent: { id: 'nope' } } } }),
    false,
  ],
  [
    'contextActivities accept one or a list',
    statement({
      context: { contextActivities: { parent: { id: course }, grouping: [{ id: `${course}/1` }] } },
    }),
    true,
  ],
  [
    'contextAgents need objectType contextAgent',
    statement({ context: { contextAgents: [{ agent: bob }] } }),
    false,
  ],
  [
    'contextAgents are accepted',
    statement({
      context: {
        contextAgents: [
          {
            objectType: 'contextAgent',
            agent: bob,
            relevantTypes: ['http://example.com/types/coach'],
          },
        ],
      },
    }),
    true,
  ],
  ['timestamp has a time zone', statement({ timestamp: '2026-03-01T10:00:00' }), false],
  [
    'timestamp offset -00:00 is not allowed',
    statement({ timestamp: '2026-03-01T10:00:00-00:00' }),
    false,
  ],
  [
    'a timestamp with an offset is accepted',
    statement({ timestamp: '2026-03-01T10:00:00.123+01:00' }),
    true,
  ],
  ['version is 1.0.x or 2.0.x', statement({ version: '0.95' }), false],
  [
    'attachments need a sha2',
    statement({
      attachments: [
        {
          usageType: 'http://example.com/u',
          display: { en: 'A' },
          contentType: 'text/plain',
          length: 1,
        },
      ],
    }),
    false,
  ],
  [
    'a voiding statement refers to a StatementRef',
    statement({ verb: { id: `${ADL}voided` } }),
    false,
  ],
];

let store: Store;
let app: App;
let lrs: LrsClient;

beforeEach(async () => {
  store = await apiTestStore();
  app = createApp({ store });
  lrs = await lrsClient(app, store);
});
afterEach(disposeApiTestStores);

const post = (body: unknown) => lrs.request('POST', '/statements', body);
const get = (query: string, headers?: Record<string, string>) =>
  lrs.request('GET', `/statements${query}`, undefined, headers);
const ids = async (res: Response) =>
  ((await res.json()) as { statements: Json[] }).statements.map((s) => s.id);

describe('statement validation (Data part)', () => {
  it.each(dataRules)('%s', async (_rule, body, accepted) => {
    const res = await post(body);
    expect(res.status).toBe(accepted ? 200 : 400);
    if (!accepted) {
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.message).toMatch(/statement|Parameter/);
    }
  });

  it('names the path of the problem', async () => {
    const res = await post([statement(), statement({ result: { duration: 'soon' } })]);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toContain('statements[1].result.duration');
    // Nothing of a rejected batch is stored.
    expect(await ids(await get(''))).toEqual([]);
  });
});

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

describe('attachments (multipart/mixed)', () => {
  const BOUNDARY = 'abcABC0123456789';
  // Bytes that are not UTF-8 and hold a CRLF, to prove the part travels as binary.
  const data = Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d, 0x41]);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const attachment = (body: Buffer, over: Json = {}) => ({
    usageType: 'http://example.com/attachment-usage/test',
    display: { 'en-US': 'A test attachment' },
    contentType: 'application/octet-stream',
    length: body.length,
    sha2: sha(body),
    ...over,
  });
  const jsonPart = (json: unknown) => ({
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify(json)),
  });
  const dataPart = (body: Buffer, headers: Record<string, string> = {}) => ({
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Transfer-Encoding': 'binary',
      'X-Experience-API-Hash': sha(body),
      ...headers,
    },
    body,
  });
  const multipart = (parts: Array<{ headers: Record<string, string>; body: Buffer }>) =>
    Buffer.concat([
      ...parts.flatMap((p) => [
        Buffer.from(
          `--${BOUNDARY}\r\n${Object.entries(p.headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')}\r\n`,
        ),
        p.body,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${BOUNDARY}--\r\n`),
    ]);
  const send = (method: string, path: string, body: Buffer) =>
    lrs.request(method, path, body, { 'content-type': `multipart/mixed; boundary=${BOUNDARY}` });

  it('stores a POSTed or PUT statement with its attachment and serves both with attachments=true', async () => {
    const posted = statement({ attachments: [attachment(data)] });
    const res = await send('POST', '/statements', multipart([jsonPart(posted), dataPart(data)]));
    expect(res.status).toBe(200);
    const [id] = (await res.json()) as string[];
    const putId = randomUUID();
    const text = Buffer.from('plain words');
    const put = statement({ attachments: [attachment(text, { contentType: 'text/plain' })] });
    expect(
      (
        await send(
          'PUT',
          `/statements?statementId=${putId}`,
          multipart([jsonPart(put), dataPart(text, { 'Content-Type': 'text/plain' })]),
        )
      ).status,
    ).toBe(204);

    const one = await get(`?statementId=${id}&attachments=true`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    const body = Buffer.from(await one.arrayBuffer());
    expect(body.indexOf(data)).toBeGreaterThan(0);
    expect(body.toString('latin1')).toContain(`X-Experience-API-Hash: ${sha(data)}`);
    expect(body.toString('latin1')).toContain('Content-Transfer-Encoding: binary');
    expect(body.toString('latin1')).toContain(`"id":"${id}"`);

    const all = Buffer.from(await (await get('?attachments=true')).arrayBuffer()).toString(
      'latin1',
    );
    expect(all).toContain(`X-Experience-API-Hash: ${sha(text)}`);
    expect(all).toContain('plain words');
    // Without attachments=true the answer stays JSON.
    expect(await ids(await get(''))).toEqual([putId, id]);
  });

  it('accepts an attachment with a fileUrl as plain JSON', async () => {
    const s = statement({
      attachments: [attachment(data, { fileUrl: 'https://example.com/files/a.bin' })],
    });
    expect((await post(s)).status).toBe(200);
  });

  it('refuses mismatched, unnamed and malformed parts with a clear 400 and stores nothing', async () => {
    const withData = statement({ attachments: [attachment(data)] });
    const other = Buffer.from('other bytes');
    const cases: Array<[Buffer | unknown, RegExp]> = [
      [
        multipart([jsonPart(withData), dataPart(data, { 'X-Experience-API-Hash': sha(other) })]),
        /does not match its X-Experience-API-Hash/,
      ],
      [
        multipart([jsonPart(withData), dataPart(data, { 'X-Experience-API-Hash': '' })]),
        /needs an X-Experience-API-Hash/,
      ],
      [
        multipart([jsonPart(withData), dataPart(data, { 'Content-Transfer-Encoding': 'base64' })]),
        /Content-Transfer-Encoding: binary/,
      ],
      [multipart([jsonPart(withData)]), /statement\.attachments\[0\]: has no fileUrl/],
      [
        multipart([jsonPart(withData), dataPart(data), dataPart(other)]),
        /part 3: belongs to no attachment/,
      ],
      [multipart([dataPart(data), jsonPart(withData)]), /part 1: must be the statement/],
      [Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{}`), /part 1/],
    ];
    for (const [body, message] of cases) {
      const res = await send('POST', '/statements', body as Buffer);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toMatch(message);
    }
    // An attachment without fileUrl cannot come as plain JSON: its data would be missing.
    const plain = await post(withData);
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toMatch(
      /no fileUrl/,
    );
    expect(await ids(await get(''))).toEqual([]);
  });

  describe('signed statements', () => {
    const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const x5c = [signerCertificate.replace(/-----[^-]+-----|\s/g, '')];
    const HASH: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
    function jws(payload: Json, header: Json = { alg: 'RS256', x5c }, key: KeyLike = signerKey) {
      const input = `${b64(header)}.${b64(payload)}`;
      const signature = sign(HASH[header.alg as string] ?? 'sha256', Buffer.from(input), key);
      return Buffer.from(`${input}.${signature.toString('base64url')}`);
    }
    const signedBy = (s: Json, token: Buffer, contentType = 'application/octet-stream') => ({
      ...s,
      attachments: [attachment(token, { usageType: SIGNATURE, contentType })],
    });
    const sendSigned = (s: Json, token: Buffer, contentType?: string) =>
      send(
        'POST',
        '/statements',
        multipart([jsonPart(signedBy(s, token, contentType)), dataPart(token)]),
      );
    const problem = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string } }).error.message;
    };

    it('accepts a statement signed with RS256 and x5c, or RS512 without, and serves the JWS', async () => {
      const s = statement({ id: randomUUID() });
      const token = jws(s);
      const res = await sendSigned(s, token);
      expect(res.status).toBe(200);
      const other = statement({ id: randomUUID(), verb: { id: `${ADL}attempted` } });
      expect((await sendSigned(other, jws(other, { alg: 'RS512' }))).status).toBe(200);
      const answer = Buffer.from(
        await (await get(`?statementId=${s.id as string}&attachments=true`)).arrayBuffer(),
      );
      expect(answer.indexOf(token)).toBeGreaterThan(0);
    });

    it('refuses a signature that does not match, does not verify or is malformed', async () => {
      const s = statement({ id: randomUUID() });
      const changed = { ...s, verb: { id: `${ADL}failed` } };
      expect(await problem(await sendSigned(s, jws(changed)))).toMatch(
        /attachments\[0\]: signs a statement that differs/,
      );
      const { privateKey: stranger } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expect(await problem(await sendSigned(s, jws(s, { alg: 'RS256', x5c }, stranger)))).toMatch(
        /does not verify with the certificate in x5c/,
      );
      expect(await problem(await sendSigned(s, jws(s, { alg: 'HS256' })))).toMatch(
        /RS256, RS384 or RS512/,
      );
      expect(await problem(await sendSigned(s, Buffer.from('not a signature')))).toMatch(
        /compact serialization/,
      );
      expect(await problem(await sendSigned(s, jws(s), 'text/plain'))).toMatch(
        /application\/octet-stream/,
      );
      expect(await ids(await get(''))).toEqual([]);
    });
  });
});

describe('headers, CORS and credentials', () => {
  it('requires the version header except on /about', async () => {
    const res = await lrs.request('GET', '/statements', undefined, {
      'x-experience-api-version': '',
    });
    expect(res.status).toBe(400);
    expect(
      (await lrs.request('GET', '/statements', undefined, { 'x-experience-api-version': '0.9' }))
        .status,
    ).toBe(400);
    const about = await app.request('http://localhost/xapi/about');
    expect(about.status).toBe(200);
    expect(((await about.json()) as { version: string[] }).version).toContain('2.0.0');
    expect(about.headers.get('x-experience-api-version')).toBe('2.0.0');
  });

  it('answers CORS preflights from any origin', async () => {
    const res = await app.request('http://localhost/xapi/statements', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://course.example.com',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, x-experience-api-version, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-Experience-API-Version/i);
  });

  it('answers 401 with a Basic challenge without valid credentials', async () => {
    const wrong = lrsClientWith(app, lrs.key, 'wrong-secret');
    const res = await wrong.request('GET', '/statements');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await lrsClientWith(app, 'nobody', 'x').request('GET', '/statements')).status).toBe(
      401,
    );
  });

  it('lets a read credential read but not write', async () => {
    const reader = await lrsClient(app, store, 'read');
    expect((await reader.request('GET', '/statements')).status).toBe(200);
    expect((await reader.request('POST', '/statements', statement())).status).toBe(403);
  });

  it('keeps each organisation to its own statements', async () => {
    const [id] = (await (await post(statement())).json()) as string[];
    const globex = await lrsClient(app, store, 'all', 'u-globex-admin');
    expect((await globex.request('GET', `/statements?statementId=${id}`)).status).toBe(404);
    expect(await ids(await globex.request('GET', '/statements'))).toEqual([]);
    // The same id in another organisation is another statement, not a conflict.
    expect(
      (await globex.request('POST', '/statements', statement({ id, verb: { id: `${ADL}failed` } })))
        .status,
    ).toBe(200);
  });

  it('lists credentials without secrets and stops a revoked one at once', async () => {
    const admin = clientFor(app, await sessionCookie(store, 'u-demo-admin'));
    const listed = (await (await admin.get('/api/v1/admin/lrs-credentials')).json()) as {
      credentials: Json[];
    };
    expect(listed.credentials).toHaveLength(1);
    expect(JSON.stringify(listed.credentials)).not.toContain(lrs.secret);
    const id = listed.credentials[0]!.id as string;
    expect((await admin.post(`/api/v1/admin/lrs-credentials/${id}/revoke`, {})).status).toBe(200);
    expect((await lrs.request('GET', '/statements')).status).toBe(401);
    expect((await admin.post(`/api/v1/admin/lrs-credentials/${id}/revoke`, {})).status).toBe(404);
  });
});

describe("Kindling's own learning events as statements", () => {
  it('shows a completed lesson as an ADL statement about the learner, the lesson and its module', async () => {
    const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    const lessonId = LESSON;
    // Minutes ago, as a device in UTC+01:00 writes its time.
    const local = (minutesAgo: number) =>
      `${new Date(Date.now() - minutesAgo * 60_000 + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    const started = lessonEvent('lesson_started', lessonId, local(10));
    const completed = lessonEvent('lesson_completed', lessonId, local(5));
    const sync = await learner.post('/api/v1/sync', syncBody([started, completed]));
    expect(sync.status).toBe(200);
    const { results } = (await sync.json()) as { results: Array<{ status: string }> };
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const me = encodeURIComponent(
      JSON.stringify({ account: { homePage: 'http://localhost', name: 'u-demo-learner' } }),
    );
    const res = await get(`?agent=${me}&verb=${encodeURIComponent(`${ADL}completed`)}`);
    const [s] = ((await res.json()) as { statements: Json[] }).statements;
    expect(s).toMatchObject({
      id: completed.id,
      actor: { account: { homePage: 'http://localhost', name: 'u-demo-learner' } },
      verb: { id: `${ADL}completed` },
      object: { id: `http://localhost/xapi/activities/lesson/${lessonId}` },
      result: { completion: true, duration: 'PT3M20S' },
      timestamp: completed.occurredAt,
    });
    expect((s!.object as { definition: { name: Json } }).definition.name['en-US']).toBeTruthy();
    const activity = encodeURIComponent(`http://localhost/xapi/activities/lesson/${lessonId}`);
    // One sync stores both at one instant, so their order within it is the id's.
    expect((await ids(await get(`?activity=${activity}`))).sort()).toEqual(
      [completed.id, started.id].sort(),
    );
  });

  it('stores foreign statements about a learner without changing their XP', async () => {
    const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    const before = (await (await learner.get('/api/v1/me/state')).json()) as { xp: number };
    await post(
      statement({
        actor: { account: { homePage: 'http://localhost', name: 'u-demo-learner' } },
        object: { id: `http://localhost/xapi/activities/lesson/${LESSON}` },
      }),
    );
    const after = (await (await learner.get('/api/v1/me/state')).json()) as { xp: number };
    expect(after.xp).toBe(before.xp);
  });
});

describe('document resources', () => {
  const agent = encodeURIComponent(JSON.stringify(ann));
  const activity = encodeURIComponent(course);
  const state = `/activities/state?activityId=${activity}&agent=${agent}`;
  const json = { 'content-type': 'application/json' };

  it('keeps State per activity, agent and registration, merges JSON on POST, lists ids since', async () => {
    const reg = randomUUID();
    expect((await lrs.request('PUT', `${state}&stateId=bookmark`, { page: 3 })).status).toBe(204);
    expect(
      (await lrs.request('PUT', `${state}&registration=${reg}&stateId=bookmark`, { page: 9 }))
        .status,
    ).toBe(204);
    expect((await lrs.request('POST', `${state}&stateId=bookmark`, { done: false })).status).toBe(
      204,
    );
    const res = await lrs.request('GET', `${state}&stateId=bookmark`);
    expect(await res.json()).toEqual({ page: 3, done: false });
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    const other = await lrs.request('GET', `${state}&registration=${reg}&stateId=bookmark`);
    expect(await other.json()).toEqual({ page: 9 });
    expect(await (await lrs.request('GET', state)).json()).toEqual(['bookmark']);
    const later = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect(await (await lrs.request('GET', `${state}&since=${later}`)).json()).toEqual([]);
    expect((await lrs.request('DELETE', state)).status).toBe(204);
    expect((await lrs.request('GET', `${state}&stateId=bookmark`)).status).toBe(404);
  });

  it('stores any content type as sent and refuses to merge what is not JSON', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(
      (
        await lrs.request('PUT', `${state}&stateId=blob`, bytes, {
          'content-type': 'application/octet-stream',
        })
      ).status,
    ).toBe(204);
    const res = await lrs.request('GET', `${state}&stateId=blob`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect((await lrs.request('POST', `${state}&stateId=blob`, { a: 1 })).status).toBe(400);
    expect((await lrs.request('PUT', `${state}&stateId=bad`, '{"a":', json)).status).toBe(400);
  });

  it('guards profiles with ETags: 409 without a precondition, 412 when it fails', async () => {
    const profile = `/activities/profile?activityId=${activity}&profileId=settings`;
    expect((await lrs.request('PUT', profile, { v: 1 }, { 'if-none-match': '*' })).status).toBe(
      204,
    );
    const etag = (await lrs.request('GET', profile)).headers.get('etag')!;
    expect((await lrs.request('PUT', profile, { v: 2 })).status).toBe(409);
    expect((await lrs.request('PUT', profile, { v: 2 }, { 'if-none-match': '*' })).status).toBe(
      412,
    );
    expect((await lrs.request('PUT', profile, { v: 2 }, { 'if-match': '"stale"' })).status).toBe(
      412,
    );
    expect((await lrs.request('PUT', profile, { v: 2 }, { 'if-match': etag })).status).toBe(204);
    expect(await (await lrs.request('GET', profile)).json()).toEqual({ v: 2 });
    expect((await lrs.request('DELETE', profile, undefined, { 'if-match': etag })).status).toBe(
      412,
    );
  });

  it('keeps Agent Profiles per agent and answers the Agents and Activities resources', async () => {
    const profile = `/agents/profile?agent=${agent}&profileId=prefs`;
    expect((await lrs.request('PUT', profile, { theme: 'dark' })).status).toBe(204);
    const bobs = `/agents/profile?agent=${encodeURIComponent(JSON.stringify(bob))}&profileId=prefs`;
    expect((await lrs.request('GET', bobs)).status).toBe(404);
    const person = (await (await lrs.request('GET', `/agents?agent=${agent}`)).json()) as Json;
    expect(person).toEqual({ objectType: 'Person', name: ['Ann'], mbox: [ann.mbox] });
    await post(statement());
    const found = (await (
      await lrs.request('GET', `/activities?activityId=${activity}`)
    ).json()) as Json;
    expect(found).toMatchObject({ id: course, definition: { name: { de: 'Sicherheit' } } });
  });

  it('refuses missing or malformed keys with 400', async () => {
    for (const path of [
      '/activities/state?stateId=x',
      `/activities/state?activityId=${activity}&stateId=x`,
      `/activities/state?activityId=nope&agent=${agent}&stateId=x`,
      `${state}&registration=1&stateId=x`,
      `${state}&since=soon`,
      '/agents/profile?profileId=x',
      '/activities',
      '/agents?agent={}',
    ])
      expect((await lrs.request('GET', path)).status, path).toBe(400);
  });
});

describe('fuzz', () => {
  const agentish = fc.oneof(
    fc.constant(ann),
    fc.record({ mbox: fc.string() }),
    fc.record({ account: fc.record({ homePage: fc.webUrl(), name: fc.string() }) }),
    fc.anything(),
  );
  const statementish = fc.record(
    {
      id: fc.oneof(fc.uuid(), fc.string()),
      actor: agentish,
      verb: fc.oneof(fc.record({ id: fc.webUrl() }), fc.anything()),
      object: fc.oneof(fc.record({ id: fc.webUrl() }), agentish, fc.anything()),
      result: fc.anything(),
      context: fc.anything(),
      timestamp: fc.oneof(
        fc.date().map((d) => (isNaN(d.getTime()) ? 'x' : d.toISOString())),
        fc.string(),
      ),
    },
    { requiredKeys: [] },
  );

  it('answers generated statements and queries with 2xx or a 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(statementish, fc.array(statementish, { maxLength: 3 }), fc.anything()),
        fc.dictionary(
          fc.constantFrom('agent', 'verb', 'activity', 'since', 'limit', 'format', 'more', 'x'),
          fc.string(),
        ),
        async (body, query) => {
          const sent = await post(body);
          const read = await get(`?${new URLSearchParams(query).toString()}`);
          for (const res of [sent, read]) {
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400)
              expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
