/**
 * Kindling's own learning events as xAPI statements (issue 19): which event is which ADL verb,
 * which activity it is about, and the statement a reader sees, built from the stored event when
 * it is read (so lesson names follow the content and the actor's `homePage` is the origin the
 * LRS is reached at).
 *
 * Identifiers that would carry the deployment's origin are kept origin-free in the store: an
 * account on this deployment is `account:~|<person id>` and an activity here `~/…`
 * (`localKey`), and a query's agent or activity is put in the same form before it is looked up.
 */
import type { LearningModule } from '../../core/content';
import type { ProgressEvent } from '../../core/events';
import { answerKeyOf, scoreAttempt } from '../../core/mastery';

export const ADL = 'http://adlnet.gov/expapi/verbs/';
const VERBS: Partial<Record<ProgressEvent['type'], string>> = {
  lesson_started: 'attempted',
  card_viewed: 'experienced',
  quiz_answered: 'answered',
  review_answered: 'answered',
  lesson_completed: 'completed',
  assessment_submitted: 'passed',
};
export const LOCAL = '~';
export const ACTIVITY_TYPES = {
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  module: 'http://adlnet.gov/expapi/activities/module',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
};

/** The stored verb of an event (assessments are refined to passed/failed when read). */
export function verbOf(type: string): string | undefined {
  const verb = VERBS[type as ProgressEvent['type']];
  return verb ? ADL + verb : undefined;
}

export const lessonActivity = (lessonId: string) =>
  `${LOCAL}/xapi/activities/lesson/${encodeURIComponent(lessonId)}`;
export const cardActivity = (lessonId: string, cardId: string) =>
  `${lessonActivity(lessonId)}/card/${encodeURIComponent(cardId)}`;
export const moduleActivity = (moduleId: string) =>
  `${LOCAL}/xapi/activities/module/${encodeURIComponent(moduleId)}`;
export const personKey = (userId: string) => `account:${LOCAL}|${userId}`;

/** An agent key or activity id in its stored form: this deployment's origin becomes `~`. */
export function localKey(value: string, origin: string): string {
  if (value.startsWith(`account:${origin}|`))
    return `account:${LOCAL}|${value.slice(origin.length + 9)}`;
  if (value === origin || value.startsWith(`${origin}/`)) return LOCAL + value.slice(origin.length);
  return value;
}

/** The references a Kindling event's statement has, origin-free. */
export function eventRefs(userId: string, event: ProgressEvent) {
  const agents = new Map([[personKey(userId), true]]);
  const activities = new Map<string, boolean>();
  if ('lessonId' in event) {
    const lesson = lessonActivity(event.lessonId);
    if ('cardId' in event) {
      activities.set(cardActivity(event.lessonId, event.cardId), true);
      activities.set(lesson, false);
    } else activities.set(lesson, true);
  }
  return { agents, activities };
}

export interface ContentLookup {
  /** The module a lesson belongs to and the lesson. */
  lesson(lessonId: string): { module: LearningModule; title: string } | undefined;
}

const en = (text: string) => ({ 'en-US': text });

/** An instant in the offset the device wrote its time in. */
function inOffset(correctedAt: number, deviceText: string): string {
  if (Date.parse(deviceText) === correctedAt) return deviceText;
  const match = /([+-])(\d\d):?(\d\d)$/.exec(deviceText);
  if (!match) return new Date(correctedAt).toISOString();
  const minutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  const local = new Date(correctedAt + minutes * 60_000).toISOString().slice(0, 23);
  return `${local}${match[1]}${match[2]}:${match[3]}`;
}

/** ISO 8601 duration of milliseconds, e.g. PT3M20S. */
export function isoDuration(ms: number): string {
  const seconds = Math.round(ms / 10) / 100;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 100) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export interface StoredEvent {
  id: string;
  userId: string;
  body: string;
  correctedAt: number;
  stored: number;
  /** The verb stored at ingest (an assessment is graded then). */
  verbId: string;
}

/** The statement of one Kindling event as a reader of the LRS sees it. */
export function eventStatement(
  row: StoredEvent,
  origin: string,
  content: ContentLookup,
  authority: Record<string, unknown>,
): Record<string, unknown> {
  const event = JSON.parse(row.body) as ProgressEvent;
  const absolute = (local: string) => origin + local.slice(LOCAL.length);
  const lessonId = 'lessonId' in event ? event.lessonId : '';
  const found = content.lesson(lessonId);
  const lesson = {
    objectType: 'Activity',
    id: absolute(lessonActivity(lessonId)),
    definition: {
      name: en(found?.title ?? lessonId),
      ...(found ? { description: en(`A lesson of “${found.module.title}”`) } : {}),
      type: ACTIVITY_TYPES.lesson,
    },
  };
  const module = found && {
    objectType: 'Activity',
    id: absolute(moduleActivity(found.module.id)),
    definition: {
      name: en(found.module.title),
      description: en(found.module.summary || found.module.title),
      type: ACTIVITY_TYPES.module,
    },
  };
  const verb = row.verbId.startsWith(ADL) ? row.verbId.slice(ADL.length) : row.verbId;
  let object: Record<string, unknown> = lesson;
  let result: Record<string, unknown> | undefined;
  const parents: Record<string, unknown>[] = [];
  if (event.type === 'lesson_completed')
    result = { completion: true, duration: isoDuration(event.durationMs) };
  if (
    event.type === 'card_viewed' ||
    event.type === 'quiz_answered' ||
    event.type === 'review_answered'
  ) {
    object = {
      objectType: 'Activity',
      id: absolute(cardActivity(lessonId, event.cardId)),
      definition: {
        name: en(`${found?.title ?? lessonId}: ${event.cardId}`),
        type: event.type === 'card_viewed' ? ACTIVITY_TYPES.lesson : ACTIVITY_TYPES.question,
        ...(event.type === 'card_viewed' ? {} : { interactionType: 'choice' }),
      },
    };
    parents.push(lesson);
    if ('answerIds' in event) result = { response: event.answerIds.join('[,]') };
  }
  if (event.type === 'assessment_submitted') {
    const key = found && answerKeyOf(found.module);
    const scaled = key ? scoreAttempt(key, event.answers) : undefined;
    if (scaled !== undefined)
      result = {
        success: verb === 'passed',
        score: { scaled: Math.round(scaled * 1e4) / 1e4 },
      };
    object = { ...lesson, definition: { ...lesson.definition, type: ACTIVITY_TYPES.assessment } };
  }
  return {
    id: row.id,
    actor: { objectType: 'Agent', account: { homePage: origin, name: row.userId } },
    verb: { id: row.verbId, display: en(verb) },
    object,
    ...(result ? { result } : {}),
    context: {
      platform: 'Kindling',
      ...(module || parents.length
        ? {
            contextActivities: {
              ...(parents.length ? { parent: parents } : {}),
              ...(module ? { grouping: [module] } : {}),
            },
          }
        : {}),
      extensions: { [`${origin}/xapi/extensions/time-zone`]: event.tz },
    },
    timestamp: inOffset(row.correctedAt, event.occurredAt),
    stored: new Date(row.stored).toISOString(),
    authority,
    version: '2.0.0',
  };
}
