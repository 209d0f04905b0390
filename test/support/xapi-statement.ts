/**
 * Shared by the xapi-*.test.ts files: the actors, activity and valid statement (with `statement`
 * to vary it) that the Learning Record Store tests send.
 */

export type Json = Record<string, unknown>;
export const ADL = 'http://adlnet.gov/expapi/verbs/';
export const ann = { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.com' };
export const bob = { mbox: 'mailto:bob@example.com' };
export const course = 'http://example.com/courses/safety';
export const LESSON = 'giving-feedback.specific-feedback';

export const statement = (over: Json = {}): Json => ({
  actor: ann,
  verb: { id: `${ADL}completed`, display: { 'en-US': 'completed', de: 'abgeschlossen' } },
  object: {
    id: course,
    definition: {
      name: { 'en-US': 'Safety', de: 'Sicherheit' },
      type: 'http://adlnet.gov/expapi/activities/course',
    },
  },
  ...over,
});
