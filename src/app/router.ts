/**
 * A small path router over the History API. App URLs are real paths (the service worker serves
 * the shell for all of them), so a reload or a shared link lands on the same screen.
 */
import { signal } from '@preact/signals';

export type Route =
  | { name: 'home' }
  | { name: 'module'; moduleId: string }
  | { name: 'lesson'; moduleId: string; lessonId: string }
  | { name: 'done'; moduleId: string; lessonId: string }
  | { name: 'roadmap' }
  | { name: 'review' }
  | { name: 'team' }
  | { name: 'team_member'; userId: string }
  | { name: 'admin' }
  | { name: 'account' }
  | { name: 'join'; code: string }
  | { name: 'reset'; token: string }
  | { name: 'leaderboard'; cohortId?: string }
  | { name: 'profile' }
  | { name: 'pilot'; view: 'dashboard' | 'checklist' }
  | { name: 'not_found' };

/** The screens whose path is their name alone (`/roadmap`, the people model's `/team`, …). */
const NAMED_SCREENS = [
  'roadmap',
  'review',
  'leaderboard',
  'profile',
  'team',
  'admin',
  'account',
] as const;
const isNamedScreen = (part: string): part is (typeof NAMED_SCREENS)[number] =>
  (NAMED_SCREENS as readonly string[]).includes(part);

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 1 && isNamedScreen(parts[0]!)) return { name: parts[0] };
  if (parts[0] === 'leaderboard' && parts.length === 2)
    return { name: 'leaderboard', cohortId: parts[1]! };
  if (parts[0] === 'pilot' && parts.length <= 2 && (parts[1] ?? 'checklist') === 'checklist')
    return { name: 'pilot', view: parts[1] ? 'checklist' : 'dashboard' };
  if (parts[0] === 'modules' && parts.length === 2) return { name: 'module', moduleId: parts[1]! };
  if (parts[0] === 'modules' && parts[2] === 'lessons' && parts.length === 4)
    return { name: 'lesson', moduleId: parts[1]!, lessonId: parts[3]! };
  if (parts[0] === 'modules' && parts[2] === 'lessons' && parts[4] === 'done' && parts.length === 5)
    return { name: 'done', moduleId: parts[1]!, lessonId: parts[3]! };
  return peopleRoute(parts) ?? { name: 'not_found' };
}

/** Screens of the people model (issue 7). */
function peopleRoute(parts: string[]): Route | undefined {
  const [first, second] = parts;
  if (parts.length !== 2 || !second) return undefined;
  if (first === 'team') return { name: 'team_member', userId: second };
  if (first === 'join') return { name: 'join', code: second };
  if (first === 'reset') return { name: 'reset', token: second };
  return undefined;
}

export const paths = {
  home: () => '/',
  roadmap: () => '/roadmap',
  review: () => '/review',
  leaderboard: (cohortId?: string) =>
    cohortId ? `/leaderboard/${encodeURIComponent(cohortId)}` : '/leaderboard',
  profile: () => '/profile',
  module: (moduleId: string) => `/modules/${encodeURIComponent(moduleId)}`,
  lesson: (moduleId: string, lessonId: string) =>
    `/modules/${encodeURIComponent(moduleId)}/lessons/${encodeURIComponent(lessonId)}`,
  done: (moduleId: string, lessonId: string) => `${paths.lesson(moduleId, lessonId)}/done`,
  team: () => '/team',
  teamMember: (userId: string) => `/team/${encodeURIComponent(userId)}`,
  admin: () => '/admin',
  account: () => '/account',
};

export const route = signal<Route>(parseRoute(location.pathname));

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route.value = parseRoute(path);
  scrollTo(0, 0);
}

addEventListener('popstate', () => (route.value = parseRoute(location.pathname)));

/** Makes an <a href> navigate inside the app without a page load. */
export function linkHandler(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey
  )
    return;
  event.preventDefault();
  navigate(anchor.getAttribute('href')!);
}
