/**
 * Who may see and act on whom. The whole policy is in this file:
 *
 * - Every person lookup names the caller's organisation; someone in another organisation is
 *   answered 404 (not 403), so ids in other organisations cannot even be confirmed to exist.
 * - A learner reaches only themselves.
 * - A manager reaches themselves and their direct reports (users.manager_id = the manager).
 * - An admin reaches everyone in their own organisation.
 * - A cohort is led (board read, weekly challenge set) by its own managers, the line managers of
 *   its members and the org's admins; its members may read it too.
 * - Whether an email has an account is said only within its own organisation: an address taken
 *   in another organisation is treated as free where that answer is harmless (an admin's invite)
 *   and as an unusable invite where it is not (accepting one), never as "taken".
 * - Role-gated routes check the role first (403 `forbidden`) before looking anyone up.
 *
 * Route modules scope middleware to their own paths (`.use('/team/*', …)`), never a bare
 * `.use(…)`, because a sub-app's bare middleware would also run for routes registered after it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../env';
import type { ErrorKey } from '../../core/phrases/errors';
import { ApiError } from '../errors';
import type { Person, Role, User } from '../store/store';

export const forbidden = (key: ErrorKey = 'error.forbidden') => new ApiError(403, 'forbidden', key);

export const notFoundPerson = () => new ApiError(404, 'not_found', 'error.noPerson');

/** Requires one of the roles (after requireUser). */
export const requireRole =
  (...roles: Role[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!roles.includes(c.var.user.role)) throw forbidden();
    await next();
  };

/**
 * Where an email's account is, as `orgId` may learn it: `'here'` for a person (active or not) of
 * that org, `'elsewhere'` for any other org's, undefined when free. Only `'here'` may be told.
 */
export async function emailTaken(
  deps: AppDeps,
  orgId: string,
  email: string,
): Promise<'here' | 'elsewhere' | undefined> {
  const owner = await deps.store.emailOrg(email);
  return owner === undefined ? undefined : owner === orgId ? 'here' : 'elsewhere';
}

/** Whether `viewer` may see `subject`'s progress. */
export function canView(viewer: User, subject: Pick<User, 'id' | 'orgId' | 'managerId'>): boolean {
  if (viewer.orgId !== subject.orgId) return false;
  return viewer.id === subject.id || viewer.role === 'admin' || subject.managerId === viewer.id;
}

/** Whether `viewer` may coach `subject`: assign, nudge, run a 1:1. Never oneself. */
export function canCoach(viewer: User, subject: Pick<User, 'id' | 'orgId' | 'managerId'>): boolean {
  if (viewer.orgId !== subject.orgId || viewer.id === subject.id) return false;
  return viewer.role === 'admin' || subject.managerId === viewer.id;
}

/**
 * Loads an active person in the caller's organisation that `allowed` lets the caller reach.
 * Other organisation or unknown → 404; same organisation but not allowed → 403.
 */
export async function personInReach(
  c: Context<AppEnv>,
  userId: string,
  allowed: (viewer: User, subject: Person) => boolean,
): Promise<Person> {
  const viewer = c.var.user;
  const subject = await c.var.deps.store.getPerson(viewer.orgId, userId);
  if (!subject || !subject.active) throw notFoundPerson();
  if (!allowed(viewer, subject)) throw forbidden();
  return subject;
}

/**
 * Who leads a cohort (reads its board, sets its challenge): admins of its org, the cohort's own
 * managers, and the line managers of its members. The caller's org is checked by the caller.
 */
export async function leadsCohort(deps: AppDeps, user: User, cohortId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'manager') return false;
  return (
    (await deps.store.isCohortManager(user.id, cohortId)) ||
    (await deps.store.managesCohortMember(user.id, cohortId))
  );
}
