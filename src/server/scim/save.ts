/**
 * Writing what the directory sends: a person (checked for a taken userName and a manager cycle,
 * brought back when the directory had deleted them) or a group (checked members), and nothing at
 * all when nothing changes.
 */
import { randomUUID } from 'node:crypto';
import { revokeLostAccess } from '../auth/revoke';
import type { DirectoryFields, DirectoryPerson } from '../store/store';
import { ScimError } from './errors';
import { notFound, type C } from './exchange';
import { groupInput, samePerson } from './resources';

/** A manager must be another person of the org, and not someone who reports to this person. */
async function checkManager(c: C, id: string | undefined, managerId: string | null) {
  if (!managerId) return undefined;
  const { store } = c.var.deps;
  const manager = await store.getDirectoryPerson(c.var.orgId, managerId);
  if (!manager || managerId === id)
    throw new ScimError(400, 'invalidValue', 'error.scim.unknownManager', { id: managerId });
  let above: string | null = manager.managerId;
  for (let depth = 0; above && depth < 100; depth++) {
    if (above === id) throw new ScimError(400, 'invalidValue', 'error.scim.managerCycle');
    above = (await store.getDirectoryPerson(c.var.orgId, above))?.managerId ?? null;
  }
  return manager;
}

/** Whoever has this userName elsewhere (another org, or here) is a conflict, said the same way. */
const taken = () => new ScimError(409, 'uniqueness', 'error.scim.uniqueness');

/**
 * Writes a person's fields when they change anything. `current`: the person replaced; none for a
 * new one (or one the directory had deleted, brought back, who keeps their time zone unless
 * `zoneGiven`: their days and streak stay where they were). Returns the person as stored.
 */
export async function savePerson(
  c: C,
  current: DirectoryPerson | undefined,
  fields: DirectoryFields,
  zoneGiven = true,
): Promise<{ person: DirectoryPerson; created: boolean }> {
  const { store, now } = c.var.deps;
  const orgId = c.var.orgId;
  let id = current?.id;
  let revived = false;
  if (!current || current.email !== fields.email) {
    const holder = await store.emailHolder(fields.email);
    if (holder && holder.userId !== id) {
      if (current || holder.orgId !== orgId || !holder.deleted) throw taken();
      id = holder.userId;
      revived = true;
      if (!zoneGiven) fields = { ...fields, tz: holder.tz };
    }
  }
  const manager = await checkManager(c, id, fields.managerId);
  if (current && samePerson(current, fields)) return { person: current, created: false };
  if (id) {
    await store.updateDirectoryPerson(orgId, id, fields, now());
    // A directory deactivation leaves behind what the admin screen's does (auth/revoke.ts).
    if (!fields.active)
      await revokeLostAccess(store, { orgId, userId: id, active: false, role: 'learner' }, now());
  } else {
    id = randomUUID();
    try {
      await store.createDirectoryPerson(orgId, id, fields, now());
    } catch (err) {
      // Someone took the email between the check and the insert (unique constraint).
      if (await store.emailHolder(fields.email)) throw taken();
      throw err;
    }
  }
  // Someone with reports leads a team: a learner becomes a manager so their team view opens.
  if (manager?.role === 'learner') await store.updatePerson(orgId, manager.id, { role: 'manager' });
  const person = (await store.getDirectoryPerson(orgId, id))!;
  return { person, created: !current || revived };
}

export async function saveGroup(c: C, id: string, input: ReturnType<typeof groupInput>) {
  const { store, now } = c.var.deps;
  const current = await store.getDirectoryGroup(c.var.orgId, id, true);
  if (!current) throw notFound();
  await checkMembers(c, input.memberIds);
  const had = new Set(current.memberIds);
  const wanted = new Set(input.memberIds);
  const add = input.memberIds.filter((m) => !had.has(m));
  const remove = current.memberIds!.filter((m) => !wanted.has(m));
  if (
    add.length ||
    remove.length ||
    current.name !== input.name ||
    current.externalId !== input.externalId
  )
    await store.updateDirectoryGroup(
      c.var.orgId,
      id,
      { name: input.name, externalId: input.externalId, add, remove },
      now(),
    );
}

export async function checkMembers(c: C, ids: string[]) {
  if (!ids.length) return;
  const known = new Set(await c.var.deps.store.directoryPersonIds(c.var.orgId, ids));
  const unknown = ids.find((m) => !known.has(m));
  if (unknown)
    throw new ScimError(400, 'invalidValue', 'error.scim.unknownMember', { id: unknown });
}

export async function person(c: C) {
  const found = await c.var.deps.store.getDirectoryPerson(c.var.orgId, c.req.param('id')!);
  if (!found) throw notFound();
  return found;
}
