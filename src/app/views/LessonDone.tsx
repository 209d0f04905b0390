import { useEffect, useRef } from 'preact/hooks';
import { ASSESSMENT_PASS } from '../../core/mastery';
import { paths } from '../router';
import { useStore } from '../store';
import { DoneCelebration } from './DoneCelebration';
import { LessonEarned } from './LessonEarned';
import { Icon } from './Icon';
import { Link } from './Link';
import { formatNumber, formatPercent, t } from '../i18n';

export function LessonDone({ moduleId, lessonId }: { moduleId: string; lessonId: string }) {
  const store = useStore();
  const heading = useRef<HTMLHeadingElement>(null);
  const module = store.content.catalog.value?.modules.find((m) => m.id === moduleId);
  const position = module?.lessons.findIndex((l) => l.id === lessonId) ?? -1;
  const lesson = module?.lessons[position];
  const next = module?.lessons[position + 1];
  const state = store.progress.state.value;
  const assessment = store.mastery.mastery.value.assessments[lessonId];
  const titles = new Map(store.content.catalog.value?.competencies.map((c) => [c.id, c.title]));
  const reached = store.mastery.mastery.value.competencies;
  useEffect(() => heading.current?.focus(), []);

  return (
    <section class="page done">
      <Icon name="flame" class="filled celebrate" size={72} />
      <h1 tabIndex={-1} ref={heading}>
        {t('done.title')}
      </h1>
      {lesson && <p class="lead">{t('done.finished', { title: lesson.title })}</p>}
      {assessment && (
        <div class={assessment.passed ? 'card assessment passed' : 'card assessment'} role="status">
          <p>
            <strong>
              {t('done.assessment', { percent: formatPercent(Math.round(assessment.best * 100)) })}
            </strong>{' '}
            —{' '}
            {assessment.passed
              ? t('done.passed')
              : t('done.notPassed', { percent: formatPercent(Math.round(ASSESSMENT_PASS * 100)) })}
          </p>
          {assessment.passed && module && (
            <p>
              {t('done.competencies', {
                list:
                  module.competencies
                    .filter((c) => reached.includes(c))
                    .map((c) => titles.get(c) ?? c)
                    .join(', ') || t('done.competenciesLater'),
              })}
            </p>
          )}
          {!assessment.passed && <p>{t('done.retry')}</p>}
        </div>
      )}
      <LessonEarned lessonId={lessonId} estimateMinutes={lesson?.estimateMinutes} />
      <p class="stats-line">
        <strong>{formatNumber(state.streak.current)}</strong> {t('done.streak')} ·{' '}
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
