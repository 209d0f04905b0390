/// <reference types="vite/client" />
/**
 * Every catalog — the learner's core messages and each lazily loaded area's (people, pilot) — has
 * a file per locale with every message of the English reference, no others, the same plural forms
 * and the same {placeholders}; the locale follows the browser until the learner chooses; numbers,
 * dates and plurals follow the locale's rules; the people and pilot screens speak German.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VNode } from 'preact';
import type { Phrase } from '../../src/core/wording';
import {
  ASSOCIATION_NOTE,
  MANAGER_ENGAGEMENT_NOTE,
  PILOT_CHECKLIST,
  type PilotReport,
  type WeekGroupMetrics,
  type WeekMetrics,
} from '../../src/core/pilot';
import { pilotPhrase } from '../../src/core/phrases/pilot';
import { pushPhrase } from '../../src/core/phrases/push';
import { uploadPhrase } from '../../src/core/phrases/uploads';
import {
  catalogs,
  formatDate,
  formatPercent,
  locale,
  LOCALES,
  pickLocale,
  t,
  type Locale,
} from '../../src/app/i18n';
import { oneOnOneScript } from '../../src/core/one-on-one';
import { badgePhrase } from '../../src/core/phrases/badges';
import { coachPhrase } from '../../src/core/phrases/coach';
import { errorPhrase } from '../../src/core/phrases/errors';
import { notificationPhrase } from '../../src/core/phrases/notifications';
import { t as peopleT } from '../../src/app/areas/people/messages';
import { t as pilotT } from '../../src/app/areas/pilot/messages';
import { BadgeGallery } from '../../src/app/views/BadgeGallery';
import { badgeGallery } from '../../src/core/badges';
import { NotificationList } from '../../src/app/views/NotificationList';
import { createApi } from '../../src/client/api';
import { createPilotStore } from '../../src/app/areas/pilot/pilot-store';
import { PilotChart } from '../../src/app/areas/pilot/PilotChart';
import { AtRisk, ScriptChecklist, ScriptTalk } from '../../src/app/areas/people/Coaching';
import { createAdminStore } from '../../src/app/areas/people/admin/admin-store';
import { BulkInviteSection } from '../../src/app/areas/people/admin/BulkInviteSection';
import { catalogAreas as areas } from '../support/catalogs';

type Catalog = Record<string, unknown>;

const placeholders = (m: unknown): string[] => [
  ...new Set([...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)),
];

/** What is wrong with `other` measured against the English `reference`; empty when nothing. */
function catalogProblems(reference: Catalog, other: Catalog): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) if (!(key in other)) problems.push(`missing ${key}`);
  for (const key of Object.keys(other)) if (!(key in reference)) problems.push(`extra ${key}`);
  for (const [key, message] of Object.entries(other)) {
    const english = reference[key];
    if (english === undefined) continue;
    if (typeof message !== typeof english) problems.push(`${key}: plural forms differ`);
    const mine = placeholders(message);
    for (const name of placeholders(english))
      if (!mine.includes(name)) problems.push(`${key}: no {${name}}`);
    for (const name of mine)
      if (!placeholders(english).includes(name)) problems.push(`${key}: unknown {${name}}`);
    const texts = typeof message === 'string' ? [message] : Object.values(message as object);
    if (texts.some((text) => String(text).trim() === '')) problems.push(`${key}: empty`);
  }
  return problems;
}

describe('the message catalogs', () => {
  it('are found: the core catalog, the people and pilot areas and the server’s phrases', () => {
    expect([...areas.keys()]).toEqual(
      expect.arrayContaining([
        'core',
        'people',
        'pilot',
        'phrases/errors',
        'phrases/people-errors',
        'phrases/coach',
        'phrases/badges',
        'phrases/notifications',
        'phrases/pilot',
        'phrases/push',
        'phrases/uploads',
      ]),
    );
  });

  describe.each([...areas.keys()])('%s', (area) => {
    const byLocale = areas.get(area)!;
    const english = byLocale.get('en')!;

    it('has a file exporting its messages for every locale, and no other locales', () => {
      expect([...byLocale.keys()].sort()).toEqual([...LOCALES].sort());
      for (const code of LOCALES) expect(byLocale.get(code), code).toBeTypeOf('object');
    });

    it.each(LOCALES.filter((l) => l !== 'en'))(
      'has in %s exactly the English keys, plural forms and placeholders',
      (code) => {
        expect(catalogProblems(english, byLocale.get(code)!)).toEqual([]);
      },
    );
  });

  it('are the ones each area’s t() uses, each with the server’s phrases its screens meet', () => {
    /** The messages of some areas, merged as a `t` binds them. */
    const merged = (code: Locale, ...names: string[]) =>
      Object.assign({}, ...names.map((name) => areas.get(name)!.get(code)));
    // The learner's screens word their refusals, badge titles and notifications; the people
    // screens the 1:1 script, risk reasons and the people-only refusals; the pilot screens those
    // refusals and the report's notes and steps. Push texts are worded by the server only.
    for (const code of LOCALES) {
      expect(catalogs[code]).toEqual(
        merged(code, 'core', 'phrases/errors', 'phrases/badges', 'phrases/notifications'),
      );
      expect(peopleT.catalogs[code]).toEqual(
        merged(code, 'people', 'phrases/people-errors', 'phrases/uploads', 'phrases/coach'),
      );
      expect(pilotT.catalogs[code]).toEqual(
        merged(code, 'pilot', 'phrases/people-errors', 'phrases/uploads', 'phrases/pilot'),
      );
      // The LRS's refusals (xapi-errors) are read by LRS clients, never by a Kindling screen.
      expect(errorPhrase.catalogs[code]).toEqual(
        merged(code, 'phrases/errors', 'phrases/people-errors', 'phrases/xapi-errors'),
      );
    }
    for (const [area, bound] of [
      ['phrases/coach', coachPhrase.catalogs],
      ['phrases/badges', badgePhrase.catalogs],
      ['phrases/notifications', notificationPhrase.catalogs],
      ['phrases/pilot', pilotPhrase.catalogs],
      ['phrases/push', pushPhrase.catalogs],
      ['phrases/uploads', uploadPhrase.catalogs],
    ] as const)
      for (const code of LOCALES) expect(bound[code], area).toBe(areas.get(area)!.get(code));
  });

  it('catch a locale that misses a key, adds one, drops a placeholder or a plural', () => {
    const reference = { a: 'A {name}', b: { one: '{count} b', other: '{count} bs' }, c: 'C' };
    expect(catalogProblems(reference, { a: 'A', b: 'B', d: 'D' })).toEqual([
      'missing c',
      'extra d',
      'a: no {name}',
      'b: plural forms differ',
      'b: no {count}',
    ]);
  });
});

describe('choosing and using a locale', () => {
  afterEach(() => {
    locale.value = 'en';
  });

  it('follows the browser until the learner picks one', () => {
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
    expect(pickLocale(['fr-FR', 'de-DE'])).toBe('de');
    expect(pickLocale(['fr-FR'])).toBe('en');
    expect(pickLocale(['de-DE'], 'en')).toBe('en');
  });

  it('fills placeholders with numbers and plurals in the locale', () => {
    expect(t('home.moduleMeta', { count: 1, minutes: '5 min', done: 0 }, 'en')).toBe(
      '1 lesson · 5 min · 0 of 1 done',
    );
    expect(t('sync.waiting', { count: 1234 }, 'de')).toBe('1.234 warten auf Synchronisierung');
    expect(t('sync.waiting', { count: 1 }, 'de')).toBe('1 wartet auf Synchronisierung');
  });

  it('writes dates and percentages the way the reader does', () => {
    expect(formatDate('2099-03-31')).toBe('Mar 31, 2099');
    expect(formatPercent(25)).toBe('25%');
    locale.value = 'de';
    expect(formatDate('2099-03-31')).toBe('31.03.2099');
    expect(formatPercent(62.5)).toMatch(/^62,5\s%$/);
  });

  it('puts marked-up parts into a sentence in the locale’s word order', () => {
    locale.value = 'de';
    expect(
      peopleT.rich('account.goal', { percent: { strong: '80 %' } }, { label: 'Ziel', count: 1200 }),
    ).toEqual(['Ziel: ', { strong: '80 %' }, ' von 1.200 Personen']);
  });
});

describe('the people and pilot screens in German', () => {
  afterEach(() => {
    locale.value = 'en';
  });

  it('describe a report on the manager’s team list', () => {
    const stats = (count: number, inLocale: Locale) =>
      peopleT('team.stats', { streak: 12, count, when: 'gestern' }, inLocale);
    expect(stats(1, 'de')).toBe('12-Tage-Serie · 1 Lektion diese Woche · zuletzt aktiv gestern');
    expect(stats(1500, 'de')).toBe(
      '12-Tage-Serie · 1.500 Lektionen diese Woche · zuletzt aktiv gestern',
    );
    expect(peopleT('team.title', {}, 'de')).toBe('Dein Team');
    expect(stats(3, 'en')).toBe('12-day streak · 3 lessons this week · last active gestern');
  });

  it('give a German admin each refused row of an invite list in German', async () => {
    locale.value = 'de';
    const rows = [
      uploadPhrase('upload.hr.notEmail', { row: 3, value: 'nina' }),
      uploadPhrase('upload.invite.hasAccount', { row: 4, value: 'lena@demo.test' }),
    ];
    const refusal = {
      error: {
        code: 'invalid_rows',
        message: '2 rows need fixing',
        key: 'error.inviteRows',
        params: { count: 2 },
        rows,
      },
    };
    const api = createApi(async () => new Response(JSON.stringify(refusal), { status: 422 }));
    const admin = createAdminStore({ api });
    await admin.inviteList('email\nnina', 'de');
    const text = textOf(BulkInviteSection({ admin }));
    expect(text).toContain('Zeile 3: „nina“ ist keine E-Mail-Adresse');
    expect(text).toContain('Zeile 4: lena@demo.test hat schon ein Konto');
    expect(admin.error.value).toBe('2 Zeilen müssen korrigiert werden; niemand wurde eingeladen.');
  });

  it('give a German manager the 1:1 script and the risk reasons in German', () => {
    locale.value = 'de';
    const script = oneOnOneScript(
      'Lena Learner',
      {
        streak: 12,
        lastActiveAt: null,
        lessonsThisWeek: 1,
        minutesThisWeek: 4,
        completedLessonIds: [],
        competencies: [],
        assignments: [],
        atRisk: true,
        riskReasons: [
          coachPhrase('coach.risk.quiet', { days: 7 }),
          coachPhrase('coach.risk.overdue', { title: 'Feedback', dueDate: '2099-03-31' }),
        ],
      },
      undefined,
    );
    const talk = textOf(ScriptTalk({ script }));
    expect(talk).toContain('Eine Lernserie von 12 Tagen');
    expect(talk).toContain('1 Lektion diese Woche');
    expect(talk).toContain('Wo es hakt');
    expect(talk).toContain('Keine Lektion in den letzten 7 Tagen');
    expect(talk).toContain('„Feedback“ war am 31.03.2099 fällig');
    expect(talk).toContain('Was hält dich gerade vom Lernen ab');
    expect(talk).not.toMatch(/lesson|streak|was due/i);
    const checklist = textOf(
      ScriptChecklist({
        items: script.checklist.map((item) => ({ ...item, checked: false })),
        onCheck: () => undefined,
      }),
    );
    expect(checklist).toContain('Sag Lena, was dir aufgefallen ist und was du schätzt');
    expect(checklist).toContain('Vereinbare den nächsten Lernschritt');
    expect(textOf(AtRisk({ reasons: script.stuck }))).toBe(
      'Gefährdet: Keine Lektion in den letzten 7 Tagen; „Feedback“ war am 31.03.2099 fällig',
    );
  });

  it('give a German learner badge titles and an assignment in German', () => {
    locale.value = 'de';
    const badges = textOf(
      BadgeGallery({
        slots: badgeGallery({
          earned: [
            {
              id: 'competency:x',
              kind: 'competency',
              ...title(badgePhrase('badge.competency', { title: 'Zuhören' })),
            },
            { id: 'streak:7', kind: 'streak', ...title(badgePhrase('badge.streak', { days: 7 })) },
            { id: 'kudos:1', kind: 'kudos', ...title(badgePhrase('badge.firstKudos')) },
          ],
          longestStreak: 12,
          kudosReceived: 1,
          modules: [{ id: 'm', title: 'Gut zuhören', competencies: ['x'] }],
          competencies: [{ id: 'x', title: 'Zuhören' }],
        }),
      }),
    );
    expect(badges).toBe(
      '3 von 6 verdient' +
        '7-Tage-SerieVerdientErste KudosVerdientZuhörenVerdient' +
        '30-Tage-SerieNoch nicht verdient: Lerne 30 Tage in Folge · bisher 12 von 30' +
        '100-Tage-SerieNoch nicht verdient: Lerne 100 Tage in Folge · bisher 12 von 100' +
        '10 KudosNoch nicht verdient: Erhalte 10 Kudos von Kolleginnen und Kollegen · bisher 1 von 10',
    );
    const assignment = notificationPhrase('notification.assignment', {
      name: 'Max Manager',
      title: 'Feedback',
      minutes: 15,
      dueDate: '2099-03-31',
    });
    const notifications = textOf(
      NotificationList({
        notifications: [
          {
            id: 'n1',
            kind: 'assignment',
            text: assignment.text,
            phrase: assignment,
            createdAt: '',
            read: false,
          },
          { id: 'n2', kind: 'nudge', text: 'Go, Lena!', createdAt: '', read: false },
        ],
        onMarkRead: () => undefined,
      }),
    );
    expect(assignment.text).toBe('Max Manager assigned you "Feedback" (15 min), due Mar 31, 2099.');
    expect(notifications).toContain(
      'Max Manager hat dir „Feedback“ (15 Min.) zugewiesen, fällig am 31.03.2099.',
    );
    // A manager's typed message is shown as typed.
    expect(notifications).toContain('Go, Lena!');
    expect(notifications).toContain('Als gelesen markieren');
  });

  it('label a pilot chart, its description and its table in German', () => {
    locale.value = 'de';
    const group = (weeklyActivePct: number | null) =>
      ({ weeklyActivePct }) as unknown as WeekGroupMetrics;
    const weeks = [1, 2].map(
      (week) => ({ week, pilot: group(week * 12.5), comparison: group(0) }) as WeekMetrics,
    );
    const chart = PilotChart({
      id: 'active',
      title: pilotT('pilot.chart.active'),
      metric: 'weeklyActivePct',
      format: formatPercent,
      weeks,
      max: 100,
    });
    const text = textOf(chart);
    expect(text).toContain('Wöchentlich aktive Lernende, Pilot und Vergleich, nach Woche');
    expect(text).toMatch(
      /Woche 2: Pilot 25\s%, Vergleich 0\s%\. Alle Wochen stehen in der Tabelle\./,
    );
    expect(text).toContain('WochePilotVergleich');
    expect(text).toMatch(/112,5\s%0\s%/);
  });

  /** What the API sends, as the app receives it (JSON, so phrases are plain objects). */
  const fromApi = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const pilotStore = () => createPilotStore({ api: createApi(() => Promise.reject()) });
  /** The pilot screens, loaded as the lazy chunk is; their tabs' router reads the page's address. */
  async function pilotScreens() {
    vi.stubGlobal('location', { pathname: '/pilot' });
    vi.stubGlobal('addEventListener', () => undefined);
    try {
      const [{ Dashboard }, { Checklist }] = await Promise.all([
        import('../../src/app/areas/pilot/Dashboard'),
        import('../../src/app/areas/pilot/Checklist'),
      ]);
      return { Dashboard, Checklist };
    } finally {
      vi.unstubAllGlobals();
    }
  }

  it('show the report’s notes to a German admin in German', async () => {
    const { Dashboard } = await pilotScreens();
    locale.value = 'de';
    const proportion = { n: 0, k: 0, pct: null, low: null, high: null };
    const outcomes = { members: 0, withHrRecord: 0, retention: proportion, mobility: proportion };
    const report = fromApi<PilotReport>({
      pilot: {
        id: 'p',
        name: 'Frühjahr',
        startDate: '2026-03-02',
        endDate: '2026-05-24',
        weeks: 12,
        cohortIds: ['c'],
        goals: [],
        createdAt: 0,
      },
      generatedAt: '2026-03-02T12:00:00.000Z',
      groups: { pilot: { members: 4 }, comparison: { members: 9 } },
      weeks: [],
      timeToCompetency: [],
      outcomes: { pilot: outcomes, comparison: outcomes },
      goals: [],
      managerEngagement: { note: MANAGER_ENGAGEMENT_NOTE },
      note: ASSOCIATION_NOTE,
    });
    const text = textOf(Dashboard({ store: pilotStore(), report }));
    expect(text).toContain(
      'Diese Zahlen zeigen einen Zusammenhang zwischen der Teilnahme am Pilot und den Ergebnissen',
    );
    expect(text).toContain('Gezählt für die Führungskräfte (und Admins) jeder Gruppe');
    expect(text).not.toMatch(/association|Counted for/);
  });

  it('show the checklist’s steps to a German admin in German; a newer server’s step in English', async () => {
    const { Checklist } = await pilotScreens();
    locale.value = 'de';
    const store = pilotStore();
    // A step this app has no words for (from a newer server) shows its English title.
    const newer = {
      id: 'retro',
      week: 13,
      title: 'Retrospective',
      phrase: { key: 'pilot.step.retro', text: 'Retrospective' },
    };
    store.setup.value = fromApi({
      pilots: [],
      cohorts: [],
      checklist: [...PILOT_CHECKLIST, newer as never],
      hrRecords: 0,
    });
    const pilot = {
      id: 'p',
      name: 'Frühjahr',
      startDate: '2026-03-02',
      weeks: 12,
      cohortIds: ['c'],
      goals: [],
      checklist: { launch: { doneAt: 1, doneBy: 'u' } },
    };
    const text = textOf(Checklist({ store, pilot }));
    expect(text).toContain('Durchführung: Frühjahr');
    expect(text).toContain('1 von 7 Schritten erledigt');
    expect(text).toContain('Pilot-Teams auswählen · vor dem Start');
    expect(text).toContain('Für die Lernenden starten · Woche 1');
    expect(text).toContain('Abschlussbericht an die Auftraggeber · Woche 12');
    expect(text).toContain('Retrospective · Woche 13');
    expect(text).not.toContain('Select the pilot teams');
  });
});

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
const title = (phrase: Phrase) => ({ title: phrase.text, phrase });

/** The text a rendered tree shows (and reads out), in document order. */
function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  return textOf((node as VNode<{ children?: unknown }>).props.children);
}
