/**
 * What provisioning through SCIM costs: a directory of N users (100 of them managers, everyone
 * else reporting to one) and G groups is provisioned through `/scim/v2` in process (app.request),
 * the way Entra ID does it — look up by `userName eq`, then POST; groups by `displayName eq`, then
 * POST with members. Then a full re-sync of the same directory (look up, PUT the same
 * representation, as Okta pushes profiles), which must change nothing: the rows of every table
 * SCIM writes are compared before and after, `updated_at` included. The baseline, in the same run
 * on a fresh database: the same people and cohorts created directly through the store.
 * Prints JSON; compare the ratios, never raw milliseconds across machines. `cpu` gives the same
 * figures in this process's CPU time, which a busy shared machine disturbs far less than the clock.
 *
 *   npx tsx bench/scim.ts [users=10000] [groups=200]
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app';
import { seedDemo } from '../src/server/seed';
import { openStore, type Store } from '../src/server/store/store';
import { ENTERPRISE, filter, GROUP, issueScimToken, scimClient, USER } from '../test/support/scim';

const USERS = Number(process.argv[2] ?? 10_000);
const GROUPS = Number(process.argv[3] ?? 200);
const MANAGERS = Math.min(100, USERS);
const dir = mkdtempSync(join(tmpdir(), 'kindling-scim-bench-'));

async function freshStore(name: string): Promise<Store> {
  const store = await openStore({ dialect: 'sqlite', file: join(dir, `${name}.db`) });
  await seedDemo(store);
  return store;
}

const email = (i: number) => `person-${i}@bench.test`;
const groupOf = (i: number) => i % GROUPS;
const userBody = (i: number, managerId: string | null) => ({
  schemas: [USER, ENTERPRISE],
  externalId: `ext-${i}`,
  userName: email(i),
  name: { givenName: `Given${i}`, familyName: `Family${i}` },
  displayName: `Given${i} Family${i}`,
  emails: [{ value: email(i), type: 'work', primary: true }],
  active: true,
  locale: 'en-US',
  timezone: 'Europe/Berlin',
  [ENTERPRISE]: {
    department: `Dept ${i % 20}`,
    employeeNumber: String(100000 + i),
    ...(managerId ? { manager: { value: managerId } } : {}),
  },
});
const managerIndex = (i: number) => (i < MANAGERS ? null : i % MANAGERS);

// ---- Through SCIM ----
const store = await freshStore('scim');
const app = createApp({ store });
const scim = scimClient(app, await issueScimToken(app, store, 'u-demo-admin'));
const ids: string[] = [];
let requests = 0;
async function expectStatus(res: Promise<{ status: number; body: unknown }>, status: number) {
  requests++;
  const r = await res;
  if (r.status !== status)
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as { id: string; totalResults: number; Resources: Array<{ id: string }> };
}

/** CPU time of this process (ms): the fairer clock on a busy shared machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const provisionStart = performance.now();
const provisionCpuStart = cpuMs();
for (let i = 0; i < USERS; i++) {
  const found = await expectStatus(scim.get(`/Users?${filter(`userName eq "${email(i)}"`)}`), 200);
  if (found.totalResults !== 0) throw new Error(`${email(i)} existed before provisioning`);
  const m = managerIndex(i);
  ids[i] = (
    await expectStatus(scim.post('/Users', userBody(i, m === null ? null : ids[m]!)), 201)
  ).id;
}
const groupIds: string[] = [];
const groupBody = (g: number) => ({
  schemas: [GROUP],
  externalId: `group-${g}`,
  displayName: `Group ${g}`,
  members: ids.filter((_, i) => groupOf(i) === g).map((value) => ({ value })),
});
for (let g = 0; g < GROUPS; g++) {
  const found = await expectStatus(
    scim.get(`/Groups?${filter(`displayName eq "Group ${g}"`)}&excludedAttributes=members`),
    200,
  );
  if (found.totalResults !== 0) throw new Error(`Group ${g} existed before provisioning`);
  groupIds[g] = (await expectStatus(scim.post('/Groups', groupBody(g)), 201)).id;
}
const provisionMs = performance.now() - provisionStart;
const provisionCpuMs = cpuMs() - provisionCpuStart;

const WRITTEN = ['users', 'scim_users', 'cohorts', 'cohort_members', 'scim_groups'];
async function snapshot(s: Store) {
  const tables: Record<string, { rows: number; sha256: string }> = {};
  for (const table of WRITTEN) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const row of s.exportRows(table)) {
      hash.update(JSON.stringify(row));
      rows++;
    }
    tables[table] = { rows, sha256: hash.digest('hex') };
  }
  return tables;
}
const before = await snapshot(store);

const resyncStart = performance.now();
const resyncCpuStart = cpuMs();
for (let i = 0; i < USERS; i++) {
  const found = await expectStatus(scim.get(`/Users?${filter(`userName eq "${email(i)}"`)}`), 200);
  const id = found.Resources[0]!.id;
  const m = managerIndex(i);
  await expectStatus(
    scim.put(`/Users/${id}`, { ...userBody(i, m === null ? null : ids[m]!), id }),
    200,
  );
}
for (let g = 0; g < GROUPS; g++) {
  const found = await expectStatus(
    scim.get(`/Groups?${filter(`displayName eq "Group ${g}"`)}&excludedAttributes=members`),
    200,
  );
  const id = found.Resources[0]!.id;
  await expectStatus(scim.put(`/Groups/${id}`, { ...groupBody(g), id }), 200);
}
const resyncMs = performance.now() - resyncStart;
const resyncCpuMs = cpuMs() - resyncCpuStart;
const after = await snapshot(store);
const unchanged = JSON.stringify(before) === JSON.stringify(after);
if (!unchanged) throw new Error(`the re-sync changed rows: ${JSON.stringify({ before, after })}`);
await store.close();

// ---- Baseline: the same people and cohorts straight through the store ----
const direct = await freshStore('direct');
const directStart = performance.now();
const directCpuStart = cpuMs();
for (let g = 0; g < GROUPS; g++)
  await direct.createCohort({ id: `cohort-${g}`, orgId: 'demo-co', name: `Group ${g}`, tz: 'UTC' });
for (let i = 0; i < USERS; i++) {
  const m = managerIndex(i);
  await direct.createUser({
    id: `person-${i}`,
    orgId: 'demo-co',
    email: email(i),
    name: `Given${i} Family${i}`,
    role: i < MANAGERS ? 'manager' : 'learner',
    managerId: m === null ? null : `person-${m}`,
    tz: 'Europe/Berlin',
    passwordHash: '',
    cohortIds: GROUPS ? [`cohort-${groupOf(i)}`] : [],
  });
}
const directMs = performance.now() - directStart;
const directCpuMs = cpuMs() - directCpuStart;
await direct.close();
rmSync(dir, { recursive: true, force: true });

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
console.log(
  JSON.stringify(
    {
      bench: 'scim',
      database: 'sqlite (file)',
      users: USERS,
      groups: GROUPS,
      requests,
      provisionMs: round(provisionMs),
      resyncMs: round(resyncMs),
      directStoreMs: round(directMs),
      provisionRatio: round(provisionMs / directMs, 2),
      resyncRatio: round(resyncMs / directMs, 2),
      cpu: {
        provisionMs: round(provisionCpuMs),
        resyncMs: round(resyncCpuMs),
        directStoreMs: round(directCpuMs),
        provisionRatio: round(provisionCpuMs / directCpuMs, 2),
        resyncRatio: round(resyncCpuMs / directCpuMs, 2),
      },
      resyncChangedNothing: unchanged,
      rows: after,
    },
    null,
    2,
  ),
);
