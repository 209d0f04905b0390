/**
 * An assessment's result on the completion screen. The device never holds the key, so it shows
 * only what the server graded:
 * - while the attempt waits in the outbox: "grading" online (a sync is asked for at once), or,
 *   offline, that the answers are kept and will be graded once back online;
 * - once synced: the server's score for the latest attempt and how each question went
 *   (`GET /me/assessments/:lessonId`), or the last graded best when that cannot be read.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AssessmentFeedbackReply } from '../../core/api';
import { ASSESSMENT_PASS } from '../../core/mastery';
import { formatPercent, t } from '../i18n';
import { useStore } from '../store';

export function AssessmentResult({ moduleId, lessonId }: { moduleId: string; lessonId: string }) {
  const store = useStore();
  const feedback = useSignal<AssessmentFeedbackReply | null>(null);
  const waiting = store.progress.pending.value.some(
    (e) => e.type === 'assessment_submitted' && e.lessonId === lessonId,
  );
  const online = store.online.value;

  useEffect(() => {
    if (waiting) {
      if (online) void store.syncNow();
      return;
    }
    let cancelled = false;
    store.api
      .get<AssessmentFeedbackReply>(`/me/assessments/${encodeURIComponent(lessonId)}`)
      .then((reply) => !cancelled && (feedback.value = reply))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [waiting, online, lessonId]);

  if (waiting)
    return (
      <div class="card assessment" role="status">
        <p>{t(online ? 'done.grading' : 'done.gradeOffline')}</p>
      </div>
    );

  const graded = store.mastery.mastery.value.assessments[lessonId];
  const latest = feedback.value?.latest;
  const score = latest?.score ?? graded?.best;
  const passed = latest?.passed ?? graded?.passed;
  if (score === undefined) return null;
  const module = store.content.catalog.value?.modules.find((m) => m.id === moduleId);
  const titles = new Map(store.content.catalog.value?.competencies.map((c) => [c.id, c.title]));
  const reached = store.mastery.mastery.value.competencies;
  const cards = store.content.modules.value
    .get(moduleId)
    ?.lessons.find((l) => l.id === lessonId)?.cards;

  return (
    <div class={passed ? 'card assessment passed' : 'card assessment'} role="status">
      <p>
        <strong>{t('done.assessment', { percent: formatPercent(Math.round(score * 100)) })}</strong>{' '}
        —{' '}
        {passed
          ? t('done.passed')
          : t('done.notPassed', { percent: formatPercent(Math.round(ASSESSMENT_PASS * 100)) })}
      </p>
      {passed && module && (
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
      {!passed && <p>{t('done.retry')}</p>}
      {latest && (
        <>
          <h2 class="assessment-feedback-title">{t('done.feedbackTitle')}</h2>
          <ol class="assessment-feedback">
            {latest.questions.map((q) => {
              const card = cards?.find((c) => c.id === q.cardId);
              return (
                <li key={q.cardId} class={q.right ? 'right' : 'wrong'}>
                  {card?.kind === 'quiz' && (
                    <span class="prose" dangerouslySetInnerHTML={{ __html: card.promptHtml }} />
                  )}
                  <strong>{t(q.right ? 'quiz.correct' : 'quiz.incorrect')}</strong>
                  {q.chosen.map((c) => (
                    <div
                      key={c.id}
                      class="explanation"
                      dangerouslySetInnerHTML={{ __html: c.explanationHtml }}
                    />
                  ))}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
