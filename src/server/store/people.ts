/**
 * People: organisations, cohorts and the people in them, with their managers and careers. Every
 * read of people names the caller's org, so a caller can never reach outside their organisation
 * (src/server/auth/access.ts decides who may ask).
 */
import { sql, type ExpressionBuilder, type Updateable } from 'kysely';
import type { Career } from '../../core/career';
import { inTransaction, type Db, type Tx } from './db';
import { idList, joinedText } from './dialect-sql';
import type { Database, Row } from './schema';
import { fromInsert } from './rows';

export type Role = Row<'users'>['role'];

export interface User {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  tz: string;
  cohortIds: string[];
}

export interface NewUser extends Omit<User, 'cohortIds'> {
  passwordHash: string;
  cohortIds?: string[];
  /** BCP 47 language, when the directory or the provider says. */
  locale?: string | null;
}

export type { Career } from '../../core/career';

/** A user as admins and managers see them: also deactivated ones, with their career. */
export interface Person extends User {
  active: boolean;
  career: Career | null;
}

export interface PersonPatch {
  name?: string;
  role?: Role;
  managerId?: string | null;
  tz?: string;
  active?: boolean;
  cohortIds?: string[];
  career?: Career | null;
  passwordHash?: string;
}

export interface Cohort {
  id: string;
  orgId: string;
  name: string;
  tz: string;
}

/** A cohort as admins see it: with its managers (active people with the manager or admin role). */
export interface CohortWithManagers extends Cohort {
  managerIds: string[];
}

export interface OrgMember {
  userId: string;
  email: string;
  cohortIds: string[];
}

export interface PeopleStore {
  createOrg(org: { id: string; name: string }): Promise<void>;
  createCohort(cohort: Cohort): Promise<void>;
  createUser(user: NewUser): Promise<void>;
  countUsers(): Promise<number>;
  /** An active user, or undefined. */
  getUser(id: string): Promise<User | undefined>;
  getCohort(id: string): Promise<Cohort | undefined>;
  /** The organisation's cohorts, by name. */
  orgCohorts(orgId: string): Promise<Array<{ id: string; name: string; tz: string }>>;
  /** Every active member of the organisation, by email. */
  orgMembers(orgId: string): Promise<OrgMember[]>;
  /** Active people of an organisation, by name (for kudos and recommendations). */
  orgPeople(orgId: string): Promise<Array<{ id: string; name: string }>>;
  listPeople(orgId: string): Promise<Person[]>;
  getPerson(orgId: string, userId: string): Promise<Person | undefined>;
  /** Applies the patch in one transaction; false when no such person is in the org. */
  updatePerson(orgId: string, userId: string, patch: PersonPatch): Promise<boolean>;
  listCohorts(orgId: string): Promise<CohortWithManagers[]>;
  /** `managerIds` replaces the cohort's managers; all in one transaction. False when not found. */
  updateCohort(
    orgId: string,
    id: string,
    patch: { name?: string; tz?: string; managerIds?: string[] },
  ): Promise<boolean>;
  /** True when the user is one of the cohort's managers and still an active manager or admin. */
  isCohortManager(userId: string, cohortId: string): Promise<boolean>;
  /** True when one of the manager's direct reports is an active member of the cohort. */
  managesCohortMember(managerId: string, cohortId: string): Promise<boolean>;
}

type UsersAs = ExpressionBuilder<Database & { u: Database['users'] }, 'u'>;

/** The comma-joined cohort ids of `u` (see `idList`). */
export const cohortIdsOf = (db: Db | Tx) => (eb: UsersAs) =>
  eb
    .selectFrom('cohort_members as m')
    .select(joinedText(db, sql.ref('m.cohort_id')).as('ids'))
    .whereRef('m.user_id', '=', 'u.id')
    .as('cohortIds');

/** A user row as `User` fields, from `users as u` (the cohort ids still joined: see `toUser`). */
export const userFields = (db: Db | Tx) =>
  [
    'u.id',
    'u.org_id as orgId',
    'u.email',
    'u.name',
    'u.role',
    'u.manager_id as managerId',
    'u.tz',
    cohortIdsOf(db),
  ] as const;

export const toUser = <T extends { cohortIds: string | null }>(row: T) => ({
  ...row,
  cohortIds: idList(row.cohortIds),
});

/** Inserts a person and their cohort memberships (inside the caller's transaction). */
export async function insertUser(tx: Tx, u: NewUser): Promise<void> {
  await tx
    .insertInto('users')
    .values({
      id: u.id,
      org_id: u.orgId,
      email: u.email.toLowerCase(),
      name: u.name,
      role: u.role,
      manager_id: u.managerId,
      tz: u.tz,
      password_hash: u.passwordHash,
      ...(u.locale !== undefined && { locale: u.locale }),
    })
    .execute();
  if (u.cohortIds?.length)
    await tx
      .insertInto('cohort_members')
      .values(u.cohortIds.map((cohort_id) => ({ cohort_id, user_id: u.id })))
      .execute();
}

/** Cohort managers count while they are active and still a manager or an admin. */
const leading = (eb: UsersAs) =>
  eb.and([eb('u.active', '=', 1), eb('u.role', 'in', ['manager', 'admin'])]);

export function peopleStore(db: Db): PeopleStore {
  /** The cohort's managers or members (`m`: the two lists have the same columns), with users (`u`). */
  const cohortPeople = (list: 'cohort_managers' | 'cohort_members', cohortId: string) =>
    db
      .selectFrom(sql<Row<'cohort_members'>>`${sql.table(list)}`.as('m'))
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id')
      .where('m.cohort_id', '=', cohortId);
  const people = () =>
    db
      .selectFrom('users as u')
      .leftJoin('user_careers as c', 'c.user_id', 'u.id')
      .select([...userFields(db), 'u.active', 'c.role_id as careerRole', 'c.level as careerLevel']);
  type PersonRow = Awaited<ReturnType<ReturnType<typeof people>['executeTakeFirstOrThrow']>>;
  const toPerson = ({ careerRole, careerLevel, active, ...row }: PersonRow): Person => ({
    ...toUser(row),
    active: active === 1,
    career: careerRole !== null ? { roleId: careerRole, level: careerLevel! } : null,
  });
  /**
   * Changes the organisation's row `id` of `table` in one transaction: the `columns` given (there
   * may be none), then the rows that hang off it (`more`); false when the org has no such row.
   */
  const patchInOrg = async <T extends 'users' | 'cohorts'>(
    table: T,
    orgId: string,
    id: string,
    columns: Updateable<Database[T]>,
    more: (tx: Tx) => Promise<void>,
  ) => {
    const rows = table as 'users' | 'cohorts'; // Kysely's builders take no generic table name
    const found = await db
      .selectFrom(rows)
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found) return false;
    await inTransaction(db, async (tx) => {
      if (Object.keys(columns).length)
        await tx.updateTable(rows).set(columns).where('id', '=', id).execute();
      await more(tx);
    });
    return true;
  };

  return {
    async createOrg(org) {
      await db
        .insertInto('orgs')
        .values({ ...org, slug: org.id })
        .execute();
    },
    async createCohort(c) {
      await db
        .insertInto('cohorts')
        .values({ id: c.id, org_id: c.orgId, name: c.name, tz: c.tz })
        .execute();
    },
    async createUser(u) {
      await inTransaction(db, (tx) => insertUser(tx, u));
    },
    async countUsers() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async getUser(id) {
      const row = await db
        .selectFrom('users as u')
        .select(userFields(db))
        .where('u.id', '=', id)
        .where('u.active', '=', 1)
        .executeTakeFirst();
      return row && toUser(row);
    },
    async getCohort(id) {
      return db
        .selectFrom('cohorts')
        .select(['id', 'org_id as orgId', 'name', 'tz'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async orgCohorts(orgId) {
      return db
        .selectFrom('cohorts')
        .select(['id', 'name', 'tz'])
        .where('org_id', '=', orgId)
        .orderBy('name')
        .orderBy('id')
        .execute();
    },
    async orgMembers(orgId) {
      const rows = await db
        .selectFrom('users as u')
        .select(['u.id', 'u.email', cohortIdsOf(db)])
        .where('u.org_id', '=', orgId)
        .where('u.active', '=', 1)
        .orderBy('u.email')
        .execute();
      return rows.map((r) => ({ userId: r.id, email: r.email, cohortIds: idList(r.cohortIds) }));
    },
    async orgPeople(orgId) {
      return db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('org_id', '=', orgId)
        .where('active', '=', 1)
        .orderBy('name')
        .orderBy('id')
        .limit(500)
        .execute();
    },
    async listPeople(orgId) {
      const rows = await people()
        .where('u.org_id', '=', orgId)
        .orderBy('u.name')
        .orderBy('u.id')
        .execute();
      return rows.map(toPerson);
    },
    async getPerson(orgId, userId) {
      const row = await people()
        .where('u.org_id', '=', orgId)
        .where('u.id', '=', userId)
        .executeTakeFirst();
      return row && toPerson(row);
    },
    updatePerson(orgId, userId, patch) {
      const columns = {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.managerId !== undefined && { manager_id: patch.managerId }),
        ...(patch.tz !== undefined && { tz: patch.tz }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
      };
      return patchInOrg('users', orgId, userId, columns, async (tx) => {
        if (patch.cohortIds) {
          await tx.deleteFrom('cohort_members').where('user_id', '=', userId).execute();
          if (patch.cohortIds.length)
            await tx
              .insertInto('cohort_members')
              .values(patch.cohortIds.map((cohort_id) => ({ cohort_id, user_id: userId })))
              .execute();
        }
        if (patch.career === null)
          await tx.deleteFrom('user_careers').where('user_id', '=', userId).execute();
        else if (patch.career)
          await tx
            .insertInto('user_careers')
            .values({ user_id: userId, role_id: patch.career.roleId, level: patch.career.level })
            .onConflict((oc) =>
              oc.column('user_id').doUpdateSet(fromInsert('user_careers', 'role_id', 'level')),
            )
            .execute();
      });
    },
    async listCohorts(orgId) {
      const rows = await db
        .selectFrom('cohorts as c')
        .select((eb) => [
          'c.id',
          'c.org_id as orgId',
          'c.name',
          'c.tz',
          eb
            .selectFrom('cohort_managers as m')
            .innerJoin('users as u', 'u.id', 'm.user_id')
            .select(joinedText(db, sql.ref('m.user_id')).as('ids'))
            .whereRef('m.cohort_id', '=', 'c.id')
            .where(leading)
            .as('managerIds'),
        ])
        .where('c.org_id', '=', orgId)
        .orderBy('c.name')
        .orderBy('c.id')
        .execute();
      return rows.map((r) => ({ ...r, managerIds: idList(r.managerIds) }));
    },
    updateCohort(orgId, id, patch) {
      const columns = {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.tz !== undefined && { tz: patch.tz }),
      };
      return patchInOrg('cohorts', orgId, id, columns, async (tx) => {
        if (patch.managerIds) {
          await tx.deleteFrom('cohort_managers').where('cohort_id', '=', id).execute();
          const managers = [...new Set(patch.managerIds)];
          if (managers.length)
            await tx
              .insertInto('cohort_managers')
              .values(managers.map((user_id) => ({ cohort_id: id, user_id })))
              .execute();
        }
      });
    },
    async isCohortManager(userId, cohortId) {
      const row = await cohortPeople('cohort_managers', cohortId)
        .where('m.user_id', '=', userId)
        .where(leading)
        .executeTakeFirst();
      return row !== undefined;
    },
    async managesCohortMember(managerId, cohortId) {
      const row = await cohortPeople('cohort_members', cohortId)
        .where('u.manager_id', '=', managerId)
        .where('u.active', '=', 1)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
