/**
 * What a Web Push says (the evening reminder and the title of a manager's nudge), English: the
 * reference every other locale matches. The server words it in the locale the device subscribed
 * with, because the service worker that shows it has no catalog.
 */
export const en = {
  'push.reminder.streakTitle': {
    one: 'Keep your {count}-day streak',
    other: 'Keep your {count}-day streak',
  },
  'push.reminder.startTitle': 'A few minutes today?',
  'push.reminder.body': {
    one: 'One lesson to reach today’s goal.',
    other: '{count} lessons to reach today’s goal.',
  },
  'push.nudge.title': 'A nudge from {name}',
} as const;
