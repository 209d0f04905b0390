import { useEffect, useRef } from 'preact/hooks';
import { paths } from '../router';
import { useStore } from '../store';
import { DoneCelebration } from './DoneCelebration';
import { Link } from './Link';

export function LessonDone({ moduleId, lessonId }: { moduleId: string; lessonId: string }) {
  const store = useStore();
  const heading = useRef<HTMLHeadingElement>(null);
  const module = store.content.catalog.value?.modules.find((m) => m.id === moduleId);
  const position = module?.lessons.findIndex((l) => l.id === lessonId) ?? -1;
  const lesson = module?.lessons[position];
  const next = module?.lessons[position + 1];
  const state = store.progress.state.value;
  useEffect(() => heading.current?.focus(), []);

  return (
    <section class="page done">
      <div class="celebrate" aria-hidden="true">
        🔥
      </div>
      <h1 tabIndex={-1} ref={heading}>
        Lesson complete
      </h1>
      {lesson && <p class="lead">You finished “{lesson.title}”.</p>}
      <p class="stats-line">
        <strong>{state.streak.current}</strong> day streak · <strong>{state.xp}</strong> XP
      </p>
      <DoneCelebration />
      <div class="actions">
        {next ? (
          <Link href={paths.lesson(moduleId, next.id)} class="button primary">
            Next lesson: {next.title}
          </Link>
        ) : (
          <Link href={paths.home()} class="button primary">
            Back to home
          </Link>
        )}
        <Link href={paths.module(moduleId)} class="button">
          Back to the module
        </Link>
      </div>
    </section>
  );
}
