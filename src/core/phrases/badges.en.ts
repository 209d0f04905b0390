/**
 * Badge titles, English: the reference every other locale matches. A competency badge is the
 * competency's title from the content, as it is.
 */
export const en = {
  'badge.competency': '{title}',
  'badge.streak': '{days}-day streak',
  'badge.firstKudos': 'First kudos',
  'badge.kudos': '{count} kudos',
} as const;
