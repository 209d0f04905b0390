import type { Migration } from 'kysely';
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
    await db.schema
      .createTable('lrs_credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createTable('xapi_statements')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('stored', 'bigint', (c) => c.notNull())
      .addColumn('verb_id', 'text', (c) => c.notNull())
      .addColumn('registration', 'text')
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('voids', 'text')
      .addColumn('body', 'text')
      .addPrimaryKeyConstraint('xapi_statements_pk', ['org_id', 'id'])
      .execute();
    await db.schema
      .createIndex('xapi_statements_stored')
      .on('xapi_statements')
      .columns(['org_id', 'stored', 'id'])
      .execute();
    await db.schema
      .createIndex('xapi_statements_verb')
      .on('xapi_statements')
      .columns(['org_id', 'verb_id', 'stored'])
      .execute();
    await db.schema
      .createIndex('xapi_statements_registration')
      .on('xapi_statements')
      .columns(['org_id', 'registration', 'stored'])
      .execute();
    await db.schema
      .createIndex('xapi_statements_voids')
      .on('xapi_statements')
      .columns(['org_id', 'voids'])
      .execute();
    await db.schema
      .createTable('xapi_refs')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('statement_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('direct', 'integer', (c) => c.notNull())
      .addColumn('stored', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('xapi_refs_pk', ['org_id', 'statement_id', 'kind', 'value'])
      .execute();
    await db.schema
      .createIndex('xapi_refs_value')
      .on('xapi_refs')
      .columns(['org_id', 'kind', 'value', 'stored', 'statement_id', 'direct'])
      .execute();
    await db.schema
      .createTable('xapi_documents')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('agent', 'text', (c) => c.notNull())
      .addColumn('registration', 'text', (c) => c.notNull())
      .addColumn('doc_id', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('updated', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('xapi_documents_pk', [
        'org_id',
        'kind',
        'activity_id',
        'agent',
        'registration',
        'doc_id',
      ])
      .execute();
    await db.schema
      .createTable('xapi_activities')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('xapi_activities_pk', ['org_id', 'id'])
      .execute();
  },
};
