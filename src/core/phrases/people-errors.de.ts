import type { MessagesOf } from '../wording';
import type { en } from './people-errors.en';

export const de: MessagesOf<typeof en> = {
  'error.noPerson': 'Diese Person gibt es in deiner Organisation nicht.',
  'error.noCohortNamed': 'Es gibt keine Kohorte „{name}“.',
  'error.cohortManagers':
    'Die Führungskräfte einer Kohorte müssen aktive Führungskräfte oder Admins deiner Organisation sein.',
  'error.unknownManager': 'Wähle eine aktive Führungskraft aus deiner Organisation.',
  'error.managerCycle': 'Zwei Personen können nicht einander berichten.',
  'error.unknownCareer': 'Wähle eine Rolle und Stufe aus dem Katalog.',
  'error.ownAdmin': 'Du kannst dir die Admin-Rechte nicht selbst entziehen.',
  'error.ownAccount': 'Du kannst dein eigenes Konto nicht deaktivieren.',
  'error.inactive': 'Aktiviere dieses Konto zuerst wieder.',
  'error.emailTaken': 'Zu dieser E-Mail-Adresse gibt es schon ein Konto.',
  'error.emailTakenSignIn':
    'Zu dieser E-Mail-Adresse gibt es schon ein Konto. Melde dich stattdessen an.',
  'error.moduleTaken': 'Die Modul-ID „{id}“ gehört zu anderen Inhalten. Wähle eine andere ID.',
  'error.tooManyAttempts': 'Zu viele Versuche. Warte 15 Minuten und versuche es dann erneut.',
  'error.inviteInactiveAccount':
    'Diese Adresse gehört zu einem deaktivierten Konto. Bitte deine Admins, es wieder zu aktivieren.',
  'error.noInvite': 'Diese offene Einladung gibt es nicht.',
  'error.inviteInvalid': 'Dieser Einladungscode ist nicht mehr gültig. Bitte um einen neuen.',
  'error.resetInvalid':
    'Dieser Link zum Zurücksetzen ist nicht mehr gültig. Bitte deine Admins um einen neuen.',
  'error.noSession': 'Du hast keine aktive Sitzung mit dieser ID.',
  'error.pilotAdmins': 'Nur Admins dieser Organisation können ein Pilotprojekt durchführen.',
  'error.noPilot': 'Dieses Pilotprojekt gibt es nicht.',
  'error.noPilotYet': 'Es ist noch kein Pilotprojekt eingerichtet.',
  'error.pilotCohort': 'Es gibt keine Kohorte „{name}“ in deiner Organisation.',
  'error.hrFileTooLarge': 'Eine HR-Datei darf höchstens {megabytes} MB groß sein.',
  'error.emptyFile': 'Die Datei enthält keine HR-Zeilen.',
  'error.exports': 'Exporte sind {files}.',
  'error.challengeSetters':
    'Nur Admins und die Führungskräfte der Kohorte setzen Herausforderungen.',
  'error.noPathway': 'Einen Lernpfad mit dieser ID gibt es nicht.',
  'error.dueDatePast': 'Wähle heute oder einen späteren Tag als Fälligkeitsdatum.',
  'error.nudgeLimit': {
    one: 'Du kannst jemanden einmal am Tag anstupsen.',
    other: 'Du kannst jemanden {count}-mal am Tag anstupsen.',
  },
  'error.enterEmail': 'Gib deine geschäftliche E-Mail-Adresse ein.',
  'error.hrRows': {
    one: '{count} Zeile muss korrigiert werden; nichts wurde importiert.',
    other: '{count} Zeilen müssen korrigiert werden; nichts wurde importiert.',
  },
  'error.inviteRows': {
    one: '{count} Zeile muss korrigiert werden; niemand wurde eingeladen.',
    other: '{count} Zeilen müssen korrigiert werden; niemand wurde eingeladen.',
  },
  'error.noInvitees': 'Die Liste enthält niemanden zum Einladen.',
  'error.contentProblems': {
    one: '{count} Problem in {file}',
    other: '{count} Probleme in {file}',
  },
  'error.field.date': '{field}: Gib ein Datum als JJJJ-MM-TT an.',
  'error.field.realDate': '{field}: Dieses Datum gibt es nicht.',
  'error.field.markdownName': '{field}: Verwende einen Markdown-Dateinamen wie mein-modul.md.',
  'error.field.pilotGoals': '{field}: Ein Pilotprojekt hat höchstens drei Ziele.',
  'error.field.pilotCohorts': '{field}: Wähle mindestens eine Pilotkohorte.',
  'error.field.endsBeforeStart': 'Das Enddatum darf nicht vor dem Startdatum liegen.',
  'error.field.moduleId': '{field}: Verwende Kleinbuchstaben, Ziffern und -.',
  'error.noScimToken': 'Diesen SCIM-Token gibt es in deiner Organisation nicht.',
  'error.scim.unauthorized':
    'Sende einen SCIM-Token deiner Organisation als „Authorization: Bearer …“.',
  'error.scim.notFound': 'Diese Ressource gibt es nicht.',
  'error.scim.notImplemented':
    'Der SCIM-Dienst von Kindling bietet {endpoint} nicht an; seine ServiceProviderConfig sagt das.',
  'error.scim.noRoute': 'Diesen SCIM-Endpunkt gibt es nicht.',
  'error.scim.uniqueness': 'Dieser userName ist bereits vergeben.',
  'error.scim.invalidFilter': 'Der Filter lässt sich nicht beantworten: {reason}.',
  'error.scim.invalidValue': '{field}: Dieser Wert ist ungültig.',
  'error.scim.required': '{field} ist erforderlich.',
  'error.scim.email': '{field}: Verwende die E-Mail-Adresse der Person.',
  'error.scim.mutability': '{field} lässt sich nicht ändern.',
  'error.scim.noTarget': 'Zum Pfad {path} passt nichts.',
  'error.scim.invalidPath': 'Der Pfad {path} ist ungültig.',
  'error.scim.invalidSyntax': 'Die Anfrage ist kein gültiges SCIM: {reason}.',
  'error.scim.invalidJson': 'Der Inhalt ist kein JSON.',
  'error.scim.unknownMember': 'members: {id} ist keine Person deiner Organisation.',
  'error.scim.unknownManager': 'manager: {id} ist keine Person deiner Organisation.',
  'error.scim.managerCycle': 'manager: Niemand kann an jemanden berichten, der an ihn berichtet.',
  'error.scim.tooLarge': 'Eine SCIM-Anfrage darf höchstens {bytes} Bytes groß sein.',
  'error.ssoDomainTaken': 'Die Domain „{domain}“ gehört schon zu einer anderen Organisation.',
  'error.ssoSecretNeeded': 'Gib das Client-Secret ein, das dein Anbieter dir gegeben hat.',
  'error.ssoKeyMissing':
    'Auf dem Server ist kein KINDLING_SECRET_KEY gesetzt, daher kann er kein Client-Secret speichern.',
  'error.forwardEndpoint':
    'Der LRS-Endpunkt muss eine https-Adresse im öffentlichen Internet sein, ohne Query.',
  'error.forwardSecret': 'Gib das LRS-Geheimnis ein, um die Weiterleitung einzurichten.',
  'error.forwardKeyMissing':
    'Auf dem Server ist kein KINDLING_SECRET_KEY gesetzt, daher kann er das LRS-Geheimnis nicht speichern.',
  'error.noForwarding': 'Diese Organisation leitet keine Statements weiter.',
};
