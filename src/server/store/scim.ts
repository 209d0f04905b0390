/**
 * SCIM provisioning's store area: the organisation's bearer tokens, and people and cohorts as the
 * directory sees them. A directory person is a `users` row (email = userName, name, active,
 * locale, zone, manager) plus a `scim_users` row for what only the directory keeps (externalId,
 * given and family name, emails as sent, department, employee number); a directory group is a
 * cohort plus its `scim_groups` row. Nothing is ever deleted: the directory's DELETE marks
 * `deleted_at` (and deactivates a person), so history, boards and pilot figures stay.
 */
import { sql } from 'kysely';
import type { Filter } from 'scim2-parse-filter';
import { inTransaction, type Db, type Tx } from './db';
import type { Role } from './people';
import { filterSql, groupColumns, userColumns } from './scim-filter';

export interface ScimToken {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface NewScimToken {
  id: string;
  orgId: string;
  name: string;
  tokenHash: string;
  createdBy: string;
  createdAt: number;
}

/** What the directory may set on a person. */
export interface DirectoryFields {
  email: string;
  name: string;
  active: boolean;
  locale: string | null;
  tz: string;
  managerId: string | null;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  /** JSON array of the SCIM `emails` as sent; null: only the userName. */
  emails: string | null;
  department: string | null;
  employeeNumber: string | null;
}

export interface DirectoryPerson extends DirectoryFields {
  id: string;
  orgId: string;
  role: Role;
  /** Null for people Kindling knew before the directory did. */
  createdAt: number | null;
  updatedAt: number | null;
}

export interface DirectoryGroup {
  id: string;
  orgId: string;
  name: string;
  externalId: string | null;
  createdAt: number | null;
  updatedAt: number | null;
  /** Present when asked for: the members the directory has not deleted, by id. */
  memberIds?: string[];
}

export interface DirectoryQuery {
  filter?: Filter;
  sortBy?: 'userName' | 'displayName' | 'externalId';
  descending?: boolean;
  /** 0-based. */
  offset: number;
  limit: number;
}

export interface ScimStore {
  createScimToken(token: NewScimToken): Promise<void>;
  /** The organisation's tokens that still work, newest first (never the token). */
  listScimTokens(orgId: string): Promise<ScimToken[]>;
  /** False when the org has no such working token. */
  revokeScimToken(orgId: string, id: string, now: number): Promise<boolean>;
  /** The working token with this hash. */
  scimTokenByHash(
    tokenHash: string,
  ): Promise<{ id: string; orgId: string; lastUsedAt: number | null } | undefined>;
  touchScimToken(id: string, now: number): Promise<void>;

  findDirectoryPeople(
    orgId: string,
    query: DirectoryQuery,
  ): Promise<{ total: number; people: DirectoryPerson[] }>;
  /** A person of the org the directory has not deleted. */
  getDirectoryPerson(orgId: string, id: string): Promise<DirectoryPerson | undefined>;
  /** Whoever holds this email anywhere in the deployment, and whether the directory deleted them. */
  emailHolder(
    email: string,
  ): Promise<{ userId: string; orgId: string; deleted: boolean } | undefined>;
  /** Of `ids`, those naming people of the org the directory has not deleted. */
  directoryPersonIds(orgId: string, ids: string[]): Promise<string[]>;
  createDirectoryPerson(
    orgId: string,
    id: string,
    fields: DirectoryFields,
    now: number,
  ): Promise<void>;
  /**
   * Writes the fields (and brings back a person the directory had deleted); a person who is no
   * longer active loses their sessions in the same transaction.
   */
  updateDirectoryPerson(
    orgId: string,
    id: string,
    fields: DirectoryFields & { role?: Role },
    now: number,
  ): Promise<void>;
  /** Deactivates, ends sessions, and marks the person deleted for the directory. */
  deleteDirectoryPerson(orgId: string, id: string, now: number): Promise<boolean>;

  findDirectoryGroups(
    orgId: string,
    query: DirectoryQuery,
    withMembers: boolean,
  ): Promise<{ total: number; groups: DirectoryGroup[] }>;
  getDirectoryGroup(
    orgId: string,
    id: string,
    withMembers: boolean,
  ): Promise<DirectoryGroup | undefined>;
  createDirectoryGroup(
    group: { id: string; orgId: string; name: string; externalId: string | null; tz: string },
    memberIds: string[],
    now: number,
  ): Promise<void>;
  updateDirectoryGroup(
    orgId: string,
    id: string,
    change: { name: string; externalId: string | null; add: string[]; remove: string[] },
    now: number,
  ): Promise<void>;
  deleteDirectoryGroup(orgId: string, id: string, now: number): Promise<boolean>;
}

/**
 * The number of matches: a first page that is not full already says it (a directory's
 * `userName eq` lookup), so the count query runs only when there may be more.
 */
async function total(
  query: DirectoryQuery,
  rows: number,
  count: () => Promise<{ n: number }>,
): Promise<number> {
  if (query.offset === 0 && rows < query.limit) return rows;
  return Number((await count()).n);
}

/**
 * A page bound written into the SQL rather than bound: with `LIMIT ?` SQLite sorts the whole
 * (wide) result before cutting it, with a literal it stops at the first rows of the index it
 * reads — a directory's `userName eq` lookup, its busiest query, runs about three times faster.
 * The routes only ever pass small whole numbers (they are checked here again).
 */
function whole(n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a page bound: ${n}`);
  return sql.lit(n);
}

const SORT_USERS = { userName: 'u.email', displayName: 'u.name', externalId: 's.external_id' };
const SORT_GROUPS = { userName: 'c.id', displayName: 'c.name', externalId: 'g.external_id' };

export function scimStore(db: Db): ScimStore {
  const people = (q: Db | Tx = db) =>
    q
      .selectFrom('users as u')
      .leftJoin('scim_users as s', 's.user_id', 'u.id')
      .where('s.deleted_at', 'is', null);
  const personFields = [
    'u.id',
    'u.org_id as orgId',
    'u.email',
    'u.name',
    'u.active',
    'u.locale',
    'u.tz',
    'u.manager_id as managerId',
    'u.role',
    's.external_id as externalId',
    's.given_name as givenName',
    's.family_name as familyName',
    's.emails',
    's.department',
    's.employee_number as employeeNumber',
    's.created_at as createdAt',
    's.updated_at as updatedAt',
  ] as const;
  const toPerson = <T extends { active: number }>(row: T) => ({ ...row, active: row.active === 1 });
  const groups = () =>
    db
      .selectFrom('cohorts as c')
      .leftJoin('scim_groups as g', 'g.cohort_id', 'c.id')
      .where('g.deleted_at', 'is', null);
  const groupFields = [
    'c.id',
    'c.org_id as orgId',
    'c.name',
    'g.external_id as externalId',
    'g.created_at as createdAt',
    'g.updated_at as updatedAt',
  ] as const;
  const membersOf = async (ids: string[]) => {
    const byGroup = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return byGroup;
    const rows = await db
      .selectFrom('cohort_members as m')
      .leftJoin('scim_users as s', 's.user_id', 'm.user_id')
      .select(['m.cohort_id as cohortId', 'm.user_id as userId'])
      .where('m.cohort_id', 'in', ids)
      .where('s.deleted_at', 'is', null)
      .orderBy('m.user_id')
      .execute();
    for (const r of rows) byGroup.get(r.cohortId)!.push(r.userId);
    return byGroup;
  };
  const directoryColumns = (f: DirectoryFields, now: number) => ({
    external_id: f.externalId,
    given_name: f.givenName,
    family_name: f.familyName,
    emails: f.emails,
    department: f.department,
    employee_number: f.employeeNumber,
    updated_at: now,
  });

  return {
    async createScimToken(t) {
      await db
        .insertInto('scim_tokens')
        .values({
          id: t.id,
          org_id: t.orgId,
          name: t.name,
          token_hash: t.tokenHash,
          created_by: t.createdBy,
          created_at: t.createdAt,
        })
        .execute();
    },
    async listScimTokens(orgId) {
      return db
        .selectFrom('scim_tokens')
        .select(['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt'])
        .where('org_id', '=', orgId)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
    },
    async revokeScimToken(orgId, id, now) {
      const result = await db
        .updateTable('scim_tokens')
        .set({ revoked_at: now })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async scimTokenByHash(tokenHash) {
      return db
        .selectFrom('scim_tokens')
        .select(['id', 'org_id as orgId', 'last_used_at as lastUsedAt'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
    },
    async touchScimToken(id, now) {
      await db.updateTable('scim_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },

    async findDirectoryPeople(orgId, query) {
      let where = people().where('u.org_id', '=', orgId);
      if (query.filter) where = where.where(filterSql(query.filter, userColumns));
      const rows = await where
        .select(personFields)
        .orderBy(sql.ref(SORT_USERS[query.sortBy ?? 'userName']), query.descending ? 'desc' : 'asc')
        .orderBy('u.id')
        .limit(whole(query.limit))
        .offset(whole(query.offset))
        .execute();
      const n = await total(query, rows.length, () =>
        where.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
      return { total: n, people: rows.map(toPerson) };
    },
    async getDirectoryPerson(orgId, id) {
      const row = await people()
        .select(personFields)
        .where('u.org_id', '=', orgId)
        .where('u.id', '=', id)
        .executeTakeFirst();
      return row && toPerson(row);
    },
    async emailHolder(email) {
      const row = await db
        .selectFrom('users as u')
        .leftJoin('scim_users as s', 's.user_id', 'u.id')
        .select(['u.id as userId', 'u.org_id as orgId', 's.deleted_at as deletedAt'])
        .where('u.email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row && { userId: row.userId, orgId: row.orgId, deleted: row.deletedAt !== null };
    },
    async directoryPersonIds(orgId, ids) {
      if (!ids.length) return [];
      const rows = await people()
        .select('u.id')
        .where('u.org_id', '=', orgId)
        .where('u.id', 'in', [...new Set(ids)])
        .execute();
      return rows.map((r) => r.id);
    },
    async createDirectoryPerson(orgId, id, f, now) {
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('users')
          .values({
            id,
            org_id: orgId,
            email: f.email.toLowerCase(),
            name: f.name,
            role: 'learner',
            manager_id: f.managerId,
            tz: f.tz,
            locale: f.locale,
            active: f.active ? 1 : 0,
            // No password: directory people sign in with SSO, or set one with a reset link.
            password_hash: '',
          })
          .execute();
        await tx
          .insertInto('scim_users')
          .values({ user_id: id, org_id: orgId, created_at: now, ...directoryColumns(f, now) })
          .execute();
      });
    },
    async updateDirectoryPerson(orgId, id, f, now) {
      await inTransaction(db, async (tx) => {
        await tx
          .updateTable('users')
          .set({
            email: f.email.toLowerCase(),
            name: f.name,
            manager_id: f.managerId,
            tz: f.tz,
            locale: f.locale,
            active: f.active ? 1 : 0,
            ...(f.role ? { role: f.role } : {}),
          })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
        await tx
          .insertInto('scim_users')
          .values({ user_id: id, org_id: orgId, created_at: now, ...directoryColumns(f, now) })
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({ ...directoryColumns(f, now), deleted_at: null }),
          )
          .execute();
        if (!f.active) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      });
    },
    async deleteDirectoryPerson(orgId, id, now) {
      return inTransaction(db, async (tx) => {
        const found = await people(tx)
          .select('u.id')
          .where('u.org_id', '=', orgId)
          .where('u.id', '=', id)
          .executeTakeFirst();
        if (!found) return false;
        await tx.updateTable('users').set({ active: 0 }).where('id', '=', id).execute();
        await tx
          .insertInto('scim_users')
          .values({
            user_id: id,
            org_id: orgId,
            created_at: now,
            updated_at: now,
            deleted_at: now,
          })
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({ updated_at: now, deleted_at: now }),
          )
          .execute();
        await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
        return true;
      });
    },

    async findDirectoryGroups(orgId, query, withMembers) {
      let where = groups().where('c.org_id', '=', orgId);
      if (query.filter) where = where.where(filterSql(query.filter, groupColumns));
      const rows = await where
        .select(groupFields)
        .orderBy(
          sql.ref(SORT_GROUPS[query.sortBy ?? 'displayName']),
          query.descending ? 'desc' : 'asc',
        )
        .orderBy('c.id')
        .limit(whole(query.limit))
        .offset(whole(query.offset))
        .execute();
      const n = await total(query, rows.length, () =>
        where.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
      if (!withMembers) return { total: n, groups: rows };
      const members = await membersOf(rows.map((r) => r.id));
      return {
        total: n,
        groups: rows.map((r) => ({ ...r, memberIds: members.get(r.id)! })),
      };
    },
    async getDirectoryGroup(orgId, id, withMembers) {
      const row = await groups()
        .select(groupFields)
        .where('c.org_id', '=', orgId)
        .where('c.id', '=', id)
        .executeTakeFirst();
      if (!row || !withMembers) return row;
      return { ...row, memberIds: (await membersOf([id])).get(id)! };
    },
    async createDirectoryGroup(g, memberIds, now) {
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('cohorts')
          .values({ id: g.id, org_id: g.orgId, name: g.name, tz: g.tz })
          .execute();
        await tx
          .insertInto('scim_groups')
          .values({
            cohort_id: g.id,
            org_id: g.orgId,
            external_id: g.externalId,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const members = [...new Set(memberIds)];
        if (members.length)
          await tx
            .insertInto('cohort_members')
            .values(members.map((user_id) => ({ cohort_id: g.id, user_id })))
            .execute();
      });
    },
    async updateDirectoryGroup(orgId, id, change, now) {
      await inTransaction(db, async (tx) => {
        await tx
          .updateTable('cohorts')
          .set({ name: change.name })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
        await tx
          .insertInto('scim_groups')
          .values({
            cohort_id: id,
            org_id: orgId,
            external_id: change.externalId,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.column('cohort_id').doUpdateSet({ external_id: change.externalId, updated_at: now }),
          )
          .execute();
        if (change.remove.length)
          await tx
            .deleteFrom('cohort_members')
            .where('cohort_id', '=', id)
            .where('user_id', 'in', change.remove)
            .execute();
        const add = [...new Set(change.add)];
        if (add.length)
          await tx
            .insertInto('cohort_members')
            .values(add.map((user_id) => ({ cohort_id: id, user_id })))
            .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doNothing())
            .execute();
      });
    },
    async deleteDirectoryGroup(orgId, id, now) {
      return inTransaction(db, async (tx) => {
        const found = await tx
          .selectFrom('cohorts as c')
          .leftJoin('scim_groups as g', 'g.cohort_id', 'c.id')
          .select('c.id')
          .where('c.org_id', '=', orgId)
          .where('c.id', '=', id)
          .where('g.deleted_at', 'is', null)
          .executeTakeFirst();
        if (!found) return false;
        await tx
          .insertInto('scim_groups')
          .values({
            cohort_id: id,
            org_id: orgId,
            created_at: now,
            updated_at: now,
            deleted_at: now,
          })
          .onConflict((oc) =>
            oc.column('cohort_id').doUpdateSet({ updated_at: now, deleted_at: now }),
          )
          .execute();
        return true;
      });
    },
  };
}
