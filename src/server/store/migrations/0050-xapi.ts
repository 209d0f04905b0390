import type { Migration } from 'kysely';
import { createIndex, credentialTable, notNull, nullable } from './build';
import type { AnyDb } from './index';

/**
 * The Learning Record Store (issue 19): Basic credentials per organisation (secret kept as a
 * hash), statements with the columns and references their query filters read (agent, verb,
 * activity, registration, each with `stored` so one index range answers a page), documents of the
 * State, Activity Profile and Agent Profile resources, activity definitions, and the forwarding
 * queue to an organisation's own LRS.
 */
export const xapi: Migration = {
  async up(db: AnyDb) {
    await credentialTable(db, 'lrs_credentials', 'key')
      .$call(notNull('text', 'secret_hash', 'scope'))
      .$call(notNull('bigint', 'created_at'))
      .$call(nullable('bigint', 'revoked_at'))
      .execute();
    await db.schema
      .createTable('xapi_statements')
      .$call(notNull('text', 'org_id', 'id'))
      .$call(notNull('bigint', 'stored'))
      .$call(notNull('text', 'verb_id'))
      .$call(nullable('text', 'registration'))
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .$call(nullable('text', 'voids', 'body'))
      .addPrimaryKeyConstraint('xapi_statements_pk', ['org_id', 'id'])
      .execute();
    const statementIndexes = {
      xapi_statements_stored: ['org_id', 'stored', 'id'],
      xapi_statements_verb: ['org_id', 'verb_id', 'stored'],
      xapi_statements_registration: ['org_id', 'registration', 'stored'],
      xapi_statements_voids: ['org_id', 'voids'],
    };
    for (const [name, columns] of Object.entries(statementIndexes))
      await createIndex(db, name, 'xapi_statements', columns);
    await db.schema
      .createTable('xapi_refs')
      .$call(notNull('text', 'org_id', 'statement_id', 'kind', 'value'))
      .$call(notNull('integer', 'direct'))
      .$call(notNull('bigint', 'stored'))
      .addPrimaryKeyConstraint('xapi_refs_pk', ['org_id', 'statement_id', 'kind', 'value'])
      .execute();
    const refsValue = ['org_id', 'kind', 'value', 'stored', 'statement_id', 'direct'];
    await createIndex(db, 'xapi_refs_value', 'xapi_refs', refsValue);
    const documentKey = ['org_id', 'kind', 'activity_id', 'agent', 'registration', 'doc_id'];
    await db.schema
      .createTable('xapi_documents')
      .$call(notNull('text', ...documentKey, 'content_type', 'body', 'etag'))
      .$call(notNull('bigint', 'updated'))
      .addPrimaryKeyConstraint('xapi_documents_pk', documentKey)
      .execute();
    await db.schema
      .createTable('xapi_activities')
      .$call(notNull('text', 'org_id', 'id', 'definition'))
      .addPrimaryKeyConstraint('xapi_activities_pk', ['org_id', 'id'])
      .execute();
  },
};
