/**
 * Kindling's own learning events as statements (issue 19): inside the ingest transaction, each
 * accepted event with an xAPI verb becomes a statement row of the learner's organisation (no body:
 * the statement is built when read) with the references its filters read, and is queued for the
 * organisation's own LRS when it forwards. So a statement exists exactly when its event does.
 */
import type { LearningModule } from '../../core/content';
import { answerKeyOf, ASSESSMENT_PASS, moduleIdOf, scoreAttempt } from '../../core/mastery';
import type { SyncResult } from '../../core/sync';
import { ADL, eventRefs, verbOf } from '../xapi/kindling';
import type { StatementRefs } from '../xapi/refs';
import type { Tx } from './db';
import type { IncomingEvent } from './progress';
import { queueForwarding } from './xapi-forwarding';
import { rowAt } from './rows';

/** The rows of `xapi_refs` a statement's filters read (see xapi/refs.ts). */
function refRows(orgId: string, id: string, stored: number, refs: StatementRefs) {
  return [
    ...[...refs.agents].map(([value, direct]) => ({ kind: 'agent' as const, value, direct })),
    ...[...refs.activities].map(([value, direct]) => ({
      kind: 'activity' as const,
      value,
      direct,
    })),
    ...(refs.target ? [{ kind: 'statement' as const, value: refs.target, direct: true }] : []),
  ].map((r) => ({ org_id: orgId, statement_id: id, stored, ...r, direct: r.direct ? 1 : 0 }));
}

/** Rows per insert: a full sync batch's references stay far below both databases' parameter limits. */
const REF_ROWS_PER_INSERT = 1_000;

/** Writes the `xapi_refs` rows of statements, a thousand to an insert. */
async function insertRefRows(tx: Tx, rows: ReturnType<typeof refRows>) {
  for (let i = 0; i < rows.length; i += REF_ROWS_PER_INSERT)
    await tx
      .insertInto('xapi_refs')
      .values(rows.slice(i, i + REF_ROWS_PER_INSERT))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** The rows of `xapi_refs` a statement's filters read (see xapi/refs.ts). */
export async function insertRefs(
  tx: Tx,
  orgId: string,
  id: string,
  stored: number,
  refs: StatementRefs,
) {
  await insertRefRows(tx, refRows(orgId, id, stored, refs));
}

/** The verb of an assessment attempt, graded against the module as stored now. */
async function assessmentVerb(
  tx: Tx,
  lessonId: string,
  answers: Parameters<typeof scoreAttempt>[1],
) {
  const row = await tx
    .selectFrom('content_modules')
    .select('body')
    .where('id', '=', moduleIdOf(lessonId))
    .executeTakeFirst();
  const key = row && answerKeyOf(JSON.parse(row.body) as LearningModule);
  if (!key) return `${ADL}answered`;
  return `${ADL}${scoreAttempt(key, answers) >= ASSESSMENT_PASS - 1e-9 ? 'passed' : 'failed'}`;
}

/**
 * Makes each accepted event with an xAPI verb a statement of the learner's organisation. Runs
 * inside the ingest transaction, so a statement exists exactly when its event does.
 */
export async function mirrorEvents(
  tx: Tx,
  userId: string,
  events: readonly IncomingEvent[],
  results: readonly SyncResult[],
): Promise<void> {
  const accepted = events.filter(
    (e, i) => results[i]!.status === 'accepted' && verbOf(e.event.type),
  );
  if (accepted.length === 0) return;
  const user = await rowAt(tx, 'users', ['org_id'], { id: userId });
  if (!user) return;
  // The batch's statements in one insert and their references in another.
  const statements = [];
  for (const { event, receivedAt } of accepted)
    statements.push({
      org_id: user.org_id,
      id: event.id,
      stored: receivedAt,
      verb_id:
        event.type === 'assessment_submitted'
          ? await assessmentVerb(tx, event.lessonId, event.answers)
          : verbOf(event.type)!,
      registration: null,
      voids: null,
      body: null,
    });
  await tx
    .insertInto('xapi_statements')
    .values(statements)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await insertRefRows(
    tx,
    accepted.flatMap(({ event, receivedAt }) =>
      refRows(user.org_id, event.id, receivedAt, eventRefs(userId, event)),
    ),
  );
  // Queued in this transaction too: a statement is forwarded exactly when it exists.
  await queueForwarding(
    tx,
    user.org_id,
    accepted.map((e) => e.event.id),
    accepted[0]!.receivedAt,
  );
}
