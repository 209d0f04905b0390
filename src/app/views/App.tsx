import { useStore } from '../store';
import { route, type Route } from '../router';
import { updateReady, applyUpdate } from '../sw-bridge';
import { SignIn } from './SignIn';
import { Home } from './Home';
import { ModuleView } from './ModuleView';
import { LessonPlayer } from './LessonPlayer';
import { LessonDone } from './LessonDone';
import { SyncIndicator } from './SyncIndicator';
import { StorageNotice } from './StorageNotice';
import { TabBar } from './TabBar';
import { Link } from './Link';
import { PeopleScreen, PilotScreen, isPeopleRoute } from './AreaRoutes';
import { lazyView } from './Lazy';
import { t } from '../i18n';
import { topEdge } from '../edges';
import '../shell.css';
import '../wide.css';

// Screens a learner opens after the first one load on demand, keeping the first screen light.
// They are precached like every chunk outside the lazy areas, so they open offline too.
const Roadmap = lazyView(() => import('./Roadmap').then((m) => m.Roadmap));
const Review = lazyView(() => import('./Review').then((m) => m.Review));
const LeaderboardView = lazyView(() => import('./LeaderboardView').then((m) => m.LeaderboardView));
const ProfileView = lazyView(() => import('./ProfileView').then((m) => m.ProfileView));

/**
 * The app shell: a slim header (home, sync indicator) and the bottom tab bar around every
 * signed-in screen, except the lesson player, which is a focused screen of its own (its own
 * close button and progress bar, nothing else on top or below).
 */
export function App() {
  const store = useStore();
  const user = store.session.user.value;
  const r = route.value;
  const focused = !!user && r.name === 'lesson';
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      {!focused && (
        <header class="topbar" ref={topEdge}>
          <Link class="brand" href="/" aria-label={t('app.home')}>
            <img src="/icons/icon-192.png" alt="" width={28} height={28} />
            <span>Kindling</span>
          </Link>
          {user ? (
            <SyncIndicator />
          ) : (
            !store.online.value && (
              <span class="badge badge-offline" role="status">
                {t('app.offline')}
              </span>
            )
          )}
        </header>
      )}
      {updateReady.value && (
        <div class="banner" role="alert">
          <span>{t('app.updateReady')}</span>
          <button type="button" class="button small" onClick={applyUpdate}>
            {t('app.reload')}
          </button>
        </div>
      )}
      <StorageNotice />
      <main id="main" tabIndex={-1} class={focused ? 'focused' : user ? 'with-tabs' : undefined}>
        <Screen route={r} />
      </main>
      {user && !focused && <TabBar user={user} route={r} />}
    </>
  );
}

function Screen({ route: r }: { route: Route }) {
  const user = useStore().session.user.value;
  if (isPeopleRoute(r) && (user || r.name === 'join' || r.name === 'reset'))
    return <PeopleScreen route={r} />;
  if (!user) return <SignIn />;
  switch (r.name) {
    case 'module':
      return <ModuleView moduleId={r.moduleId} />;
    case 'lesson':
      return <LessonPlayer key={r.lessonId} moduleId={r.moduleId} lessonId={r.lessonId} />;
    case 'done':
      return <LessonDone moduleId={r.moduleId} lessonId={r.lessonId} />;
    case 'roadmap':
      return <Roadmap />;
    case 'review':
      return <Review />;
    case 'leaderboard':
      return <LeaderboardView cohortId={r.cohortId} />;
    case 'profile':
      return <ProfileView />;
    case 'pilot':
      if (user.role === 'admin') return <PilotScreen view={r.view} />;
      return <Home />;
    case 'not_found':
      return (
        <section class="page">
          <h1>{t('app.notFound')}</h1>
          <p>
            <a href="/" class="back">
              {t('app.backToLessons')}
            </a>
          </p>
        </section>
      );
    default:
      return <Home />;
  }
}
