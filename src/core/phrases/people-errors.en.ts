/**
 * The server's refusals that only the people, admin and pilot screens meet (lazy chunks), English:
 * the reference. The learner's own are in errors.en.ts, loaded with the first screen.
 */
export const en = {
  'error.noPerson': 'There is no such person in your organisation.',
  'error.noCohortNamed': 'There is no cohort "{name}".',
  'error.cohortManagers':
    'A cohort’s managers must be active managers or admins in your organisation.',
  'error.unknownManager': 'Pick an active manager in your organisation.',
  'error.managerCycle': 'Two people cannot report to each other.',
  'error.unknownCareer': 'Pick a role and level from the catalog.',
  'error.ownAdmin': 'You cannot remove your own admin access.',
  'error.ownAccount': 'You cannot deactivate your own account.',
  'error.inactive': 'Reactivate this account first.',
  'error.emailTaken': 'That email already has an account.',
  'error.emailTakenSignIn': 'That email already has an account. Sign in instead.',
  'error.moduleTaken': 'The module id "{id}" belongs to other content. Choose another id.',
  'error.tooManyAttempts': 'Too many attempts. Wait 15 minutes and try again.',
  'error.inviteInvalid': 'This invite code is not valid any more. Ask for a new one.',
  'error.resetInvalid': 'This reset link is not valid any more. Ask your admin for a new one.',
  'error.noSession': 'You have no active session with that id.',
  'error.pilotAdmins': 'Only admins of this organisation can run a pilot.',
  'error.noPilot': 'There is no such pilot.',
  'error.noPilotYet': 'No pilot has been set up yet.',
  'error.pilotCohort': 'There is no cohort "{name}" in your organisation.',
  'error.hrFileTooLarge': 'An HR file may be at most {megabytes} MB.',
  'error.emptyFile': 'The file has no HR rows.',
  'error.exports': 'Exports are {files}.',
  'error.challengeSetters': 'Only admins and the cohort’s managers set challenges.',
  'error.noPathway': 'There is no pathway with that id.',
  'error.dueDatePast': 'Pick today or a later day as the due date.',
  'error.nudgeLimit': {
    one: 'You can nudge someone once a day.',
    other: 'You can nudge someone {count} times a day.',
  },
  'error.enterEmail': 'Enter your work email.',
  'error.hrRows': {
    one: '{count} row needs fixing; nothing was imported.',
    other: '{count} rows need fixing; nothing was imported.',
  },
  'error.contentProblems': {
    one: '{count} problem in {file}',
    other: '{count} problems in {file}',
  },
  'error.field.date': '{field}: use a date as YYYY-MM-DD.',
  'error.field.realDate': '{field}: not a real date.',
  'error.field.markdownName': '{field}: use a Markdown file name like my-module.md.',
  'error.field.pilotGoals': '{field}: a pilot has at most three goals.',
  'error.field.pilotCohorts': '{field}: choose at least one pilot cohort.',
  'error.field.endsBeforeStart': 'The end date must not be before the start date.',
  'error.field.moduleId': '{field}: use lowercase letters, digits and -.',
  'error.ssoDomainTaken': 'The domain "{domain}" already belongs to another organisation.',
  'error.ssoSecretNeeded': 'Enter the client secret your provider gave you.',
  'error.ssoKeyMissing':
    'The server has no KINDLING_SECRET_KEY set, so it cannot store a client secret.',
} as const;
