/**
 * The Learning Record Store's persistence (issue 19): Basic credentials, statements with the
 * references their filters read, documents, activity definitions, and the mirror that makes each
 * accepted Kindling event a statement inside the ingest transaction.
 *
 * Queries by agent or activity start from `xapi_refs(org_id, kind, value, stored, …)`, by verb
 * from `xapi_statements(org_id, verb_id, stored)`: an index range in `stored` order either way.
 */
import { sql } from 'kysely';
import type { LearningModule } from '../../core/content';
import type { SyncResult } from '../../core/sync';
import { answerKeyOf, ASSESSMENT_PASS, moduleIdOf, scoreAttempt } from '../../core/mastery';
import { ADL, eventRefs, verbOf } from '../xapi/kindling';
import type { StatementRefs } from '../xapi/refs';
import { inTransaction, type Db, type Tx } from './db';
import type { IncomingEvent } from './progress';
import type { Row } from './schema';
import { queueForwarding } from './xapi-forwarding';

export interface LrsCredential {
  id: string;
  orgId: string;
  name: string;
  key: string;
  scope: 'read' | 'all';
  createdAt: number;
  revokedAt: number | null;
}

export interface NewStatement {
  id: string;
  stored: number;
  verbId: string;
  registration: string | null;
  voids: string | null;
  body: string;
  refs: StatementRefs;
  /** Activity definitions the statement carries, merged into the Activities resource. */
  definitions: Array<{ id: string; definition: Record<string, unknown> }>;
}

export interface StatementRow {
  id: string;
  stored: number;
  verbId: string;
  voided: boolean;
  /** The statement's JSON; null for a Kindling event (see `event`). */
  body: string | null;
  event: { userId: string; body: string; correctedAt: number } | null;
}

export interface StatementQuery {
  orgId: string;
  agent?: string;
  relatedAgents?: boolean;
  verb?: string;
  activity?: string;
  relatedActivities?: boolean;
  registration?: string;
  /** Exclusive lower and inclusive upper bound on `stored`, epoch ms. */
  since?: number;
  until?: number;
  ascending?: boolean;
  limit: number;
  /** Keyset cursor: the last row of the previous page. */
  after?: { stored: number; id: string };
}

export interface DocumentKey {
  orgId: string;
  kind: 'state' | 'activity' | 'agent';
  activityId: string;
  agent: string;
  registration: string;
}

export interface XapiDocument {
  docId: string;
  contentType: string;
  body: Buffer;
  etag: string;
  updated: number;
}

/** An attachment's raw data, named by its SHA-2 hash (lowercase hex). */
export interface XapiAttachment {
  sha2: string;
  contentType: string;
  body: Buffer;
}

export interface XapiStore {
  createLrsCredential(c: LrsCredential & { secretHash: string }): Promise<void>;
  listLrsCredentials(orgId: string): Promise<LrsCredential[]>;
  /** False when the org has no such live credential. */
  revokeLrsCredential(orgId: string, id: string, at: number): Promise<boolean>;
  /** A live credential by its key, with its secret's hash. */
  lrsCredential(key: string): Promise<(LrsCredential & { secretHash: string }) | undefined>;
  getStatements(orgId: string, ids: string[]): Promise<StatementRow[]>;
  /**
   * Stores statements in one transaction (ids already taken are left alone: the caller compared
   * them), voids what voiding statements name, and marks a new statement voided when its voiding
   * statement came first.
   */
  insertStatements(
    orgId: string,
    statements: NewStatement[],
    attachments?: XapiAttachment[],
  ): Promise<void>;
  /** The attachments stored under these hashes (those the org has). */
  getAttachments(orgId: string, sha2s: string[]): Promise<XapiAttachment[]>;
  queryStatements(q: StatementQuery): Promise<StatementRow[]>;
  getActivityDefinition(orgId: string, id: string): Promise<Record<string, unknown> | undefined>;
  getDocument(key: DocumentKey, docId: string): Promise<XapiDocument | undefined>;
  /** Document ids under a key, changed after `since` when given. */
  listDocumentIds(key: DocumentKey, since?: number): Promise<string[]>;
  putDocument(key: DocumentKey, doc: XapiDocument): Promise<void>;
  /** Deletes one document, or every document under the key when `docId` is undefined. */
  deleteDocuments(key: DocumentKey, docId?: string): Promise<void>;
}

const credentialColumns = [
  'id',
  'org_id as orgId',
  'name',
  'key',
  'scope',
  'created_at as createdAt',
  'revoked_at as revokedAt',
] as const;

function statementRows(
  rows: Array<
    Pick<Row<'xapi_statements'>, 'id' | 'stored' | 'body'> & {
      verb_id: string;
      voided: number;
      user_id: string | null;
      event_body: string | null;
      corrected_at: number | null;
    }
  >,
): StatementRow[] {
  return rows.map((r) => ({
    id: r.id,
    stored: r.stored,
    verbId: r.verb_id,
    voided: r.voided === 1,
    body: r.body,
    event:
      r.body === null && r.user_id !== null
        ? { userId: r.user_id, body: r.event_body!, correctedAt: r.corrected_at! }
        : null,
  }));
}

function selectStatements(db: Db) {
  return db
    .selectFrom('xapi_statements as s')
    .leftJoin('events as e', (join) => join.onRef('e.id', '=', 's.id'))
    .select([
      's.id',
      's.stored',
      's.verb_id',
      's.voided',
      's.body',
      'e.user_id',
      'e.body as event_body',
      'e.corrected_at',
    ]);
}

async function insertRefs(tx: Tx, orgId: string, id: string, stored: number, refs: StatementRefs) {
  const rows = [
    ...[...refs.agents].map(([value, direct]) => ({ kind: 'agent' as const, value, direct })),
    ...[...refs.activities].map(([value, direct]) => ({
      kind: 'activity' as const,
      value,
      direct,
    })),
    ...(refs.target ? [{ kind: 'statement' as const, value: refs.target, direct: true }] : []),
  ].map((r) => ({ org_id: orgId, statement_id: id, stored, ...r, direct: r.direct ? 1 : 0 }));
  if (rows.length)
    await tx
      .insertInto('xapi_refs')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** The verb of an assessment attempt, graded against the module as stored now. */
async function assessmentVerb(
  tx: Tx,
  lessonId: string,
  answers: Parameters<typeof scoreAttempt>[1],
) {
  const row = await tx
    .selectFrom('content_modules')
    .select('body')
    .where('id', '=', moduleIdOf(lessonId))
    .executeTakeFirst();
  const key = row && answerKeyOf(JSON.parse(row.body) as LearningModule);
  if (!key) return `${ADL}answered`;
  return `${ADL}${scoreAttempt(key, answers) >= ASSESSMENT_PASS - 1e-9 ? 'passed' : 'failed'}`;
}

/**
 * Makes each accepted event with an xAPI verb a statement of the learner's organisation. Runs
 * inside the ingest transaction, so a statement exists exactly when its event does.
 */
export async function mirrorEvents(
  tx: Tx,
  userId: string,
  events: readonly IncomingEvent[],
  results: readonly SyncResult[],
): Promise<void> {
  const accepted = events.filter(
    (e, i) => results[i]!.status === 'accepted' && verbOf(e.event.type),
  );
  if (accepted.length === 0) return;
  const user = await tx
    .selectFrom('users')
    .select('org_id')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return;
  for (const { event, receivedAt } of accepted) {
    const verbId =
      event.type === 'assessment_submitted'
        ? await assessmentVerb(tx, event.lessonId, event.answers)
        : verbOf(event.type)!;
    await tx
      .insertInto('xapi_statements')
      .values({
        org_id: user.org_id,
        id: event.id,
        stored: receivedAt,
        verb_id: verbId,
        registration: null,
        voids: null,
        body: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await insertRefs(tx, user.org_id, event.id, receivedAt, eventRefs(userId, event));
  }
  // Queued in this transaction too: a statement is forwarded exactly when it exists.
  await queueForwarding(
    tx,
    user.org_id,
    accepted.map((e) => e.event.id),
    accepted[0]!.receivedAt,
  );
}

type StatementSelect = ReturnType<typeof selectStatements>;

/** The time and order conditions, the keyset cursor and the limit of a page. */
async function inPage(
  query: StatementSelect,
  q: StatementQuery,
  storedColumn: string,
  idColumn: string,
): Promise<StatementRow[]> {
  const stored = sql.ref<number>(storedColumn);
  const id = sql.ref<string>(idColumn);
  if (q.since !== undefined) query = query.where(sql<boolean>`${stored} > ${q.since}`);
  if (q.until !== undefined) query = query.where(sql<boolean>`${stored} <= ${q.until}`);
  // Row-value comparison (both databases have it): the keyset cursor on (stored, id).
  if (q.after)
    query = query.where(
      q.ascending
        ? sql<boolean>`(${stored}, ${id}) > (${q.after.stored}, ${q.after.id})`
        : sql<boolean>`(${stored}, ${id}) < (${q.after.stored}, ${q.after.id})`,
    );
  const direction = q.ascending ? sql`asc` : sql`desc`;
  return statementRows(
    await query
      .orderBy(sql`${stored} ${direction}`)
      .orderBy(sql`${id} ${direction}`)
      .limit(q.limit)
      .execute(),
  );
}

/** A page of the statements that meet the query's filters themselves. */
async function matchingStatements(db: Db, q: StatementQuery): Promise<StatementRow[]> {
  // An agent or activity filter drives the query from its index range in xapi_refs, already
  // in `stored` order (the refs carry `stored`), so a page reads about `limit` rows. Without
  // one, the statements' own (org_id, stored, id) or (org_id, verb_id, stored) range serves.
  const filters = [
    ['agent', q.agent, q.relatedAgents],
    ['activity', q.activity, q.relatedActivities],
  ] as const;
  const driver = filters.find(([, value]) => value !== undefined);
  let query = driver
    ? (selectStatements(db)
        .innerJoin('xapi_refs as r', (join) =>
          join.onRef('r.org_id', '=', 's.org_id').onRef('r.statement_id', '=', 's.id'),
        )
        .where('r.org_id', '=', q.orgId)
        .where('r.kind', '=', driver[0])
        .where('r.value', '=', driver[1]!)
        .$if(!driver[2], (qb) => qb.where('r.direct', '=', 1)) as unknown as StatementSelect)
    : selectStatements(db);
  query = query.where('s.org_id', '=', q.orgId).where('s.voided', '=', 0);
  if (q.verb !== undefined) query = query.where('s.verb_id', '=', q.verb);
  if (q.registration !== undefined) query = query.where('s.registration', '=', q.registration);
  for (const [kind, value, related] of filters)
    if (value !== undefined && kind !== driver?.[0])
      query = query.where('s.id', 'in', (eb) => {
        let refs = eb
          .selectFrom('xapi_refs')
          .select('statement_id')
          .where('org_id', '=', q.orgId)
          .where('kind', '=', kind)
          .where('value', '=', value);
        if (!related) refs = refs.where('direct', '=', 1);
        return refs;
      });
  return inPage(query, q, driver ? 'r.stored' : 's.stored', driver ? 'r.statement_id' : 's.id');
}

/**
 * A page of the statements that meet the filters only through a StatementRef (Communication
 * §2.1.3): each targets, directly or along a chain of StatementRefs, a statement that meets every
 * filter other than time and order. The target may itself be voided; the statements answered are
 * not, and voiding statements never count (their refs carry no target). A recursive CTE walks the
 * `statement` refs from the targets that match, so its cost is that of the org's StatementRefs.
 */
async function targetingStatements(db: Db, q: StatementQuery): Promise<StatementRow[]> {
  const refMatch = (kind: 'agent' | 'activity', value: string, related: boolean | undefined) =>
    sql<boolean>`exists (select 1 from xapi_refs m where m.org_id = t.org_id and m.statement_id = t.id and m.kind = ${kind} and m.value = ${value}${related ? sql`` : sql` and m.direct = 1`})`;
  const withChain = db.withRecursive('chain(id)', (cte) =>
    cte
      .selectFrom('xapi_refs as r')
      .innerJoin('xapi_statements as t', (join) =>
        join.onRef('t.org_id', '=', 'r.org_id').onRef('t.id', '=', 'r.value'),
      )
      .select('r.statement_id as id')
      .where('r.org_id', '=', q.orgId)
      .where('r.kind', '=', 'statement')
      .$if(q.verb !== undefined, (qb) => qb.where('t.verb_id', '=', q.verb!))
      .$if(q.registration !== undefined, (qb) => qb.where('t.registration', '=', q.registration!))
      .$if(q.agent !== undefined, (qb) => qb.where(refMatch('agent', q.agent!, q.relatedAgents)))
      .$if(q.activity !== undefined, (qb) =>
        qb.where(refMatch('activity', q.activity!, q.relatedActivities)),
      )
      .union(
        cte
          .selectFrom('xapi_refs as r')
          .innerJoin('chain as c', 'c.id', 'r.value')
          .select('r.statement_id as id')
          .where('r.org_id', '=', q.orgId)
          .where('r.kind', '=', 'statement'),
      ),
  );
  const query = selectStatements(withChain as unknown as Db)
    .where('s.org_id', '=', q.orgId)
    .where('s.voided', '=', 0)
    .where(sql<boolean>`s.id in (select id from chain)`);
  return inPage(query, q, 's.stored', 's.id');
}

export function xapiStore(db: Db): XapiStore {
  const docWhere = (key: DocumentKey) =>
    db
      .selectFrom('xapi_documents')
      .where('org_id', '=', key.orgId)
      .where('kind', '=', key.kind)
      .where('activity_id', '=', key.activityId)
      .where('agent', '=', key.agent)
      .where('registration', '=', key.registration);
  return {
    async createLrsCredential(c) {
      await db
        .insertInto('lrs_credentials')
        .values({
          id: c.id,
          org_id: c.orgId,
          name: c.name,
          key: c.key,
          secret_hash: c.secretHash,
          scope: c.scope,
          created_at: c.createdAt,
          revoked_at: null,
        })
        .execute();
    },
    async listLrsCredentials(orgId) {
      return db
        .selectFrom('lrs_credentials')
        .select(credentialColumns)
        .where('org_id', '=', orgId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    async revokeLrsCredential(orgId, id, at) {
      const done = await db
        .updateTable('lrs_credentials')
        .set({ revoked_at: at })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) > 0;
    },
    async lrsCredential(key) {
      return db
        .selectFrom('lrs_credentials')
        .select([...credentialColumns, 'secret_hash as secretHash'])
        .where('key', '=', key)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
    },
    async getStatements(orgId, ids) {
      if (ids.length === 0) return [];
      return statementRows(
        await selectStatements(db).where('s.org_id', '=', orgId).where('s.id', 'in', ids).execute(),
      );
    },
    async insertStatements(orgId, statements, attachments = []) {
      await inTransaction(db, async (tx) => {
        for (const a of attachments)
          await tx
            .insertInto('xapi_attachments')
            .values({
              org_id: orgId,
              sha2: a.sha2,
              content_type: a.contentType,
              body: a.body.toString('base64'),
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        for (const s of statements) {
          const inserted = await tx
            .insertInto('xapi_statements')
            .values({
              org_id: orgId,
              id: s.id,
              stored: s.stored,
              verb_id: s.verbId,
              registration: s.registration,
              voids: s.voids,
              body: s.body,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
          await insertRefs(tx, orgId, s.id, s.stored, s.refs);
          for (const a of s.definitions) {
            const old = await tx
              .selectFrom('xapi_activities')
              .select('definition')
              .where('org_id', '=', orgId)
              .where('id', '=', a.id)
              .executeTakeFirst();
            const merged = JSON.stringify({
              ...(old ? (JSON.parse(old.definition) as object) : {}),
              ...a.definition,
            });
            await tx
              .insertInto('xapi_activities')
              .values({ org_id: orgId, id: a.id, definition: merged })
              .onConflict((oc) => oc.columns(['org_id', 'id']).doUpdateSet({ definition: merged }))
              .execute();
          }
          if (s.voids)
            await tx
              .updateTable('xapi_statements')
              .set({ voided: 1 })
              .where('org_id', '=', orgId)
              .where('id', '=', s.voids)
              .where('verb_id', '!=', `${ADL}voided`)
              .execute();
          else {
            const voiding = await tx
              .selectFrom('xapi_statements')
              .select('id')
              .where('org_id', '=', orgId)
              .where('voids', '=', s.id)
              .executeTakeFirst();
            if (voiding && s.verbId !== `${ADL}voided`)
              await tx
                .updateTable('xapi_statements')
                .set({ voided: 1 })
                .where('org_id', '=', orgId)
                .where('id', '=', s.id)
                .execute();
          }
        }
      });
    },
    async queryStatements(q) {
      const direct = await matchingStatements(db, q);
      if (
        q.agent === undefined &&
        q.verb === undefined &&
        q.activity === undefined &&
        q.registration === undefined
      )
        return direct;
      // Both lists are pages in the same (stored, id) order: merge them and keep one page.
      const all = new Map([...direct, ...(await targetingStatements(db, q))].map((r) => [r.id, r]));
      const sign = q.ascending ? 1 : -1;
      return [...all.values()]
        .sort((a, b) => sign * (a.stored - b.stored || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
        .slice(0, q.limit);
    },
    async getAttachments(orgId, sha2s) {
      if (sha2s.length === 0) return [];
      const rows = await db
        .selectFrom('xapi_attachments')
        .select(['sha2', 'content_type', 'body'])
        .where('org_id', '=', orgId)
        .where('sha2', 'in', sha2s)
        .execute();
      return rows.map((r) => ({
        sha2: r.sha2,
        contentType: r.content_type,
        body: Buffer.from(r.body, 'base64'),
      }));
    },
    async getActivityDefinition(orgId, id) {
      const row = await db
        .selectFrom('xapi_activities')
        .select('definition')
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && (JSON.parse(row.definition) as Record<string, unknown>);
    },
    async getDocument(key, docId) {
      const row = await docWhere(key)
        .select(['doc_id', 'content_type', 'body', 'etag', 'updated'])
        .where('doc_id', '=', docId)
        .executeTakeFirst();
      return (
        row && {
          docId: row.doc_id,
          contentType: row.content_type,
          body: Buffer.from(row.body, 'base64'),
          etag: row.etag,
          updated: row.updated,
        }
      );
    },
    async listDocumentIds(key, since) {
      let query = docWhere(key).select('doc_id').orderBy('doc_id');
      if (since !== undefined) query = query.where('updated', '>', since);
      return (await query.execute()).map((r) => r.doc_id);
    },
    async putDocument(key, doc) {
      const values = {
        content_type: doc.contentType,
        body: doc.body.toString('base64'),
        etag: doc.etag,
        updated: doc.updated,
      };
      await db
        .insertInto('xapi_documents')
        .values({
          org_id: key.orgId,
          kind: key.kind,
          activity_id: key.activityId,
          agent: key.agent,
          registration: key.registration,
          doc_id: doc.docId,
          ...values,
        })
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'kind', 'activity_id', 'agent', 'registration', 'doc_id'])
            .doUpdateSet(values),
        )
        .execute();
    },
    async deleteDocuments(key, docId) {
      let query = db
        .deleteFrom('xapi_documents')
        .where('org_id', '=', key.orgId)
        .where('kind', '=', key.kind)
        .where('activity_id', '=', key.activityId)
        .where('agent', '=', key.agent);
      if (key.kind === 'state' || docId === undefined)
        query = query.where('registration', '=', key.registration);
      if (docId !== undefined) query = query.where('doc_id', '=', docId);
      await query.execute();
    },
  };
}
