/**
 * What Kindling's emails say (invites, password resets, the weekly team digest), English: the
 * reference every other locale matches. The server words each mail in the recipient's language.
 */
export const en = {
  'mail.hello': 'Hello {name},',
  'mail.helloAnyone': 'Hello,',
  'mail.footer': 'Kindling for {org}',
  'mail.linkOnce': 'The link works once, until {expiryDate}.',
  'mail.notExpected': 'If you did not expect this email, you can ignore it.',
  'mail.invite.subject': '{inviter} invites you to Kindling',
  'mail.invite.body':
    '{inviter} invited you to learn with {org} on Kindling: short lessons, a few minutes a day.',
  'mail.invite.action': 'Join {org}',
  'mail.reset.subject': 'Set a new Kindling password',
  'mail.reset.body': 'An administrator of {org} made you a link to set a new password.',
  'mail.reset.action': 'Set a new password',
  'mail.digest.subject': 'Your team this week',
  'mail.digest.intro': 'How your team learned this week (from {startDate}):',
  'mail.digest.learned': {
    one: '{name}: {count} lesson, {minutes} min',
    other: '{name}: {count} lessons, {minutes} min',
  },
  'mail.digest.nobodyLearned': 'No one on your team finished a lesson this week yet.',
  'mail.digest.nudgeHeading': 'May need a nudge:',
  'mail.digest.nudge': '{name}: {reason}',
  'mail.digest.action': 'Open your team',
} as const;
