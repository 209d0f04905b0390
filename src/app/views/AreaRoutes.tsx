/**
 * Where the lazy areas (src/app/areas/) plug into the app shell: header links by role, and each
 * area's one door loaded by `import()`, so a learner's first screen carries none of it.
 */
import type { SignedInUser } from '../../client/db';
import { t } from '../i18n';
import { paths, type Route } from '../router';
import { lazyView } from './Lazy';
import { Link } from './Link';

/** The people area: team, 1:1, admin, account, join and reset. */
export const PeopleScreen = lazyView(() =>
  import('../areas/people/PeopleScreen').then((m) => m.PeopleScreen),
);

/** The pilot area: the admin's dashboard and checklist. */
export const PilotScreen = lazyView(() =>
  import('../areas/pilot/PilotDashboard').then((m) => m.PilotDashboard),
);

export type PeopleRoute = Extract<
  Route,
  { name: 'team' | 'team_member' | 'admin' | 'account' | 'join' | 'reset' }
>;

export function isPeopleRoute(r: Route): r is PeopleRoute {
  return ['team', 'team_member', 'admin', 'account', 'join', 'reset'].includes(r.name);
}

export function PeopleNav({ role }: { role: SignedInUser['role'] }) {
  return (
    <nav class="topnav" aria-label={t('nav.label')}>
      <Link href={paths.roadmap()}>{t('nav.roadmap')}</Link>
      {(role === 'manager' || role === 'admin') && <Link href={paths.team()}>{t('nav.team')}</Link>}
      {role === 'admin' && <Link href={paths.admin()}>{t('nav.admin')}</Link>}
      {role === 'admin' && <Link href="/pilot">{t('nav.pilot')}</Link>}
      <Link href={paths.account()} aria-label={t('nav.accountLabel')}>
        {t('nav.account')}
      </Link>
    </nav>
  );
}
