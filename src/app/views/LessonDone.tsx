import { useEffect, useRef } from 'preact/hooks';
import { assessmentLessonId } from '../../core/mastery';
import { paths } from '../router';
import { useStore } from '../store';
import { DoneCelebration } from './DoneCelebration';
import { LessonEarned } from './LessonEarned';
import { Icon } from './Icon';
import { Link } from './Link';
import { lazyView } from './Lazy';
import { formatNumber, t } from '../i18n';

/** Loaded on demand (and precached): only an assessment's completion shows it. */
const AssessmentResult = lazyView(() =>
  import('./AssessmentResult').then((m) => m.AssessmentResult),
);

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
      <Icon name="flame" class="filled celebrate" size={72} />
      <h1 tabIndex={-1} ref={heading}>
        {t('done.title')}
      </h1>
      {lesson && <p class="lead">{t('done.finished', { title: lesson.title })}</p>}
      {lessonId === assessmentLessonId(moduleId) && (
        <AssessmentResult moduleId={moduleId} lessonId={lessonId} />
      )}
      <LessonEarned lessonId={lessonId} estimateMinutes={lesson?.estimateMinutes} />
      <p class="stats-line">
        <strong>{formatNumber(state.streak.current)}</strong>{' '}
        {t('done.streak', { count: state.streak.current })} ·{' '}
        <strong>{formatNumber(state.xp)}</strong> {t('home.xp')}
      </p>
      <DoneCelebration />
      <div class="actions">
        {next ? (
          <Link href={paths.lesson(moduleId, next.id)} class="button primary">
            {t('done.nextLesson', { title: next.title })}
          </Link>
        ) : (
          <Link href={paths.home()} class="button primary">
            {t('done.home')}
          </Link>
        )}
        <Link href={paths.module(moduleId)} class="button">
          {t('done.module')}
        </Link>
      </div>
    </section>
  );
}
