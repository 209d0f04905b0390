/** Deutsch. Must have every key of `en` (checked by the `Messages` type and a unit test). */
import type { Messages } from './en';

export const de: Messages = {
  'app.skip': 'Zum Inhalt springen',
  'app.home': 'Kindling Startseite',
  'app.offline': 'Offline',
  'app.updateReady': 'Eine neue Version ist bereit.',
  'app.reload': 'Neu laden',
  'app.notFound': 'Seite nicht gefunden',
  'app.backToLessons': 'Zurück zu deinen Lektionen',
  'app.language': 'Sprache',

  'signIn.title': 'Jeden Tag ein bisschen lernen',
  'signIn.lead':
    'Fünf-Minuten-Lektionen, die zwischen zwei Meetings passen – im Zug, im Flugzeug, überall.',
  'signIn.email': 'E-Mail',
  'signIn.password': 'Passwort',
  'signIn.submit': 'Anmelden',
  'signIn.busy': 'Anmeldung läuft…',
  'signIn.missing': 'Gib deine geschäftliche E-Mail-Adresse und dein Passwort ein.',
  'signIn.offline':
    'Du scheinst offline zu sein. Verbinde dich zum Anmelden; gespeicherte Lektionen bleiben auf diesem Gerät.',

  'home.greeting': 'Hallo {name}',
  'home.progress': 'Dein Fortschritt',
  'home.streak': 'Tage in Folge',
  'home.xp': 'XP',
  'home.week': 'Diese Woche',
  'home.dayLearned': '{day}: gelernt',
  'home.dayMissed': '{day}: keine Lektion',
  'home.loading': 'Deine Lektionen werden geladen…',
  'home.continue': 'Weiter:',
  'home.allDone': 'Du hast alle Lektionen abgeschlossen. Neue sind unterwegs.',
  'home.modules': 'Module',
  'home.moduleMeta': {
    one: '{count} Lektion · {minutes} · {done} von {count} erledigt',
    other: '{count} Lektionen · {minutes} · {done} von {count} erledigt',
  },

  'module.loading': 'Wird geladen…',
  'module.notFound': 'Modul nicht gefunden',
  'module.all': '← Alle Module',
  'module.meta': {
    one: '{count} Lektion · {minutes} insgesamt',
    other: '{count} Lektionen · {minutes} insgesamt',
  },
  'module.done': '✓ Erledigt',

  'player.unavailable':
    'Diese Lektion ist noch nicht offline verfügbar. Verbinde dich einmal, um sie zu öffnen.',
  'player.backToModule': 'Zurück zum Modul',
  'player.opening': 'Lektion wird geöffnet…',
  'player.progress': 'Fortschritt der Lektion',
  'player.cardOf': 'Karte {n} von {count}',
  'player.headingCard': ', Karte {n} von {count}',
  'player.takeaway': 'Das Wichtigste',
  'player.note': 'Hinweis',
  'player.nav': 'Navigation in der Lektion',
  'player.back': 'Zurück',
  'player.next': 'Weiter',
  'player.finish': 'Lektion abschließen',
  'player.answerFirst': 'Beantworte die Frage, um weiterzumachen.',

  'quiz.single': 'Quiz',
  'quiz.multiple': 'Quiz · alle zutreffenden wählen',
  'quiz.rightOption': '✓ Richtige Antwort. ',
  'quiz.wrongOption': '✗ Nicht diese. ',
  'quiz.correct': '✓ Richtig!',
  'quiz.incorrect': '✗ Nicht ganz. Lies die Erklärung und versuch es noch einmal.',
  'quiz.check': 'Antwort prüfen',
  'quiz.retry': 'Noch einmal',

  'done.title': 'Lektion abgeschlossen',
  'done.finished': 'Du hast „{title}“ abgeschlossen.',
  'done.streak': 'Tage in Folge',
  'done.nextLesson': 'Nächste Lektion: {title}',
  'done.home': 'Zurück zur Startseite',
  'done.module': 'Zurück zum Modul',

  'sync.label': 'Synchronisierung',
  'sync.idle': 'Auf dem neuesten Stand',
  'sync.syncing': 'Wird synchronisiert…',
  'sync.offline': 'Offline – dein Fortschritt ist auf diesem Gerät gespeichert',
  'sync.error': 'Problem beim Synchronisieren – neuer Versuch folgt',
  'sync.signedOut': 'Melde dich erneut an, um zu synchronisieren',
  'sync.waiting': {
    one: '{count} wartet auf Synchronisierung',
    other: '{count} warten auf Synchronisierung',
  },
  'sync.waitingShort': { one: ' · {count} wartet', other: ' · {count} warten' },
  'sync.last': ' · Zuletzt synchronisiert {when}',
  'sync.never': 'nie',
  'sync.justNow': 'gerade eben',
  'sync.rejected': 'Nicht synchronisiert ({count})',
  'sync.dismiss': 'Ausblenden',
  'sync.now': 'Jetzt synchronisieren',
  'sync.signOut': 'Abmelden',
  'sync.signOutConfirm': {
    one: '{count} Fortschritt ist noch nicht synchronisiert. Er bleibt auf diesem Gerät und wird nach der nächsten Anmeldung synchronisiert. Trotzdem abmelden?',
    other:
      '{count} Fortschritte sind noch nicht synchronisiert. Sie bleiben auf diesem Gerät und werden nach der nächsten Anmeldung synchronisiert. Trotzdem abmelden?',
  },
  // ── Download for offline: modules and pathways (issue 3, offline helper) ──
  'download.section': 'Offline-Nutzung von {label}',
  'download.button': 'Für offline herunterladen',
  'download.progress': 'Download-Fortschritt',
  'download.downloading': 'Wird heruntergeladen… {size}',
  'download.available': '✓ Offline verfügbar · {size}',
  'download.update': 'Download aktualisieren',
  'download.updateOffline':
    'Eine neue Version ist da. Sie wird geladen, sobald du wieder online bist.',
  'download.remove': 'Entfernen',
  'download.removeLabel': '{label} von diesem Gerät entfernen',
  'download.size': 'Etwa {size} zum Herunterladen',
  'download.sizeImages': {
    one: 'Etwa {size} und {count} Bild zum Herunterladen',
    other: 'Etwa {size} und {count} Bilder zum Herunterladen',
  },
  'download.partial': {
    one: 'Offline verfügbar: {stored} von {count} Modul',
    other: 'Offline verfügbar: {stored} von {count} Modulen',
  },
  'download.failedModules': {
    one: '{count} Modul konnte nicht heruntergeladen werden: {titles}.',
    other: '{count} Module konnten nicht heruntergeladen werden: {titles}.',
  },
  'download.noSpace':
    'Nicht genug Speicherplatz auf diesem Gerät. Entferne andere Downloads oder schaffe Platz und versuche es dann erneut.',
  'download.connectionLost':
    'Der Download wurde unterbrochen: Die Verbindung ist weg. Versuche es erneut, wenn du online bist.',
  'download.serverError': 'Download fehlgeschlagen: Der Server antwortete mit {status}.',
  'download.failed': 'Der Download ist fehlgeschlagen. Versuche es erneut.',
  'download.usage': 'Kindling belegt {size} auf diesem Gerät.',
  'pathways.title': 'Nimm einen Lernpfad mit',
  'pathways.lead': 'Lade alle Module eines Lernpfads herunter, um ohne Verbindung zu lernen.',
  'pathways.meta': { one: '{count} Modul · {minutes}', other: '{count} Module · {minutes}' },
  'pathways.moduleOffline': 'offline verfügbar',
  // ── end of offline block ──
};
