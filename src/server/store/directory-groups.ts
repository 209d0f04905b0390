/**
 * Directory groups: a cohort plus its `scim_groups` row. The directory's DELETE marks
 * `deleted_at`; the cohort, its board and its pilot figures stay.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from './db';
import { deletedRow, deletedUpdate, total, whole, type DirectoryQuery } from './directory-query';
import { filterSql, groupColumns } from './scim-filter';

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

export interface DirectoryGroupStore {
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

const SORT_GROUPS = { userName: 'c.id', displayName: 'c.name', externalId: 'g.external_id' };

export function directoryGroupStore(db: Db): DirectoryGroupStore {
  const groups = (q: Db | Tx = db) =>
    q
      .selectFrom('cohorts as c')
      .leftJoin('scim_groups as g', 'g.cohort_id', 'c.id')
      .where('g.deleted_at', 'is', null);
  /** The organisation's group `id`, unless the directory deleted it. */
  const group = (orgId: string, id: string, q: Db | Tx = db) =>
    groups(q).where('c.org_id', '=', orgId).where('c.id', '=', id);
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
  return {
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
      const row = await group(orgId, id).select(groupFields).executeTakeFirst();
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
        const found = await group(orgId, id, tx).select('c.id').executeTakeFirst();
        if (!found) return false;
        await tx
          .insertInto('scim_groups')
          .values({ cohort_id: id, ...deletedRow(orgId, now) })
          .onConflict((oc) => oc.column('cohort_id').doUpdateSet(deletedUpdate(now)))
          .execute();
        return true;
      });
    },
  };
}
