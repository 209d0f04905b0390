import { useStore } from '../store';
import { route } from '../router';
import { updateReady, applyUpdate } from '../sw-bridge';
import { SignIn } from './SignIn';
import { Home } from './Home';
import { ModuleView } from './ModuleView';
import { LessonPlayer } from './LessonPlayer';
import { LessonDone } from './LessonDone';
import { LeaderboardView } from './LeaderboardView';
import { ProfileView } from './ProfileView';
import { SyncStatusBar } from './SyncStatusBar';
import { StorageNotice } from './StorageNotice';
import { Link } from './Link';
import { Roadmap } from './Roadmap';
import { Review } from './Review';
import { PeopleNav, PeopleScreen, PilotScreen, isPeopleRoute } from './AreaRoutes';
import { t } from '../i18n';
import { topEdge } from '../edges';

export function App() {
  const store = useStore();
  const user = store.session.user.value;
  const r = route.value;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar" ref={topEdge}>
        <Link class="brand" href="/" aria-label={t('app.home')}>
          <img src="/icons/icon-192.png" alt="" width={28} height={28} />
          <span>Kindling</span>
        </Link>
        {user && <PeopleNav role={user.role} />}
        {!store.online.value && (
          <span class="badge badge-offline" role="status">
            {t('app.offline')}
          </span>
        )}
      </header>
      {updateReady.value && (
        <div class="banner" role="alert">
          <span>{t('app.updateReady')}</span>
          <button type="button" class="button small" onClick={applyUpdate}>
            {t('app.reload')}
          </button>
        </div>
      )}
      <StorageNotice />
      <main id="main" tabIndex={-1}>
        {isPeopleRoute(r) && (user || r.name === 'join' || r.name === 'reset') ? (
          <PeopleScreen route={r} />
        ) : !user ? (
          <SignIn />
        ) : r.name === 'module' ? (
          <ModuleView moduleId={r.moduleId} />
        ) : r.name === 'lesson' ? (
          <LessonPlayer key={r.lessonId} moduleId={r.moduleId} lessonId={r.lessonId} />
        ) : r.name === 'done' ? (
          <LessonDone moduleId={r.moduleId} lessonId={r.lessonId} />
        ) : r.name === 'roadmap' ? (
          <Roadmap />
        ) : r.name === 'review' ? (
          <Review />
        ) : r.name === 'leaderboard' ? (
          <LeaderboardView cohortId={r.cohortId} />
        ) : r.name === 'profile' ? (
          <ProfileView />
        ) : r.name === 'pilot' && user.role === 'admin' ? (
          <PilotScreen view={r.view} />
        ) : r.name === 'not_found' ? (
          <section class="page">
            <h1>{t('app.notFound')}</h1>
            <p>
              <a href="/" class="back">
                {t('app.backToLessons')}
              </a>
            </p>
          </section>
        ) : (
          <Home />
        )}
      </main>
      {user && <SyncStatusBar />}
    </>
  );
}
