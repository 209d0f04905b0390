/**
 * Web Push texts, worded by the server in the subscriber's locale
 * (`pushPhrase.say('push.nudge.title', { name }, 'de')`).
 */
import { defineWording } from '../wording';
import { de } from './push.de';
import { en } from './push.en';

export const pushPhrase = defineWording({ en, de });
