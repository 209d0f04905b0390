/**
 * What the admin's selects offer: the named things (cohorts, people) by id, the three roles, and
 * who can be someone's manager.
 */
import { t } from '../messages';
import type { AdminPerson } from './admin-store';

/** Cohorts or people as options: the id is the value, the name is shown. */
export function NamedOptions({ of }: { of: readonly { id: string; name: string }[] }) {
  return (
    <>
      {of.map((x) => (
        <option key={x.id} value={x.id}>
          {x.name}
        </option>
      ))}
    </>
  );
}

export const ROLE_NAMES = {
  learner: 'admin.roleLearner',
  manager: 'admin.roleManager',
  admin: 'admin.roleAdmin',
} as const;

/**
 * The roles as options. A person's own settings say "Manager (has a team)" (`managerTeam`), where
 * making someone a manager is what gives them a team.
 */
export function RoleOptions({ managerTeam = false }: { managerTeam?: boolean }) {
  return (
    <>
      <option value="learner">{t(ROLE_NAMES.learner)}</option>
      <option value="manager">
        {t(managerTeam ? 'admin.roleManagerTeam' : ROLE_NAMES.manager)}
      </option>
      <option value="admin">{t(ROLE_NAMES.admin)}</option>
    </>
  );
}

/** Who can be a manager (of a person, or of a cohort): active managers and admins. */
export const canManage = (p: AdminPerson) => p.active && p.role !== 'learner';
