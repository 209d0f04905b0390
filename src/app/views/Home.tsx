import { localDate } from '../../core/calendar';
import { nextLesson } from '../../core/next-up';
import { recentDays } from '../../core/progress';
import { minutes, weekday } from '../format';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { t } from '../i18n';

export function Home() {
  const store = useStore();
  const user = store.session.user.value!;
  const catalog = store.content.catalog.value;
  const state = store.progress.state.value;
  const completed = new Set(state.completedLessonIds);
  const next = catalog && nextLesson(catalog.modules, completed);
  const today = localDate(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const activeDays = new Set(state.activeDays);

  return (
    <section class="page home">
      <h1>{t('home.greeting', { name: user.name.split(' ')[0]! })}</h1>
      <div class="stats" aria-label={t('home.progress')}>
        <div class="stat">
          <span class="stat-value">{state.streak.current}</span>
          <span class="stat-label">{t('home.streak')}</span>
        </div>
        <div class="stat">
          <span class="stat-value">{state.xp}</span>
          <span class="stat-label">{t('home.xp')}</span>
        </div>
        <ol class="week" aria-label={t('home.week')}>
          {recentDays(today, 7).map((day) => (
            <li key={day} class={activeDays.has(day) ? 'day active' : 'day'}>
              <span aria-hidden="true">{weekday(day)}</span>
              <span class="visually-hidden">
                {t(activeDays.has(day) ? 'home.dayLearned' : 'home.dayMissed', { day })}
              </span>
            </li>
          ))}
        </ol>
      </div>

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
      {catalog && !next && catalog.modules.length > 0 && <p class="card">{t('home.allDone')}</p>}

      {catalog && catalog.modules.length > 0 && (
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
