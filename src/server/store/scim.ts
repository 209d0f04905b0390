/**
 * SCIM provisioning's store area: the organisation's bearer tokens (`./scim-tokens.ts`), and people
 * (`./directory-people.ts`) and cohorts (`./directory-groups.ts`) as the directory sees them, paged
 * by `./directory-query.ts`. Nothing is ever deleted: the directory's DELETE marks `deleted_at`
 * (and deactivates a person), so history, boards and pilot figures stay.
 */
import type { Db } from './db';
import { directoryGroupStore, type DirectoryGroupStore } from './directory-groups';
import { directoryPeopleStore, type DirectoryPeopleStore } from './directory-people';
import { scimTokenStore, type ScimTokenStore } from './scim-tokens';

export type * from './directory-groups';
export type * from './directory-people';
export type * from './directory-query';
export type * from './scim-tokens';

export interface ScimStore extends ScimTokenStore, DirectoryPeopleStore, DirectoryGroupStore {}

export function scimStore(db: Db): ScimStore {
  return { ...scimTokenStore(db), ...directoryPeopleStore(db), ...directoryGroupStore(db) };
}
