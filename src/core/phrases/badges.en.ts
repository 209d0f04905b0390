/**
 * Badge titles, English: the reference every other locale matches. A competency badge is the
 * competency's title from the content, as it is.
 */
export const en = {
  'badge.competency': '{title}',
  'badge.streak': '{days}-day streak',
  'badge.firstKudos': 'First kudos',
  'badge.kudos': '{count} kudos',
  'badge.howCompetency': 'Finish “{module}” with {percent}% of your first answers right',
  'badge.howCompetencyAny':
    'Finish a module that teaches it, such as “{module}”, with {percent}% of your first answers right',
  'badge.howStreak': 'Learn {days} days in a row',
  'badge.howFirstKudos': 'Receive kudos from a colleague',
  'badge.howKudos': 'Receive {count} kudos from colleagues',
} as const;
