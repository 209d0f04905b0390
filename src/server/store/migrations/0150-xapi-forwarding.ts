import type { Migration } from 'kysely';
import { createIndex, notNull, nullable } from './build';
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
      .$call(notNull('text', 'endpoint', 'key', 'sealed_secret', 'home'))
      .$call(notNull('bigint', 'updated_at', 'next_attempt_at'))
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .$call(nullable('text', 'claim'))
      .$call(nullable('bigint', 'claimed_until', 'last_success_at'))
      .$call(nullable('text', 'last_error'))
      .$call(nullable('integer', 'last_error_status'))
      .$call(nullable('bigint', 'last_error_at'))
      .execute();
    await db.schema
      .createTable('xapi_forward_queue')
      .$call(notNull('text', 'org_id', 'statement_id'))
      .$call(notNull('bigint', 'queued_at'))
      .addPrimaryKeyConstraint('xapi_forward_queue_pk', ['org_id', 'statement_id'])
      .execute();
    const queueOrder = ['org_id', 'queued_at', 'statement_id'];
    await createIndex(db, 'xapi_forward_queue_order', 'xapi_forward_queue', queueOrder);
  },
};
