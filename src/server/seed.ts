/**
 * The demo organisations: "Demo Co" (two teams: a learner reporting to a manager and a second
 * learner reporting to a second manager; an admin; one cohort) and "Globex" (a learner and an
 * admin), so isolation between teams and organisations can be seen and tested from day one.
 * Learners have a career role and level from the catalog, for suggested pathways.
 */
import { hashPassword } from './auth/password';
import type { Store } from './store/store';

export const DEMO_PASSWORD = 'learn-daily';

export const demoAccounts = [
  { email: 'learner@demo.test', name: 'Lena Learner', role: 'learner', org: 'demo-co' },
  { email: 'manager@demo.test', name: 'Max Manager', role: 'manager', org: 'demo-co' },
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', org: 'demo-co' },
  { email: 'learner@globex.test', name: 'Gus Globex', role: 'learner', org: 'globex' },
  { email: 'manager2@demo.test', name: 'Mia Manager', role: 'manager', org: 'demo-co' },
  { email: 'learner2@demo.test', name: 'Leo Learner', role: 'learner', org: 'demo-co' },
  { email: 'admin@globex.test', name: 'Greta Globex', role: 'admin', org: 'globex' },
] as const;

/** An organisation and its first cohort. */
export async function createOrgWithCohort(
  store: Store,
  org: { id: string; name: string },
  cohort: { id: string; name: string; tz: string },
): Promise<void> {
  await store.createOrg(org);
  await store.createCohort({ ...cohort, orgId: org.id });
}

export async function seedDemo(store: Store, password = DEMO_PASSWORD): Promise<void> {
  const passwordHash = await hashPassword(password);
  for (const [org, cohort] of [
    [
      { id: 'demo-co', name: 'Demo Co' },
      { id: 'demo-co-pilot', name: 'Pilot cohort', tz: 'Europe/Berlin' },
    ],
    [
      { id: 'globex', name: 'Globex' },
      { id: 'globex-all', name: 'Everyone', tz: 'America/New_York' },
    ],
  ] as const)
    await createOrgWithCohort(store, org, cohort);
  const ids = {
    manager: 'u-demo-manager',
    learner: 'u-demo-learner',
    admin: 'u-demo-admin',
    globex: 'u-globex-learner',
  };
  await store.createUser({
    id: ids.manager,
    orgId: 'demo-co',
    email: 'manager@demo.test',
    name: 'Max Manager',
    role: 'manager',
    managerId: null,
    tz: 'Europe/Berlin',
    passwordHash,
    cohortIds: ['demo-co-pilot'],
  });
  await store.createUser({
    id: ids.learner,
    orgId: 'demo-co',
    email: 'learner@demo.test',
    name: 'Lena Learner',
    role: 'learner',
    managerId: ids.manager,
    tz: 'Europe/Berlin',
    passwordHash,
    cohortIds: ['demo-co-pilot'],
  });
  await store.createUser({
    id: ids.admin,
    orgId: 'demo-co',
    email: 'admin@demo.test',
    name: 'Ada Admin',
    role: 'admin',
    managerId: null,
    tz: 'Europe/Berlin',
    passwordHash,
  });
  await store.createUser({
    id: ids.globex,
    orgId: 'globex',
    email: 'learner@globex.test',
    name: 'Gus Globex',
    role: 'learner',
    managerId: null,
    tz: 'America/New_York',
    passwordHash,
    cohortIds: ['globex-all'],
  });
  await seedSecondTeams(store, passwordHash);
}

/** Issue 7: a second Demo Co team, a Globex admin, and career levels for suggested pathways. */
async function seedSecondTeams(store: Store, passwordHash: string): Promise<void> {
  const base = { orgId: 'demo-co', tz: 'Europe/Berlin', passwordHash };
  await store.createUser({
    ...base,
    id: 'u-demo-manager2',
    email: 'manager2@demo.test',
    name: 'Mia Manager',
    role: 'manager',
    managerId: null,
    cohortIds: ['demo-co-pilot'],
  });
  await store.createUser({
    ...base,
    id: 'u-demo-learner2',
    email: 'learner2@demo.test',
    name: 'Leo Learner',
    role: 'learner',
    managerId: 'u-demo-manager2',
    cohortIds: ['demo-co-pilot'],
  });
  await store.createUser({
    id: 'u-globex-admin',
    orgId: 'globex',
    email: 'admin@globex.test',
    name: 'Greta Globex',
    role: 'admin',
    managerId: null,
    tz: 'America/New_York',
    passwordHash,
  });
  const careers = [
    ['u-demo-learner', 'software-engineer'],
    ['u-demo-learner2', 'people-manager'],
    ['u-demo-manager', 'people-manager'],
    ['u-demo-manager2', 'people-manager'],
    ['u-globex-learner', 'software-engineer'],
  ] as const;
  for (const [userId, roleId] of careers) {
    const orgId = userId.startsWith('u-globex') ? 'globex' : 'demo-co';
    await store.updatePerson(orgId, userId, { career: { roleId, level: 1 } });
  }
}
