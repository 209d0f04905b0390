import type { MessagesOf } from '../wording';
import type { en } from './xapi-errors.en';

/** Die Ablehnungen des Learning Record Store (`/xapi`) auf Deutsch. */
export const de: MessagesOf<typeof en> = {
  'error.xapi.statement': 'Ungültiges Statement bei {path}: {problem}.',
  'error.xapi.parameter': 'Parameter {name}: {problem}.',
  'error.xapi.version':
    'Sende den Header X-Experience-API-Version mit einer Version, die dieser LRS spricht (1.0.x oder 2.0.x).',
  'error.xapi.credentials': 'Melde dich beim LRS mit Schlüssel und Geheimnis an (HTTP Basic).',
  'error.xapi.readOnly': 'Dieser LRS-Schlüssel darf nur lesen.',
  'error.xapi.conflict': 'Unter der ID {id} ist bereits ein anderes Statement gespeichert.',
  'error.xapi.noStatement': 'Dieses Statement gibt es nicht.',
  'error.xapi.noDocument': 'Dieses Dokument gibt es nicht.',
  'error.xapi.documentExists':
    'Dieses Dokument gibt es schon: sende If-Match mit seinem ETag oder If-None-Match: *, um nur neu anzulegen.',
  'error.xapi.precondition':
    'Das Dokument ist nicht in dem Zustand, den dein If-Match oder If-None-Match erwartet.',
  'error.xapi.notJson':
    'Zum Zusammenführen müssen das gespeicherte und das gesendete Dokument JSON-Objekte sein.',
  'error.xapi.noCredential': 'Diesen LRS-Zugang gibt es nicht.',
  'error.xapi.attachment': 'Anhang {part}: {problem}.',
  'error.xapi.signature': 'Die Signatur bei {path}: {problem}.',
  'error.xapi.body': 'Der Inhalt der Anfrage muss {what} sein.',
};
