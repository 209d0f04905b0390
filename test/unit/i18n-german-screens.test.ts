/// <reference types="vite/client" />
/**
 * Every catalog — the learner's core messages and each lazily loaded area's (people, pilot) — has
 * a file per locale with every message of the English reference, no others, the same plural forms
 * and the same {placeholders}; the locale follows the browser until the learner chooses; numbers,
 * dates and plurals follow the locale's rules; the people and pilot screens speak German.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ASSOCIATION_NOTE,
  MANAGER_ENGAGEMENT_NOTE,
  PILOT_CHECKLIST,
  type PilotReport,
  type WeekGroupMetrics,
  type WeekMetrics,
} from '../../src/core/pilot';
import { uploadPhrase } from '../../src/core/phrases/uploads';
import { formatPercent, locale, type Locale } from '../../src/app/i18n';
import { oneOnOneScript } from '../../src/core/one-on-one';
import { badgePhrase } from '../../src/core/phrases/badges';
import { coachPhrase } from '../../src/core/phrases/coach';
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
import { expectAllIn, title, textOf } from '../support/i18n-text';

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
    expectAllIn(talk, [
      'Eine Lernserie von 12 Tagen',
      '1 Lektion diese Woche',
      'Wo es hakt',
      'Keine Lektion in den letzten 7 Tagen',
      '„Feedback“ war am 31.03.2099 fällig',
      'Was hält dich gerade vom Lernen ab',
    ]);
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
    expectAllIn(text, [
      'Durchführung: Frühjahr',
      '1 von 7 Schritten erledigt',
      'Pilot-Teams auswählen · vor dem Start',
      'Für die Lernenden starten · Woche 1',
      'Abschlussbericht an die Auftraggeber · Woche 12',
      'Retrospective · Woche 13',
    ]);
    expect(text).not.toContain('Select the pilot teams');
  });
});
