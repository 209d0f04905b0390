/**
 * The bottom tab bar of the signed-in app: Today, Learn, Board and Me for everyone, plus each
 * role's own areas (Team for managers; Team, Admin and Pilot for admins). The tab whose area
 * holds the current screen is marked with `aria-current="page"`. The bar takes the bottom edge
 * (edges.ts), so focused controls scroll clear of it.
 */
import type { SignedInUser } from '../../client/db';
import { bottomEdge } from '../edges';
import { t } from '../i18n';
import { paths, type Route } from '../router';
import { Icon } from './Icon';
import { Link } from './Link';

type TabName = 'today' | 'learn' | 'board' | 'team' | 'admin' | 'pilot' | 'me';

/** A tab: `name` is both its icon and its label (`nav.<name>`); `holds`, the screens it marks. */
interface Tab {
  name: TabName;
  href: string;
  holds: Route['name'][];
}

const newTab = (name: TabName, href: string, ...holds: Route['name'][]): Tab => ({
  name,
  href,
  holds,
});

const TODAY = newTab('today', paths.home(), 'home', 'review', 'done');
const LEARN = newTab('learn', paths.roadmap(), 'roadmap', 'module', 'lesson');
const BOARD = newTab('board', paths.leaderboard(), 'leaderboard');
const TEAM = newTab('team', paths.team(), 'team', 'team_member');
const ADMIN = newTab('admin', paths.admin(), 'admin');
const PILOT = newTab('pilot', '/pilot', 'pilot');
const ME = newTab('me', paths.profile(), 'profile', 'account');

/** The tabs a person sees, in order. The board is there for cohort members. */
export function tabsFor(user: Pick<SignedInUser, 'role' | 'cohortIds'>): Tab[] {
  const board = user.cohortIds.length > 0 ? [BOARD] : [];
  if (user.role === 'admin') return [TODAY, LEARN, ...board, TEAM, ADMIN, PILOT, ME];
  if (user.role === 'manager') return [TODAY, LEARN, ...board, TEAM, ME];
  return [TODAY, LEARN, ...board, ME];
}

export function TabBar({ user, route }: { user: SignedInUser; route: Route }) {
  const tabs = tabsFor(user);
  return (
    <nav class="tabbar" aria-label={t('nav.label')} ref={bottomEdge}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.holds.includes(route.name) ? 'page' : undefined}
            >
              <Icon name={tab.name} />
              <span>{t(`nav.${tab.name}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
