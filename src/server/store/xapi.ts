/**
 * The Learning Record Store's persistence (issue 19): its interface, Basic credentials, storing
 * statements with the references their filters read (voiding included), attachments and activity
 * definitions. Queries are in xapi-query.ts, documents in xapi-documents.ts, the mirror that makes
 * each accepted Kindling event a statement inside the ingest transaction in xapi-mirror.ts, and
 * forwarding to an organisation's own LRS in xapi-forwarding.ts.
 */
import type { LrsCredentialRow } from '../../core/api-admin';
import { ADL } from '../xapi/kindling';
import type { StatementRefs } from '../xapi/refs';
import { credentialRow, revokeCredential, workingCredential } from './credentials';
import { inTransaction, type Db } from './db';
import { xapiDocumentStore } from './xapi-documents';
import { insertRefs } from './xapi-mirror';
import { queryStatements, selectStatements, statementRows } from './xapi-query';
import { valueAt } from './rows';

/** A credential as the admin's list shows it (never its secret's hash). */
export type LrsCredential = LrsCredentialRow;

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

export function xapiStore(db: Db): XapiStore {
  return {
    async createLrsCredential(c) {
      await db
        .insertInto('lrs_credentials')
        .values({
          ...credentialRow(c),
          key: c.key,
          secret_hash: c.secretHash,
          scope: c.scope,
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
    revokeLrsCredential: (orgId, id, at) => revokeCredential(db, 'lrs_credentials', orgId, id, at),
    lrsCredential: (key) =>
      workingCredential(db, 'lrs_credentials', key)
        .select([...credentialColumns, 'secret_hash as secretHash'])
        .executeTakeFirst(),
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
            const old = await valueAt(tx, 'xapi_activities', 'definition', {
              org_id: orgId,
              id: a.id,
            });
            const merged = JSON.stringify({
              ...(old !== undefined ? (JSON.parse(old) as object) : {}),
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
            const voiding = await valueAt(tx, 'xapi_statements', 'id', {
              org_id: orgId,
              voids: s.id,
            });
            if (voiding !== undefined && s.verbId !== `${ADL}voided`)
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
    queryStatements: (q) => queryStatements(db, q),
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
      const definition = await valueAt(db, 'xapi_activities', 'definition', { org_id: orgId, id });
      return definition === undefined
        ? undefined
        : (JSON.parse(definition) as Record<string, unknown>);
    },
    ...xapiDocumentStore(db),
  };
}
