import { minutes } from '../format';
import { paths } from '../router';
import { useStore } from '../store';
import { Link } from './Link';
import { DownloadControl } from './DownloadControl';
import { RecommendButton } from './RecommendButton';

export function ModuleView({ moduleId }: { moduleId: string }) {
  const store = useStore();
  const catalog = store.content.catalog.value;
  const module = catalog?.modules.find((m) => m.id === moduleId);
  const completed = new Set(store.progress.state.value.completedLessonIds);
  if (!catalog) return <p class="page muted">Loading…</p>;
  if (!module)
    return (
      <section class="page">
        <h1>Module not found</h1>
        <Link href={paths.home()}>Back to your lessons</Link>
      </section>
    );
  return (
    <section class="page">
      <Link href={paths.home()} class="back">
        ← All modules
      </Link>
      <h1>{module.title}</h1>
      <p class="lead">{module.summary}</p>
      <p class="muted">
        {module.lessons.length} lessons · {minutes(module.estimateMinutes)} in all
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
                  {done && <span class="done-mark">✓ Done</span>}
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
