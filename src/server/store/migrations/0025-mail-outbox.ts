import type { Migration } from 'kysely';
import { createIndex, notNull, nullable } from './build';
import type { AnyDb } from './index';

/**
 * Mail goes out through an outbox: each message is a row until an SMTP server accepted it, so a
 * server that is down loses nothing, and a sender claims a row before sending it, so two
 * processes never send one message twice. The digest log records each manager's weekly digest
 * once per week.
 */
export const mailOutbox: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .$call(notNull('text', 'kind', 'to_address', 'subject', 'text', 'html'))
      .$call(notNull('bigint', 'created_at'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .$call(notNull('bigint', 'next_attempt_at'))
      .$call(nullable('text', 'claim'))
      .$call(nullable('bigint', 'claimed_until', 'sent_at', 'failed_at'))
      .$call(nullable('text', 'last_error'))
      .execute();
    await createIndex(db, 'mail_outbox_due', 'mail_outbox', [
      'sent_at',
      'failed_at',
      'next_attempt_at',
    ]);
    await db.schema
      .createTable('digest_log')
      .addColumn('manager_id', 'text', (c) => c.notNull().references('users.id'))
      .$call(notNull('text', 'week'))
      .$call(notNull('bigint', 'sent_at'))
      .addPrimaryKeyConstraint('digest_log_pk', ['manager_id', 'week'])
      .execute();
  },
};
