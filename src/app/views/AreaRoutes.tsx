/**
 * Where the lazy areas (src/app/areas/) plug into the app shell (their tabs are in TabBar.tsx):
 * each area's one door loaded by `import()`, so a learner's first screen carries none of it.
 */
import type { Route } from '../router';
import { lazyView } from './Lazy';

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
