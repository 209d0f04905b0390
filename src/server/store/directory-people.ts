/**
 * Directory people: a `users` row (email = userName, name, active, locale, zone, manager) plus a
 * `scim_users` row for what only the directory keeps (externalId, given and family name, emails as
 * sent, department, employee number). The directory's DELETE marks `deleted_at` and deactivates.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from './db';
import { deletedRow, deletedUpdate, total, whole, type DirectoryQuery } from './directory-query';
import type { Role } from './people';
import { filterSql, userColumns } from './scim-filter';

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

export interface DirectoryPeopleStore {
  findDirectoryPeople(
    orgId: string,
    query: DirectoryQuery,
  ): Promise<{ total: number; people: DirectoryPerson[] }>;
  /** A person of the org the directory has not deleted. */
  getDirectoryPerson(orgId: string, id: string): Promise<DirectoryPerson | undefined>;
  /**
   * Whoever holds this email anywhere in the deployment, whether the directory deleted them, and
   * their time zone (kept when the directory creates them again without one).
   */
  emailHolder(
    email: string,
  ): Promise<{ userId: string; orgId: string; deleted: boolean; tz: string } | undefined>;
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
}

const SORT_USERS = { userName: 'u.email', displayName: 'u.name', externalId: 's.external_id' };

export function directoryPeopleStore(db: Db): DirectoryPeopleStore {
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
        .select(['u.id as userId', 'u.org_id as orgId', 'u.tz', 's.deleted_at as deletedAt'])
        .where('u.email', '=', email.toLowerCase())
        .executeTakeFirst();
      return (
        row && { userId: row.userId, orgId: row.orgId, deleted: row.deletedAt !== null, tz: row.tz }
      );
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
          .values({ user_id: id, ...deletedRow(orgId, now) })
          .onConflict((oc) => oc.column('user_id').doUpdateSet(deletedUpdate(now)))
          .execute();
        await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
        return true;
      });
    },
  };
}
