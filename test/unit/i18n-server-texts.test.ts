/// <reference types="vite/client" />
/**
 * Every catalog — the learner's core messages and each lazily loaded area's (people, pilot) — has
 * a file per locale with every message of the English reference, no others, the same plural forms
 * and the same {placeholders}; the locale follows the browser until the learner chooses; numbers,
 * dates and plurals follow the locale's rules; the people and pilot screens speak German.
 */
import { describe, expect, it } from 'vitest';
import { PILOT_CHECKLIST } from '../../src/core/pilot';
import { pilotPhrase } from '../../src/core/phrases/pilot';
import { pushPhrase } from '../../src/core/phrases/push';

describe('the texts the server composes for the pilot and for Web Push', () => {
  it('word a reminder and a nudge title in German, with its plurals and numbers', () => {
    const de = (key: Parameters<typeof pushPhrase.say>[0], params = {}) =>
      pushPhrase.say(key, params, 'de');
    expect(de('push.reminder.streakTitle', { count: 1 })).toBe('Halte deine Serie: 1 Tag in Folge');
    expect(de('push.reminder.streakTitle', { count: 1200 })).toBe(
      'Halte deine Serie: 1.200 Tage in Folge',
    );
    expect(de('push.reminder.startTitle')).toBe('Heute ein paar Minuten?');
    expect(de('push.reminder.body', { count: 1 })).toBe(
      'Noch eine Lektion bis zu deinem Tagesziel.',
    );
    expect(de('push.reminder.body', { count: 3 })).toBe(
      'Noch 3 Lektionen bis zu deinem Tagesziel.',
    );
    expect(de('push.nudge.title', { name: 'Max Manager' })).toBe('Eine Erinnerung von Max Manager');
  });

  it('keep the English push wording the reminders had', () => {
    expect(pushPhrase.say('push.reminder.streakTitle', { count: 12 })).toBe(
      'Keep your 12-day streak',
    );
    expect(pushPhrase.say('push.reminder.body', { count: 1 }, 'en')).toBe(
      'One lesson to reach today’s goal.',
    );
    expect(pushPhrase.say('push.reminder.body', { count: 2 }, 'en')).toBe(
      '2 lessons to reach today’s goal.',
    );
  });

  it('word the pilot’s notes and every checklist step in German', () => {
    expect(pilotPhrase.say('pilot.note.association', {}, 'de')).toMatch(
      /^Diese Zahlen zeigen einen Zusammenhang .* aber keinen Beweis/,
    );
    expect(PILOT_CHECKLIST.map((s) => pilotPhrase.say(s.phrase.key as never, {}, 'de'))).toEqual([
      'Pilot-Teams auswählen',
      'Führungskräfte einweisen',
      'Für die Lernenden starten',
      'Übersicht jede Woche durchsehen',
      'Zwischenstand zur Halbzeit prüfen',
      'Abschlussbericht an die Auftraggeber',
    ]);
    expect(PILOT_CHECKLIST.map((s) => s.title)).toEqual(PILOT_CHECKLIST.map((s) => s.phrase.text));
  });
});

/** A badge's English title with its phrase, as `/me/badges` sends it. */
