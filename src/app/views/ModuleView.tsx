import { minutes } from '../format';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { DownloadControl } from './DownloadControl';
import { RecommendButton } from './RecommendButton';
import { t } from '../i18n';

export function ModuleView({ moduleId }: { moduleId: string }) {
  const store = useStore();
  const catalog = store.content.catalog.value;
  const module = catalog?.modules.find((m) => m.id === moduleId);
  const completed = new Set(store.progress.state.value.completedLessonIds);
  if (!catalog) return <p class="page muted">{t('module.loading')}</p>;
  if (!module)
    return (
      <section class="page">
        <h1>{t('module.notFound')}</h1>
        <Link href={paths.home()}>{t('app.backToLessons')}</Link>
      </section>
    );
  return (
    <section class="page">
      <Link href={paths.home()} class="back">
        {t('module.all')}
      </Link>
      <h1>{module.title}</h1>
      <p class="lead">{module.summary}</p>
      <p class="muted">
        {t('module.meta', {
          count: module.lessons.length,
          minutes: minutes(module.estimateMinutes),
        })}
      </p>
      <DownloadControl moduleIds={[module.id]} label={module.title} />
      <ol class="lesson-list">
        {module.lessons.map((lesson) => {
          const done = completed.has(lesson.id);
          return (
            <li key={lesson.id}>
              <Link
                href={paths.lesson(module.id, lesson.id)}
                class={done ? 'card lesson-row done' : 'card lesson-row'}
              >
                <span class="lesson-title">{lesson.title}</span>
                <span class="lesson-meta">
                  <span>{minutes(lesson.estimateMinutes)}</span>
                  {done && <span class="done-mark">{t('module.done')}</span>}
                </span>
              </Link>
            </li>
          );
        })}
      </ol>
      <RecommendButton moduleId={module.id} />
    </section>
  );
}
