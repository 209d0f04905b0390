/**
 * English, the reference locale: every other locale must have exactly these keys (a unit test
 * and the `Messages` type both check). `{name}` placeholders are filled by `t()`; a key whose
 * value is `{ one, other }` is chosen by `Intl.PluralRules` from the `count` parameter.
 */
export const en = {
  'app.skip': 'Skip to content',
  'app.home': 'Kindling home',
  'app.offline': 'Offline',
  'app.updateReady': 'A new version is ready.',
  'app.reload': 'Reload',
  'app.notFound': 'Page not found',
  'app.backToLessons': 'Back to your lessons',
  'app.language': 'Language',

  'signIn.title': 'Learn a little, every day',
  'signIn.lead':
    'Five-minute lessons that fit between meetings — on the train, on a plane, anywhere.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.missing': 'Enter your work email and your password.',
  'signIn.offline':
    'You seem to be offline. Connect to sign in; lessons you saved stay on this device.',

  'home.greeting': 'Hi {name}',
  'home.progress': 'Your progress',
  'home.streak': 'day streak',
  'home.xp': 'XP',
  'home.week': 'This week',
  'home.dayLearned': '{day}: learned',
  'home.dayMissed': '{day}: no lesson',
  'home.loading': 'Loading your lessons…',
  'home.continue': 'Continue:',
  'home.allDone': 'You have finished every lesson. New ones are on their way.',
  'home.modules': 'Modules',
  'home.moduleMeta': {
    one: '{count} lesson · {minutes} · {done} of {count} done',
    other: '{count} lessons · {minutes} · {done} of {count} done',
  },

  'module.loading': 'Loading…',
  'module.notFound': 'Module not found',
  'module.all': '← All modules',
  'module.meta': {
    one: '{count} lesson · {minutes} in all',
    other: '{count} lessons · {minutes} in all',
  },
  'module.done': '✓ Done',

  'player.unavailable': 'This lesson is not available offline yet. Connect once to open it.',
  'player.backToModule': 'Back to the module',
  'player.opening': 'Opening lesson…',
  'player.progress': 'Lesson progress',
  'player.cardOf': 'Card {n} of {count}',
  'player.headingCard': ', card {n} of {count}',
  'player.takeaway': 'Key takeaway',
  'player.note': 'Note',
  'player.nav': 'Lesson navigation',
  'player.back': 'Back',
  'player.next': 'Next',
  'player.finish': 'Finish lesson',
  'player.answerFirst': 'Answer the question to go on.',

  'quiz.single': 'Quiz',
  'quiz.multiple': 'Quiz · choose all that apply',
  'quiz.rightOption': '✓ Right answer. ',
  'quiz.wrongOption': '✗ Not this one. ',
  'quiz.correct': '✓ Correct!',
  'quiz.incorrect': '✗ Not quite. Read the explanation and try again.',
  'quiz.check': 'Check answer',
  'quiz.retry': 'Try again',

  'done.title': 'Lesson complete',
  'done.finished': 'You finished “{title}”.',
  'done.streak': 'day streak',
  'done.nextLesson': 'Next lesson: {title}',
  'done.home': 'Back to home',
  'done.module': 'Back to the module',

  'sync.label': 'Sync status',
  'sync.idle': 'Up to date',
  'sync.syncing': 'Syncing…',
  'sync.offline': 'Offline — progress is saved on this device',
  'sync.error': 'Sync problem — will retry',
  'sync.signedOut': 'Sign in again to sync',
  'sync.waiting': { one: '{count} waiting to sync', other: '{count} waiting to sync' },
  'sync.waitingShort': { one: ' · {count} waiting', other: ' · {count} waiting' },
  'sync.last': ' · Last synced {when}',
  'sync.never': 'never',
  'sync.justNow': 'just now',
  'sync.rejected': "Couldn't sync ({count})",
  'sync.dismiss': 'Dismiss',
  'sync.now': 'Sync now',
  'sync.signOut': 'Sign out',
  'sync.signOutConfirm': {
    one: '{count} bit of progress has not synced yet. It stays on this device and syncs when you sign in again. Sign out anyway?',
    other:
      '{count} bits of progress have not synced yet. They stay on this device and sync when you sign in again. Sign out anyway?',
  },
  // ── Download for offline: modules and pathways (issue 3, offline helper) ──
  'download.section': 'Offline use of {label}',
  'download.button': 'Download for offline',
  'download.progress': 'Download progress',
  'download.downloading': 'Downloading… {size}',
  'download.available': '✓ Available offline · {size}',
  'download.update': 'Update download',
  'download.updateOffline': 'A new version is out. It downloads the next time you are online.',
  'download.remove': 'Remove',
  'download.removeLabel': 'Remove {label} from this device',
  'download.size': 'About {size} to download',
  'download.sizeImages': {
    one: 'About {size} plus {count} image to download',
    other: 'About {size} plus {count} images to download',
  },
  'download.partial': {
    one: 'Available offline: {stored} of {count} module',
    other: 'Available offline: {stored} of {count} modules',
  },
  'download.failedModules': {
    one: '{count} module could not be downloaded: {titles}.',
    other: '{count} modules could not be downloaded: {titles}.',
  },
  'download.noSpace':
    'Not enough storage on this device. Remove other downloads or free some space, then try again.',
  'download.connectionLost':
    'The download stopped: the connection was lost. Try again when you are online.',
  'download.serverError': 'Download failed: the server answered {status}.',
  'download.failed': 'The download failed. Try again.',
  'download.usage': 'Kindling uses {size} on this device.',
  'pathways.title': 'Take a pathway with you',
  'pathways.lead': 'Download every module of a pathway to learn without a connection.',
  'pathways.meta': { one: '{count} module · {minutes}', other: '{count} modules · {minutes}' },
  'pathways.moduleOffline': 'available offline',
  // ── end of offline block ──
} as const;

export type MessageKey = keyof typeof en;
export type Message = string | { readonly one: string; readonly other: string };
export type Messages = {
  readonly [K in MessageKey]: (typeof en)[K] extends string
    ? string
    : { one: string; other: string };
};
