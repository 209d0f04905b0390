/**
 * The people area's one door (loaded by `import()` from views/AreaRoutes.tsx): team, 1:1, account,
 * join and reset screens, with the area's styles. The admin screen is a further lazy chunk, since
 * only admins open it.
 */
import type { PeopleRoute } from '../../views/AreaRoutes';
import { lazyView } from '../../views/Lazy';
import { AccountView } from './AccountView';
import { JoinView } from './JoinView';
import './people.css';
import { ResetView } from './ResetView';
import { TeamMember } from './TeamMember';
import { TeamView } from './TeamView';

const AdminView = lazyView(() => import('./admin/AdminView').then((m) => m.AdminView));

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
