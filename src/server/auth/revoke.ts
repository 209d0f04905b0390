/**
 * What a person's access leaves behind when they leave or lose a role. One function for every
 * door that deactivates or demotes someone (the admin screen, SCIM), so none forgets a part:
 *
 * - leaving (inactive): their sessions end, every open invite and reset link they created is
 *   burned, and so is every open reset link for them (a link issued before a deactivation must
 *   not sign anyone in after a reactivation);
 * - losing a role: the open links they created that their new role could not grant are burned.
 *
 * Acceptance checks the same rule again (`creatorMayGrant`), so a link whose creator changed
 * through some other path still stops working.
 */
import type { Store } from '../store/store';
import type { AccessToken, Role } from '../store/store';

/** The roles a person of `role` may hand out by invite. Only admins issue invites and resets. */
export const GRANTABLE: Record<Role, Role[]> = {
  admin: ['learner', 'manager', 'admin'],
  manager: [],
  learner: [],
};

/** Whether reset links made by a person of this role still stand. */
const mayReset = (role: Role) => role === 'admin';

export interface AccessChange {
  orgId: string;
  userId: string;
  /** Their state after the change. */
  active: boolean;
  role: Role;
}

/** Revokes what `change` takes away; call it after any deactivation or role change. */
export async function revokeLostAccess(
  store: Store,
  change: AccessChange,
  now: number,
): Promise<void> {
  const { orgId, userId } = change;
  if (!change.active) {
    await store.deleteUserSessions(userId);
    await store.revokeTokens({ orgId, createdBy: { userId }, targeting: userId }, now);
    return;
  }
  await store.revokeTokens(
    {
      orgId,
      createdBy: {
        userId,
        keep: { inviteRoles: GRANTABLE[change.role], resets: mayReset(change.role) },
      },
    },
    now,
  );
}

/**
 * Whether a link still stands by its creator: they are active in the link's organisation and
 * their role may still grant what it grants.
 */
export async function creatorMayGrant(store: Store, token: AccessToken): Promise<boolean> {
  const creator = await store.getUser(token.createdBy);
  if (!creator || creator.orgId !== token.orgId) return false;
  if (token.kind === 'reset') return mayReset(creator.role);
  return GRANTABLE[creator.role].includes(token.role ?? 'learner');
}
