/**
 * Where the people screens plug into the app shell: header links by role, and each screen loaded
 * lazily (its own chunk), so a learner's first screen carries none of them.
 */
import type { SignedInUser } from '../../../client/db';
import { t } from '../../i18n';
import { paths, type Route } from '../../router';
import { lazyView } from '../Lazy';
import { Link } from '../Link';

const TeamView = lazyView(() => import('./TeamView').then((m) => m.TeamView));
const TeamMember = lazyView(() => import('./TeamMember').then((m) => m.TeamMember));
const AdminView = lazyView(() => import('./AdminView').then((m) => m.AdminView));
const AccountView = lazyView(() => import('./AccountView').then((m) => m.AccountView));
const JoinView = lazyView(() => import('./JoinView').then((m) => m.JoinView));
const ResetView = lazyView(() => import('./ResetView').then((m) => m.ResetView));

type PeopleRoute = Extract<
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

export function PeopleScreen({ route }: { route: PeopleRoute }) {
  switch (route.name) {
    case 'team':
      return <TeamView />;
    case 'team_member':
      return <TeamMember userId={route.userId} />;
    case 'admin':
      return <AdminView />;
    case 'account':
      return <AccountView />;
    case 'join':
      return <JoinView code={route.code} />;
    case 'reset':
      return <ResetView token={route.token} />;
  }
}
