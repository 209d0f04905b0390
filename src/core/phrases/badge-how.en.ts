/** What earns each badge, English (the badge gallery; lazy, never on the first screen). */
export const en = {
  'badge.howCompetency': 'Finish “{module}” with {percent}% of your first answers right',
  'badge.howCompetencyAny':
    'Finish a module that teaches it, such as “{module}”, with {percent}% of your first answers right',
  'badge.howStreak': 'Learn {days} days in a row',
  'badge.howFirstKudos': 'Receive kudos from a colleague',
  'badge.howKudos': 'Receive {count} kudos from colleagues',
} as const;
