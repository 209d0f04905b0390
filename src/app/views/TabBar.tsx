/**
 * The bottom tab bar of the signed-in app: Today, Learn, Board and Me for everyone, plus each
 * role's own areas (Team for managers; Team, Admin and Pilot for admins). The tab whose area
 * holds the current screen is marked with `aria-current="page"`. The bar takes the bottom edge
 * (edges.ts), so focused controls scroll clear of it.
 */
import type { SignedInUser } from '../../client/db';
import { bottomEdge } from '../edges';
import { t } from '../i18n';
import type { MessageKey } from '../messages/en';
import { paths, type Route } from '../router';
import { Icon, type IconName } from './Icon';
import { Link } from './Link';

interface Tab {
  label: MessageKey;
  icon: IconName;
  href: string;
  /** Screens that belong to this tab. */
  holds: Route['name'][];
}

const TODAY: Tab = {
  label: 'nav.today',
  icon: 'today',
  href: paths.home(),
  holds: ['home', 'review', 'done'],
};
const LEARN: Tab = {
  label: 'nav.learn',
  icon: 'learn',
  href: paths.roadmap(),
  holds: ['roadmap', 'module', 'lesson'],
};
const BOARD: Tab = {
  label: 'nav.board',
  icon: 'board',
  href: paths.leaderboard(),
  holds: ['leaderboard'],
};
const TEAM: Tab = {
  label: 'nav.team',
  icon: 'team',
  href: paths.team(),
  holds: ['team', 'team_member'],
};
const ADMIN: Tab = { label: 'nav.admin', icon: 'admin', href: paths.admin(), holds: ['admin'] };
const PILOT: Tab = { label: 'nav.pilot', icon: 'pilot', href: '/pilot', holds: ['pilot'] };
const ME: Tab = {
  label: 'nav.me',
  icon: 'me',
  href: paths.profile(),
  holds: ['profile', 'account'],
};

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
              <Icon name={tab.icon} />
              <span>{t(tab.label)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
