/**
 * A 1:1 script for a manager, built only from the report's own data: what to celebrate, where
 * they are stuck, one question to ask, the suggested next pathway, and a short checklist. Item
 * ids are stable words, so a ticked item stays ticked when the script is rebuilt.
 */
import type { CareerGap } from './career';
import type { ReportProgress } from './team';

export interface ScriptItem {
  id: string;
  text: string;
}

export interface OneOnOneScript {
  celebrate: string[];
  stuck: string[];
  question: string;
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
  const celebrate: string[] = [];
  if (progress.streak >= 2) celebrate.push(`A ${progress.streak}-day learning streak`);
  if (progress.lessonsThisWeek > 0)
    celebrate.push(
      `${progress.lessonsThisWeek} lesson${progress.lessonsThisWeek === 1 ? '' : 's'} this week`,
    );
  for (const c of progress.competencies) celebrate.push(`Reached: ${competencyTitle(c)}`);
  for (const a of progress.assignments)
    if (a.complete) celebrate.push(`Finished the assigned pathway "${a.title}"`);

  const stuck = [...progress.riskReasons];
  for (const a of progress.assignments)
    if (!a.complete && !a.overdue && a.lessonsDone === 0)
      stuck.push(`"${a.title}" not started yet (due ${a.dueDate})`);

  const next = gap?.suggestions[0];
  const question = progress.riskReasons.length
    ? `What is getting in the way of learning right now, and what would make 10 minutes a week easy?`
    : next
      ? `Which situation this month could you use "${next.title}" in?`
      : `What have you learned recently that you have already used at work?`;

  const checklist: ScriptItem[] = [
    { id: 'celebrate', text: `Tell ${first} what you noticed and appreciate` },
    { id: 'blockers', text: 'Ask about blockers and agree one change' },
    { id: 'question', text: 'Ask the question above and listen' },
    {
      id: 'next-step',
      text: next ? `Agree a due date for "${next.title}"` : 'Agree the next learning step',
    },
    { id: 'time', text: 'Put learning time in both calendars' },
  ];
  return {
    celebrate: celebrate.length ? celebrate : ['Showing up: ask what they tried recently'],
    stuck,
    question,
    nextPathway: next
      ? { pathwayId: next.pathwayId, title: next.title, estimateMinutes: next.estimateMinutes }
      : null,
    checklist,
  };
}
