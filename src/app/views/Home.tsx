import { nextLesson } from '../../core/next-up';
import { minutes } from '../format';
import { paths } from '../router';
import { useStore } from '../store';
import { HabitPanel, HabitRow } from './HabitPanel';
import { InstallNudge } from './InstallNudge';
import { HomeExtras } from './HomeExtras';
import { Link } from './Link';
import { QuickPick } from './QuickPick';
import { SocialHome } from './SocialHome';
import { t } from '../i18n';
import { useState, useEffect } from 'preact/hooks';

/**
 * False for the first render, true from the next task on: home draws what a phone shows first
 * (greeting, habit panel, what to do next) in one task and the lists below the fold in the next,
 * so neither blocks input for long on a slow phone.
 */
function useBelowTheFold(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true));
    return () => clearTimeout(timer);
  }, []);
  return ready;
}

export function Home() {
  const store = useStore();
  const belowTheFold = useBelowTheFold();
  const user = store.session.user.value!;
  const catalog = store.content.catalog.value;
  const state = store.progress.state.value;
  const completed = new Set(state.completedLessonIds);
  const roadmap = store.mastery.roadmap.value;
  const due = store.mastery.dueToday.value;
  // The one thing to do now: the next lesson of an assigned pathway, else of the roadmap's
  // focus, else of any module.
  const assigned = store.home.extras.value?.assignments.find((a) => !a.complete)?.pathwayId;
  const focusId = assigned ?? roadmap?.nextUp?.pathwayId;
  const focus = focusId && catalog?.pathways.find((p) => p.id === focusId);
  const focusModules = focus ? catalog!.modules.filter((m) => focus.moduleIds.includes(m.id)) : [];
  const next =
    catalog && (nextLesson(focusModules, completed) ?? nextLesson(catalog.modules, completed));

  return (
    <section class="page home">
      <h1>{t('home.greeting', { name: user.name.split(' ')[0]! })}</h1>
      <HabitRow />
      {store.content.catalogError.value && (
        <p class="notice" role="status">
          {store.content.catalogError.value}
        </p>
      )}
      {!catalog && !store.content.catalogError.value && <p class="muted">{t('home.loading')}</p>}

      {next && (
        <Link href={paths.lesson(next.module.id, next.lesson.id)} class="card continue">
          <span class="eyebrow">{t('home.continue')}</span>
          <span class="continue-title">{next.lesson.title}</span>
          <span class="muted">
            {next.module.title} · {minutes(next.lesson.estimateMinutes)}
          </span>
        </Link>
      )}
      {due.length > 0 && (
        <Link href={paths.review()} class="card review-card">
          <span class="eyebrow">{t('review.title')}</span>
          <span>
            {t('home.reviewMeta', {
              count: due.length,
              minutes: minutes(Math.max(1, Math.ceil(due.length / 4))),
            })}
          </span>
        </Link>
      )}
      {catalog && !next && catalog.modules.length > 0 && <p class="card">{t('home.allDone')}</p>}
      <InstallNudge />
      <SocialHome />
      <HomeExtras />
      <HabitPanel />
      {belowTheFold && catalog && <QuickPick modules={catalog.modules} completed={completed} />}
      {roadmap && (
        <p>
          <Link href={paths.roadmap()} class="roadmap-link">
            {roadmap.levels[roadmap.currentLevel + 1]
              ? t('home.roadmapToward', {
                  level: roadmap.levels[roadmap.currentLevel + 1]!.title,
                })
              : t('home.roadmapTop')}
          </Link>
        </p>
      )}

      {belowTheFold && catalog && catalog.modules.length > 0 && (
        <>
          <h2>{t('home.modules')}</h2>
          <ul class="module-list">
            {catalog.modules.map((m) => {
              const done = m.lessons.filter((l) => completed.has(l.id)).length;
              return (
                <li key={m.id}>
                  <Link href={paths.module(m.id)} class="card module-card">
                    <span class="module-title">{m.title}</span>
                    <span class="muted">
                      {t('home.moduleMeta', {
                        count: m.lessons.length,
                        minutes: minutes(m.estimateMinutes),
                        done,
                      })}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
