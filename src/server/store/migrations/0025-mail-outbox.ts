import type { Migration } from 'kysely';
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
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('html', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('claim', 'text')
      .addColumn('claimed_until', 'bigint')
      .addColumn('sent_at', 'bigint')
      .addColumn('failed_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('mail_outbox_due')
      .on('mail_outbox')
      .columns(['sent_at', 'failed_at', 'next_attempt_at'])
      .execute();
    await db.schema
      .createTable('digest_log')
      .addColumn('manager_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('digest_log_pk', ['manager_id', 'week'])
      .execute();
  },
};
