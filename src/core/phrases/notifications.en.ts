/**
 * In-app notifications the server writes for a learner, English: the reference every other
 * locale matches. A manager's own nudge message is stored as typed, without a phrase.
 */
export const en = {
  'notification.assignment': '{name} assigned you "{title}" ({minutes} min), due {dueDate}.',
  'notification.nudge': '{name} is cheering you on: a 5-minute lesson today keeps you going!',
} as const;
