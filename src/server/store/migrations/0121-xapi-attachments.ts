import type { Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * Statement attachments sent as parts of a multipart/mixed request (issue 19): the raw data once
 * per organisation and SHA-2 hash, which the statements' `attachments[].sha2` name.
 */
export const xapiAttachments: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('xapi_attachments')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('sha2', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('xapi_attachments_pk', ['org_id', 'sha2'])
      .execute();
  },
};
