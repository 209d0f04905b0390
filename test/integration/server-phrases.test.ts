/**
 * What the server says reaches a German reader in German: every refusal and every rejected event
 * carries a phrase (catalog key + params, with the English message beside it), and the app words
 * it in the reader's locale — field problems from zod's issue codes, numbers and dates the way
 * the reader writes them, and the English message for a key this app does not know.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorPhrase, issuePhrase } from '../../src/core/phrases/errors';
import { word, type Phrase } from '../../src/core/wording';
import { errorText, locale, sayPhrase } from '../../src/app/i18n';
import { createApi, HttpError } from '../../src/client/api';
import { createApp } from '../../src/server/app';
import { parseModule } from '../../src/server/content/parse';
import { prepareBatch } from '../../src/server/ingest';
import type { Store } from '../../src/server/store/store';
import { lessonEvent, signInAs, syncBody, type App } from '../support/api';
import { demoStore } from '../support/server';

let store: Store;
let app: App;

beforeAll(async () => {
  store = await demoStore();
  app = createApp({ store });
});
afterAll(async () => {
  await store.close();
});
afterEach(() => {
  locale.value = 'en';
});

/** The API client of the app, talking to the server in-process with a session cookie. */
const apiAs = (cookie = '') =>
  createApi(async (input, init) =>
    app.request(`http://localhost${input}`, {
      ...init,
      headers: {
        ...(init?.headers as Record<string, string>),
        ...((init?.method ?? 'GET') === 'GET' ? {} : { origin: 'http://localhost' }),
        ...(cookie && { cookie }),
      },
    }),
  );

/** The refusal the app's API client gets for a request. */
async function refusal(request: Promise<unknown>): Promise<HttpError> {
  const err = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

describe('a refused request', () => {
  it('reads in German for a German reader and in English otherwise', async () => {
    const err = await refusal(
      apiAs().post('/auth/login', { email: 'learner@demo.test', password: 'wrong-password' }),
    );
    expect(err.status).toBe(401);
    expect(err.message).toBe('That email and password do not match.');
    expect(errorText(err)).toBe('That email and password do not match.');
    locale.value = 'de';
    expect(errorText(err)).toBe('E-Mail-Adresse und Passwort passen nicht zusammen.');
  });

  it('fills its parameters the German way (numbers, plurals)', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const err = await refusal(apiAs(learner.cookie).post('/sync', syncBody(Array(501).fill({}))));
    expect(err.phrase).toMatchObject({ key: 'error.field.tooMany', params: { count: 500 } });
    locale.value = 'de';
    expect(errorText(err)).toBe('events: Wähle höchstens 500 aus.');
    expect(errorPhrase.say('error.bodyTooLarge', { bytes: 1_048_576 }, 'de')).toBe(
      'Eine Anfrage darf höchstens 1.048.576 Byte groß sein.',
    );
    expect(errorPhrase.say('error.nudgeLimit', { count: 1 }, 'de')).toBe(
      'Du kannst jemanden einmal am Tag anstupsen.',
    );
  });

  it('of the people screens reads in German once their catalog has loaded', async () => {
    const err = await refusal(apiAs().get('/invites/NOT-A-CODE'));
    expect(err.phrase.key).toBe('error.inviteInvalid');
    locale.value = 'de';
    await import('../../src/app/areas/people/messages'); // what the lazy join screen loads
    expect(errorText(err)).toBe(
      'Dieser Einladungscode ist nicht mehr gültig. Bitte um einen neuen.',
    );
  });

  it('falls back to the server’s English for a key this app does not know', () => {
    locale.value = 'de';
    const fromNewerServer = new HttpError(400, 'new_rule', 'A rule this app has not heard of.', {
      key: 'error.fromTheFuture',
    });
    expect(errorText(fromNewerServer)).toBe('A rule this app has not heard of.');
    expect(errorText(new HttpError(502, 'http_error', 'Bad Gateway'))).toBe('Bad Gateway');
  });
});

describe('a field problem', () => {
  const schema = z.object({
    password: z.string().min(8),
    name: z.string().max(3),
    cohortIds: z.array(z.string()).min(1),
    role: z.enum(['learner', 'manager']),
    age: z.number(),
    tz: z.string().refine(() => false, 'error.field.timeZone'),
  });
  const issueOf = (input: object) =>
    issuePhrase(schema.safeParse({ ...valid, ...input }).error!.issues[0]!);
  const valid = {
    password: 'long-enough',
    name: 'Ann',
    cohortIds: ['c'],
    role: 'learner',
    age: 1,
    tz: 'x',
  };

  it.each([
    [
      { password: 'short' },
      'password: use at least 8 characters.',
      'password: Verwende mindestens 8 Zeichen.',
    ],
    [{ name: 'Annabel' }, 'name: use at most 3 characters.', 'name: Verwende höchstens 3 Zeichen.'],
    [{ cohortIds: [] }, 'cohortIds: choose at least 1.', 'cohortIds: Wähle mindestens 1 aus.'],
    [
      { role: 'boss' },
      'role: choose one of learner, manager.',
      'role: Wähle eines von learner, manager.',
    ],
    [{ age: undefined }, 'age: this is required.', 'age: Diese Angabe fehlt.'],
    [{ age: 'old' }, 'age: this has the wrong type.', 'age: Diese Angabe hat den falschen Typ.'],
  ])('%o reads “%s” and in German “%s”', (input, english, german) => {
    const phrase = issueOf(input);
    expect(phrase.text).toBe(english);
    expect(errorPhrase.say(phrase.key as never, phrase.params, 'de')).toBe(german);
  });

  it('uses the schema’s own message when it names a catalog key', () => {
    const phrase = issuePhrase(
      schema.safeParse({ ...valid, password: 'long-enough' }).error!.issues[0]!,
    );
    expect(phrase).toEqual({
      key: 'error.field.timeZone',
      params: { field: 'tz' },
      text: 'tz: not a known time zone.',
    });
  });
});

describe('a rejected event', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  /** What ingest answers for each event, as the phrase the app words. */
  const rejections = (events: object[]): Phrase[] =>
    prepareBatch(
      { deviceId: 'device-1', sentAt: new Date(now).toISOString(), events: events as never },
      now,
      30,
      () => undefined, // content that holds no lesson at all
    ).slots.map((slot) => {
      if (typeof slot === 'number' || slot.status !== 'rejected') throw new Error('accepted');
      expect(slot.message).toBe(slot.phrase.text);
      return slot.phrase;
    });

  it('says in the reader’s language why it was not counted', () => {
    const yesterday = '2026-05-31T12:00:00Z';
    const [tooOld, otherDevice, tooLong, unknown] = rejections([
      lessonEvent('lesson_completed', 'l1', '2026-04-01T12:00:00Z', 'device-1'),
      lessonEvent('lesson_completed', 'l1', yesterday, 'device-2'),
      lessonEvent('lesson_completed', 'x'.repeat(201), yesterday, 'device-1'),
      lessonEvent('lesson_completed', 'invented', yesterday, 'device-1'),
    ]);
    expect([tooOld!.text, otherDevice!.text, tooLong!.text, unknown!.text]).toEqual([
      'Progress older than 30 days can no longer be counted.',
      'This progress was made on another device.',
      'lessonId: use 1 to 200 characters.',
      'This lesson is not in your organisation’s content.',
    ]);
    locale.value = 'de';
    expect([tooOld!, otherDevice!, tooLong!, unknown!].map(sayPhrase)).toEqual([
      'Fortschritt, der älter als 30 Tage ist, kann nicht mehr gezählt werden.',
      'Dieser Fortschritt stammt von einem anderen Gerät.',
      'lessonId: Verwende 1 bis 200 Zeichen.',
      'Diese Lektion gehört nicht zu den Inhalten deiner Organisation.',
    ]);
  });
});

describe('an upload’s problems', () => {
  it('read in German for a German admin: a module file, line by line', async () => {
    await import('../../src/app/areas/people/messages'); // what the lazy admin screen loads
    const { errors } = parseModule(
      'quiz.md',
      '---\nid: Quiz\ntitle: Q\n---\n\n## One\n\n![](pic.png)\n\n### Quiz: Which?\n\n- [ ] A\n  > no\n- [ ] B\n  > no\n',
    );
    locale.value = 'de';
    expect(errors.map((p) => `${p.line}: ${sayPhrase(p.phrase!)}`)).toEqual([
      '2: id: Verwende Kleinbuchstaben, Ziffern und -.',
      '8: Ein Bild braucht einen Alternativtext: ![was es zeigt](datei)',
      '10: Ein Quiz braucht mindestens eine richtige Option, markiert mit [x]',
    ]);
  });

  it('read in German for a German admin: an HR file’s rows', async () => {
    await import('../../src/app/areas/pilot/messages'); // what the lazy pilot screen loads
    const admin = await signInAs(app, 'admin@demo.test');
    const res = await admin.post(
      '/api/v1/pilot/hr',
      'email,hire_date,exit_date\nnobody,2022-01-01,\nlearner@demo.test,2022-03-01,2021-01-01\n',
      { 'content-type': 'text/csv' },
    );
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { rows: Phrase[] } };
    locale.value = 'de';
    expect(error.rows.map(sayPhrase)).toEqual([
      'Zeile 2: „nobody“ ist keine E-Mail-Adresse',
      'Zeile 3: exit_date 2021-01-01 liegt vor hire_date 2022-03-01',
    ]);
  });
});

describe('phrase parameters', () => {
  const catalogs = {
    en: { due: '"{title}" was due {dueDate}', n: '{count} of {total}' },
    de: { due: '„{title}“ war am {dueDate} fällig', n: '{count} von {total}' },
  };

  it('write calendar dates and numbers as the reader does', () => {
    const params = { title: '2026-01-01 kickoff', dueDate: '2099-03-31' };
    expect(word(catalogs, 'due', params, 'en')).toBe('"2026-01-01 kickoff" was due Mar 31, 2099');
    expect(word(catalogs, 'due', params, 'de')).toBe(
      '„2026-01-01 kickoff“ war am 31.03.2099 fällig',
    );
    expect(word(catalogs, 'n', { count: 1500, total: 20000 }, 'de')).toBe('1.500 von 20.000');
  });
});
