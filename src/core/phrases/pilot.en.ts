/**
 * What the pilot report says in words (its notes) and the steps of the admin's checklist,
 * English: the reference every other locale matches. Step keys are `pilot.step.<step id>`.
 */
export const en = {
  'pilot.note.association':
    'These figures show an association between taking part in the pilot and the outcomes, not proof that the pilot caused them: the two groups were not assigned at random and may differ in other ways.',
  'pilot.note.managerEngagement':
    'Counted for the managers (and admins) in each group, on their own local date: assignments made (a moved due date counts again), 1:1 scripts opened (once per person a day) and nudges sent.',
  'pilot.step.select-teams': 'Select the pilot teams',
  'pilot.step.brief-managers': 'Brief the managers',
  'pilot.step.launch': 'Launch to learners',
  'pilot.step.weekly-review': 'Weekly review of the dashboard',
  'pilot.step.mid-point': 'Mid-point check',
  'pilot.step.final-readout': 'Final readout to sponsors',
} as const;
