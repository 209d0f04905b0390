/** The organisation's part of home: the sponsor's message, assigned pathways, nudges. */
import { useEffect } from 'preact/hooks';
import { minutes } from '../format';
import { formatDate, t } from '../i18n';
import '../org.css';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { NotificationList } from './NotificationList';

export function HomeExtras() {
  const store = useStore();
  const userId = store.session.user.value?.id;
  useEffect(() => void (userId && store.home.load(userId)), [userId]);
  const extras = store.home.extras.value;
  if (!extras) return null;
  const unread = extras.notifications.filter((n) => !n.read);
  const open = extras.assignments.filter((a) => !a.complete);
  const catalog = store.content.catalog.value;
  const completed = new Set(store.progress.state.value.completedLessonIds);
  /** The pathway's first module with a lesson left: where "start" leads. */
  const nextModuleOf = (pathwayId: string) =>
    catalog?.pathways
      .find((p) => p.id === pathwayId)
      ?.moduleIds.find((id) =>
        catalog.modules.find((m) => m.id === id)?.lessons.some((l) => !completed.has(l.id)),
      );
  return (
    <>
      {extras.sponsor && (
        <figure class="card sponsor" aria-label={t('extras.sponsor')}>
          <blockquote>{extras.sponsor.text}</blockquote>
          <figcaption class="muted">
            — {extras.sponsor.name}, {extras.sponsor.title}
          </figcaption>
        </figure>
      )}
      {unread.length > 0 && (
        <NotificationList notifications={unread} onMarkRead={() => store.home.markRead()} />
      )}
      {open.length > 0 && (
        <section aria-labelledby="assigned-heading">
          <h2 id="assigned-heading">{t('extras.assigned')}</h2>
          <ul class="assignment-list">
            {open.map((a) => (
              <li
                key={a.pathwayId}
                class={a.overdue ? 'card assignment overdue' : 'card assignment'}
              >
                <span class="module-title">
                  {nextModuleOf(a.pathwayId) ? (
                    <Link href={paths.module(nextModuleOf(a.pathwayId)!)}>{a.title}</Link>
                  ) : (
                    a.title
                  )}
                </span>
                <span class="muted">
                  {t('extras.assignment', {
                    minutes: minutes(a.remainingMinutes),
                    done: a.lessonsDone,
                    count: a.lessonsTotal,
                    date: formatDate(a.dueDate),
                  })}
                  {a.overdue && <strong class="overdue-flag">{t('extras.overdue')}</strong>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
