/**
 * What the server says when it refuses a request (`{ error: { code, message, key, params } }`),
 * English: the reference every other locale matches. Field problems are worded from zod's issue
 * codes; a schema's own message is one of the `error.field.*` keys.
 */
export const en = {
  'error.unauthenticated': 'Please sign in.',
  'error.forbidden': 'You do not have access to that.',
  'error.noCohort': 'There is no such cohort in your organisation.',
  'error.uploadTooSlow': {
    one: 'This file took longer than {count} second to read and was stopped. Look for very long lines, or split it.',
    other:
      'This file took longer than {count} seconds to read and was stopped. Look for very long lines, or split it.',
  },
  'error.pushDisabled': 'Reminders by push are not set up here.',
  'error.push.endpoint':
    'Notifications can only go through a public push service (https, default port); this address is not one.',
  'error.push.taken': 'This notification address belongs to another account. Sign out there first.',
  'error.cohortPrivate':
    'Only this cohort’s members, its managers, their managers and admins can see it.',
  'error.signInWait': {
    one: 'Too many wrong passwords. Wait {count} second and try again.',
    other: 'Too many wrong passwords. Wait {count} seconds and try again.',
  },
  'error.tooManySignIns': 'Too many sign-in attempts. Wait 15 minutes and try again.',
  'error.badCredentials': 'That email and password do not match.',
  'error.noColleague': 'There is no such colleague in your organisation.',
  'error.self': 'Pick a colleague rather than yourself.',
  'error.aliasTaken': 'Someone in your cohort already goes by that name.',
  'error.kudosLimit': {
    one: 'You can give {count} kudos a day, so each one means something. Try again tomorrow.',
    other: 'You can give {count} kudos a day, so each one means something. Try again tomorrow.',
  },
  'error.noAttempt': 'No graded attempt at that assessment yet.',
  'error.noModule': 'There is no module with that id.',
  'error.syncBatchTooLarge': 'A sync batch may be at most {bytes} bytes.',
  'error.tooLarge': 'The request body is too large.',
  'error.internal': 'Something went wrong on our side. Your progress is safe; try again.',
  'error.invalidJson': 'The request body is not valid JSON.',
  'error.nulCharacter': 'The request contains a NUL character, which no text can hold.',
  'error.badOrigin': 'Requests must come from this site.',
  'error.originRequired':
    'This change must come from the Kindling app on this site; the request did not say where it came from.',
  'error.bodyTooLarge': 'A request body may be at most {bytes} bytes.',
  'error.storeDown': 'The database is not answering.',
  'error.noRoute': 'There is no such API route.',
  'error.notFound': 'Not found.',
  'error.event.deviceMismatch': 'This progress was made on another device.',
  'error.event.future': 'This progress is dated in the future.',
  'error.event.tooOld': {
    one: 'Progress older than {count} day can no longer be counted.',
    other: 'Progress older than {count} days can no longer be counted.',
  },
  'error.syncRate': {
    one: 'Syncing is limited to {count} time a minute. Your progress is kept and will sync shortly.',
    other:
      'Syncing is limited to {count} times a minute. Your progress is kept and will sync shortly.',
  },
  'error.syncDaily':
    'More than {count} updates in a day cannot be stored. Your progress is kept and will sync later.',
  'error.event.unknownLesson': 'This lesson is not in your organisation’s content.',
  'error.event.unknownCard': 'This card is not part of the lesson.',
  'error.event.idTaken': 'This event id was already stored with other content.',
  'error.event.seqTaken': 'This device sequence number was already used.',
  'error.field.missing': '{field}: this is required.',
  'error.field.wrongType': '{field}: this has the wrong type.',
  'error.field.tooShort': {
    one: '{field}: use at least {count} character.',
    other: '{field}: use at least {count} characters.',
  },
  'error.field.tooLong': {
    one: '{field}: use at most {count} character.',
    other: '{field}: use at most {count} characters.',
  },
  'error.field.tooFew': {
    one: '{field}: choose at least {count}.',
    other: '{field}: choose at least {count}.',
  },
  'error.field.tooMany': {
    one: '{field}: choose at most {count}.',
    other: '{field}: choose at most {count}.',
  },
  'error.field.tooSmall': '{field}: use {count} or more.',
  'error.field.tooBig': '{field}: use {count} or less.',
  'error.field.choice': '{field}: choose one of {options}.',
  'error.field.format': '{field}: check the format.',
  'error.field.unknown': 'Remove the field “{field}”; it is not part of this request.',
  'error.field.invalid': '{field}: check this value.',
  'error.field.duplicate': '{field}: name each item once.',
  'error.field.timeZone': '{field}: not a known time zone.',
  'error.field.base64url': '{field}: use base64url.',
  'error.field.textLength': '{field}: use {min} to {max} characters.',
  'error.field.wholeNumber': '{field}: use a whole number from 0 to {max}.',
  'error.field.eventId': '{field}: every event needs an "id" of 1 to 100 characters.',
  'error.ssoNoProvider': 'There is no company sign-in for that email. Sign in with your password.',
  'error.ssoStateInvalid':
    'This sign-in has expired or was already used. Nothing was changed; start again.',
  'error.ssoTokenRejected':
    'Your company sign-in answered in a way Kindling cannot trust. Nothing was changed; try again or ask your IT team.',
  'error.ssoCancelled': 'The company sign-in was cancelled or refused.',
  'error.ssoUnavailable': 'Your company sign-in cannot be reached right now. Try again later.',
  'error.ssoDomain': 'That email address is not one of your organisation’s domains in Kindling.',
  'error.ssoEmailUnverified':
    'Your company account’s email address is not verified. Ask your IT team.',
  'error.ssoDeactivated': 'Your Kindling account is deactivated. Ask your admin.',
  'error.ssoNoAccount': 'There is no Kindling account for you yet. Ask your admin for an invite.',
  'error.ssoOtherOrg': 'That email address already has an account in another organisation.',
  'error.ssoPasswordOnly':
    'Your organisation signs in with its company account. Continue with your company account.',
} as const;
