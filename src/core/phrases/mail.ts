/**
 * Email texts, worded by the server in the recipient's language
 * (`mailPhrase.say('mail.reset.subject', {}, 'de')`).
 */
import { defineWording } from '../wording';
import { de } from './mail.de';
import { en } from './mail.en';

export const mailPhrase = defineWording({ en, de });
export type MailKey = keyof typeof en;
