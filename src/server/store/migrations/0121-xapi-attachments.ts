import type { Migration } from 'kysely';
import { notNull } from './build';
import type { AnyDb } from './index';

/**
 * Statement attachments sent as parts of a multipart/mixed request (issue 19): the raw data once
 * per organisation and SHA-2 hash, which the statements' `attachments[].sha2` name.
 */
export const xapiAttachments: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('xapi_attachments')
      .$call(notNull('text', 'org_id', 'sha2', 'content_type', 'body'))
      .addPrimaryKeyConstraint('xapi_attachments_pk', ['org_id', 'sha2'])
      .execute();
  },
};
