import type { Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * Forwarding to an organisation's own LRS (issue 19): where to send (endpoint, Basic key, the
 * secret sealed), how the sender stands (lease, persisted backoff, last success and error), and
 * the queue of statement ids still to send, written in the ingest transaction.
 */
export const xapiForwarding: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('xapi_forwarding')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
      .addColumn('endpoint', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('sealed_secret', 'text', (c) => c.notNull())
      .addColumn('home', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('claim', 'text')
      .addColumn('claimed_until', 'bigint')
      .addColumn('last_success_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('last_error_status', 'integer')
      .addColumn('last_error_at', 'bigint')
      .execute();
    await db.schema
      .createTable('xapi_forward_queue')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('statement_id', 'text', (c) => c.notNull())
      .addColumn('queued_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('xapi_forward_queue_pk', ['org_id', 'statement_id'])
      .execute();
    await db.schema
      .createIndex('xapi_forward_queue_order')
      .on('xapi_forward_queue')
      .columns(['org_id', 'queued_at', 'statement_id'])
      .execute();
  },
};
