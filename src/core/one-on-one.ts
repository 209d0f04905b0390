/**
 * A 1:1 script for a manager, built only from the report's own data: what to celebrate, where
 * they are stuck, one question to ask, the suggested next pathway, and a short checklist. Item
 * ids are stable words, so a ticked item stays ticked when the script is rebuilt.
 *
 * Every line is a phrase of the coach catalog: its English text for the API, and its key and
 * parameters so the manager's app words it in their own locale.
 */
import type { CareerGap } from './career';
import { coachPhrase } from './phrases/coach';
import type { ReportProgress } from './team';
import type { Phrase } from './wording';

/** A checklist line: a stable id (what a tick is stored under) and its phrase. */
export type ScriptItem = Phrase & { id: string };

export interface OneOnOneScript {
  celebrate: Phrase[];
  stuck: Phrase[];
  question: Phrase;
  nextPathway: { pathwayId: string; title: string; estimateMinutes: number } | null;
  checklist: ScriptItem[];
}

export function oneOnOneScript(
  name: string,
  progress: ReportProgress,
  gap: CareerGap | undefined,
  competencyTitle: (id: string) => string = (id) => id,
): OneOnOneScript {
  const first = name.split(' ')[0] ?? name;
  const celebrate: Phrase[] = [];
  if (progress.streak >= 2)
    celebrate.push(coachPhrase('coach.celebrate.streak', { days: progress.streak }));
  if (progress.lessonsThisWeek > 0)
    celebrate.push(coachPhrase('coach.celebrate.lessons', { count: progress.lessonsThisWeek }));
  for (const c of progress.competencies)
    celebrate.push(coachPhrase('coach.celebrate.competency', { competency: competencyTitle(c) }));
  for (const a of progress.assignments)
    if (a.complete) celebrate.push(coachPhrase('coach.celebrate.finished', { title: a.title }));

  const stuck = [...progress.riskReasons];
  for (const a of progress.assignments)
    if (!a.complete && !a.overdue && a.lessonsDone === 0)
      stuck.push(coachPhrase('coach.stuck.notStarted', { title: a.title, dueDate: a.dueDate }));

  const next = gap?.suggestions[0];
  const question = progress.riskReasons.length
    ? coachPhrase('coach.question.blockers')
    : next
      ? coachPhrase('coach.question.apply', { title: next.title })
      : coachPhrase('coach.question.recent');

  const item = (id: string, phrase: Phrase): ScriptItem => ({ id, ...phrase });
  const checklist: ScriptItem[] = [
    item('celebrate', coachPhrase('coach.check.celebrate', { name: first })),
    item('blockers', coachPhrase('coach.check.blockers')),
    item('question', coachPhrase('coach.check.question')),
    item(
      'next-step',
      next
        ? coachPhrase('coach.check.dueDate', { title: next.title })
        : coachPhrase('coach.check.nextStep'),
    ),
    item('time', coachPhrase('coach.check.time')),
  ];
  return {
    celebrate: celebrate.length ? celebrate : [coachPhrase('coach.celebrate.showingUp')],
    stuck,
    question,
    nextPathway: next
      ? { pathwayId: next.pathwayId, title: next.title, estimateMinutes: next.estimateMinutes }
      : null,
    checklist,
  };
}
