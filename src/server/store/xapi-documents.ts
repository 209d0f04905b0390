/**
 * The documents of the State, Activity Profile and Agent Profile resources (issue 19): one table
 * keyed by kind, activity, agent, registration and id ('' where a part does not apply), bytes as
 * base64 with their content type and ETag.
 */
import type { Db } from './db';
import type { DocumentKey, XapiStore } from './xapi';

export type XapiDocumentStore = Pick<
  XapiStore,
  'getDocument' | 'listDocumentIds' | 'putDocument' | 'deleteDocuments'
>;

export function xapiDocumentStore(db: Db): XapiDocumentStore {
  const docWhere = (key: DocumentKey) =>
    db
      .selectFrom('xapi_documents')
      .where('org_id', '=', key.orgId)
      .where('kind', '=', key.kind)
      .where('activity_id', '=', key.activityId)
      .where('agent', '=', key.agent)
      .where('registration', '=', key.registration);
  return {
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
