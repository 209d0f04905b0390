/**
 * What the server composes for a manager's coaching, English: the reference every other locale
 * matches. The 1:1 script (what to celebrate, where a report is stuck, one question, the
 * checklist) and the reasons a report is at risk. Titles of pathways and competencies come from
 * the content as they are.
 */
export const en = {
  'coach.celebrate.streak': 'A {days}-day learning streak',
  'coach.celebrate.lessons': {
    one: '{count} lesson this week',
    other: '{count} lessons this week',
  },
  'coach.celebrate.competency': 'Reached: {competency}',
  'coach.celebrate.finished': 'Finished the assigned pathway "{title}"',
  'coach.celebrate.showingUp': 'Showing up: ask what they tried recently',
  'coach.stuck.notStarted': '"{title}" not started yet (due {dueDate})',
  'coach.question.blockers':
    'What is getting in the way of learning right now, and what would make 10 minutes a week easy?',
  'coach.question.apply': 'Which situation this month could you use "{title}" in?',
  'coach.question.recent': 'What have you learned recently that you have already used at work?',
  'coach.check.celebrate': 'Tell {name} what you noticed and appreciate',
  'coach.check.blockers': 'Ask about blockers and agree one change',
  'coach.check.question': 'Ask the question above and listen',
  'coach.check.dueDate': 'Agree a due date for "{title}"',
  'coach.check.nextStep': 'Agree the next learning step',
  'coach.check.time': 'Put learning time in both calendars',
  'coach.risk.quiet': 'No lesson in the last {days} days',
  'coach.risk.overdue': '"{title}" was due {dueDate}',
} as const;
