import type { MessagesOf } from '../wording';
import type { en } from './errors.en';

export const de: MessagesOf<typeof en> = {
  'error.unauthenticated': 'Bitte melde dich an.',
  'error.forbidden': 'Darauf hast du keinen Zugriff.',
  'error.noCohort': 'Diese Kohorte gibt es in deiner Organisation nicht.',
  'error.uploadTooSlow': {
    one: 'Diese Datei brauchte länger als {count} Sekunde zum Lesen und wurde abgebrochen. Suche nach sehr langen Zeilen oder teile sie auf.',
    other:
      'Diese Datei brauchte länger als {count} Sekunden zum Lesen und wurde abgebrochen. Suche nach sehr langen Zeilen oder teile sie auf.',
  },
  'error.pushDisabled': 'Erinnerungen per Push sind hier nicht eingerichtet.',
  'error.push.endpoint':
    'Benachrichtigungen gehen nur über einen öffentlichen Push-Dienst (https, Standard-Port); diese Adresse ist keiner.',
  'error.push.taken':
    'Diese Benachrichtigungsadresse gehört zu einem anderen Konto. Melde dich dort zuerst ab.',
  'error.cohortPrivate':
    'Nur Mitglieder dieser Kohorte, ihre Führungskräfte, deren Führungskräfte und Admins können sie sehen.',
  'error.signInWait': {
    one: 'Zu viele falsche Passwörter. Warte {count} Sekunde und versuche es dann erneut.',
    other: 'Zu viele falsche Passwörter. Warte {count} Sekunden und versuche es dann erneut.',
  },
  'error.tooManySignIns': 'Zu viele Anmeldeversuche. Warte 15 Minuten und versuche es dann erneut.',
  'error.badCredentials': 'E-Mail-Adresse und Passwort passen nicht zusammen.',
  'error.noColleague': 'Diese Kollegin oder diesen Kollegen gibt es in deiner Organisation nicht.',
  'error.self': 'Wähle eine Kollegin oder einen Kollegen statt dir selbst.',
  'error.aliasTaken': 'Jemand in deiner Kohorte heißt schon so.',
  'error.kudosLimit': {
    one: 'Du kannst {count} Kudos am Tag geben, damit jedes etwas bedeutet. Versuche es morgen wieder.',
    other:
      'Du kannst {count} Kudos am Tag geben, damit jedes etwas bedeutet. Versuche es morgen wieder.',
  },
  'error.noAttempt': 'Noch kein bewerteter Versuch dieses Abschlusstests.',
  'error.noModule': 'Ein Modul mit dieser ID gibt es nicht.',
  'error.syncBatchTooLarge': 'Ein Synchronisierungspaket darf höchstens {bytes} Byte groß sein.',
  'error.tooLarge': 'Die Anfrage ist zu groß.',
  'error.internal':
    'Bei uns ist etwas schiefgelaufen. Dein Fortschritt ist sicher; versuche es erneut.',
  'error.invalidJson': 'Die Anfrage ist kein gültiges JSON.',
  'error.nulCharacter': 'Die Anfrage enthält ein NUL-Zeichen, das kein Text enthalten kann.',
  'error.badOrigin': 'Anfragen müssen von dieser Website kommen.',
  'error.originRequired':
    'Diese Änderung muss aus der Kindling-App auf dieser Website kommen; die Anfrage sagte nicht, woher sie kam.',
  'error.bodyTooLarge': 'Eine Anfrage darf höchstens {bytes} Byte groß sein.',
  'error.storeDown': 'Die Datenbank antwortet nicht.',
  'error.noRoute': 'Diesen API-Pfad gibt es nicht.',
  'error.notFound': 'Nicht gefunden.',
  'error.event.deviceMismatch': 'Dieser Fortschritt stammt von einem anderen Gerät.',
  'error.event.future': 'Dieser Fortschritt ist in die Zukunft datiert.',
  'error.event.tooOld': {
    one: 'Fortschritt, der älter als {count} Tag ist, kann nicht mehr gezählt werden.',
    other: 'Fortschritt, der älter als {count} Tage ist, kann nicht mehr gezählt werden.',
  },
  'error.syncRate': {
    one: 'Synchronisiert wird höchstens {count}-mal pro Minute. Dein Fortschritt bleibt erhalten und wird gleich übertragen.',
    other:
      'Synchronisiert wird höchstens {count}-mal pro Minute. Dein Fortschritt bleibt erhalten und wird gleich übertragen.',
  },
  'error.syncDaily':
    'Mehr als {count} Änderungen an einem Tag können nicht gespeichert werden. Dein Fortschritt bleibt erhalten und wird später übertragen.',
  'error.event.unknownLesson': 'Diese Lektion gehört nicht zu den Inhalten deiner Organisation.',
  'error.event.unknownCard': 'Diese Karte gehört nicht zu der Lektion.',
  'error.event.idTaken': 'Diese Ereignis-ID wurde schon mit anderem Inhalt gespeichert.',
  'error.event.seqTaken': 'Diese Sequenznummer des Geräts wurde schon verwendet.',
  'error.field.missing': '{field}: Diese Angabe fehlt.',
  'error.field.wrongType': '{field}: Diese Angabe hat den falschen Typ.',
  'error.field.tooShort': {
    one: '{field}: Verwende mindestens {count} Zeichen.',
    other: '{field}: Verwende mindestens {count} Zeichen.',
  },
  'error.field.tooLong': {
    one: '{field}: Verwende höchstens {count} Zeichen.',
    other: '{field}: Verwende höchstens {count} Zeichen.',
  },
  'error.field.tooFew': {
    one: '{field}: Wähle mindestens {count} aus.',
    other: '{field}: Wähle mindestens {count} aus.',
  },
  'error.field.tooMany': {
    one: '{field}: Wähle höchstens {count} aus.',
    other: '{field}: Wähle höchstens {count} aus.',
  },
  'error.field.tooSmall': '{field}: Verwende {count} oder mehr.',
  'error.field.tooBig': '{field}: Verwende {count} oder weniger.',
  'error.field.choice': '{field}: Wähle eines von {options}.',
  'error.field.format': '{field}: Prüfe das Format.',
  'error.field.unknown': 'Entferne das Feld „{field}“; es gehört nicht zu dieser Anfrage.',
  'error.field.invalid': '{field}: Prüfe diesen Wert.',
  'error.field.duplicate': '{field}: Nenne jeden Eintrag nur einmal.',
  'error.field.timeZone': '{field}: Diese Zeitzone ist unbekannt.',
  'error.field.base64url': '{field}: Verwende base64url.',
  'error.field.textLength': '{field}: Verwende {min} bis {max} Zeichen.',
  'error.field.wholeNumber': '{field}: Verwende eine ganze Zahl von 0 bis {max}.',
  'error.field.eventId': '{field}: Jedes Ereignis braucht eine „id“ mit 1 bis 100 Zeichen.',
  'error.ssoNoProvider':
    'Für diese E-Mail-Adresse gibt es keine Firmenanmeldung. Melde dich mit deinem Passwort an.',
  'error.ssoStateInvalid':
    'Diese Anmeldung ist abgelaufen oder wurde schon benutzt. Es wurde nichts geändert; beginne neu.',
  'error.ssoTokenRejected':
    'Die Firmenanmeldung hat eine Antwort geschickt, der Kindling nicht trauen kann. Es wurde nichts geändert; versuche es erneut oder frag deine IT.',
  'error.ssoCancelled': 'Die Firmenanmeldung wurde abgebrochen oder abgelehnt.',
  'error.ssoUnavailable':
    'Deine Firmenanmeldung ist gerade nicht erreichbar. Versuche es später erneut.',
  'error.ssoDomain':
    'Diese E-Mail-Adresse gehört zu keiner Domain deiner Organisation in Kindling.',
  'error.ssoEmailUnverified':
    'Die E-Mail-Adresse deines Firmenkontos ist nicht bestätigt. Frag deine IT.',
  'error.ssoDeactivated': 'Dein Kindling-Konto ist deaktiviert. Frag deine Admins.',
  'error.ssoNoAccount':
    'Für dich gibt es noch kein Kindling-Konto. Bitte deine Admins um eine Einladung.',
  'error.ssoOtherOrg':
    'Zu dieser E-Mail-Adresse gibt es schon ein Konto in einer anderen Organisation.',
  'error.ssoPasswordOnly':
    'Deine Organisation meldet sich mit dem Firmenkonto an. Weiter mit deinem Firmenkonto.',
};
