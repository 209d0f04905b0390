/**
 * The demo organisations: "Demo Co" (a learner reporting to a manager, an admin, one cohort) and
 * "Globex" (one learner), so isolation between organisations can be seen and tested from day one.
 */
import { hashPassword } from './auth/password';
import type { Store } from './store/store';

export const DEMO_PASSWORD = 'learn-daily';

export const demoAccounts = [
  { email: 'learner@demo.test', name: 'Lena Learner', role: 'learner', org: 'demo-co' },
  { email: 'manager@demo.test', name: 'Max Manager', role: 'manager', org: 'demo-co' },
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', org: 'demo-co' },
  { email: 'learner@globex.test', name: 'Gus Globex', role: 'learner', org: 'globex' },
] as const;

export async function seedDemo(store: Store, password = DEMO_PASSWORD): Promise<void> {
  const passwordHash = await hashPassword(password);
  await store.createOrg({ id: 'demo-co', name: 'Demo Co' });
  await store.createOrg({ id: 'globex', name: 'Globex' });
  await store.createCohort({
    id: 'demo-co-pilot',
    orgId: 'demo-co',
    name: 'Pilot cohort',
    tz: 'Europe/Berlin',
  });
  await store.createCohort({
    id: 'globex-all',
    orgId: 'globex',
    name: 'Everyone',
    tz: 'America/New_York',
  });
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
}
