/**
 * Forwarding an organisation's statements to its own LRS (issue 19): the setting, the queue and
 * the sender's bookkeeping.
 *
 * - The queue is written by `queueForwarding` inside the ingest transaction, so an event is
 *   queued exactly when it is stored, and only while its organisation forwards.
 * - A sender claims an organisation (a conditional UPDATE of its row, like the mail outbox: of
 *   two processes only one gets it) for a lease, sends one batch and records the outcome, which
 *   ends the claim. A crashed sender's lease runs out and the batch is sent again; statement ids
 *   are stable, so the receiving LRS stores it once.
 * - Backoff is a column (`next_attempt_at`), so it holds across restarts.
 */
import { inTransaction, type Db, type Tx } from './db';
import { leaseFree, takeLeases, type Lease } from './leases';
import { deleteAt, rowAt, valueAt } from './rows';

export interface ForwardingSetting {
  orgId: string;
  endpoint: string;
  key: string;
  sealedSecret: string;
  /** The origin the statements name (actor `homePage`, activity ids). */
  home: string;
  updatedAt: number;
}

/** Why an attempt failed: a code the admin screen words, and the LRS's HTTP status if any. */
export interface ForwardingError {
  code: string;
  status: number | null;
}

export interface ForwardingStatus extends ForwardingSetting {
  /** Statements waiting to be sent. */
  backlog: number;
  failures: number;
  nextAttemptAt: number;
  lastSuccessAt: number | null;
  lastError: (ForwardingError & { at: number }) | null;
}

export interface ForwardingClaim extends ForwardingSetting {
  claim: string;
  failures: number;
}

export interface XapiForwardingStore {
  /** The organisation's forwarding with its backlog, or undefined when it forwards nothing. */
  getForwarding(orgId: string): Promise<ForwardingStatus | undefined>;
  /**
   * Sets where to forward. A new setting starts with an empty queue (events from now on); a
   * changed one keeps its queue and is tried at once.
   */
  saveForwarding(setting: ForwardingSetting): Promise<void>;
  /** Stops forwarding and drops the queue; false when the organisation did not forward. */
  deleteForwarding(orgId: string): Promise<boolean>;
  /**
   * Claims one organisation with statements queued and its backoff over, for `leaseMs`; every
   * organisation is held by one caller at a time.
   */
  claimForwarding(now: number, leaseMs: number): Promise<ForwardingClaim | undefined>;
  /** The oldest queued statement ids of an organisation. */
  queuedStatements(orgId: string, limit: number): Promise<string[]>;
  /**
   * Removes delivered ids from the queue. `done`: the batch is over, so the claim ends and the
   * failures reset; false when the claim was lost (another sender took over).
   */
  markForwarded(
    claim: ForwardingClaim,
    ids: string[],
    now: number,
    done: boolean,
  ): Promise<boolean>;
  /** Records a failed attempt, retried from `retryAt`, and ends the claim. */
  markForwardFailed(
    claim: ForwardingClaim,
    error: ForwardingError,
    retryAt: number,
    now: number,
  ): Promise<void>;
}

/**
 * Queues new statement ids for forwarding when the organisation forwards. Call inside the
 * transaction that stores them.
 */
export async function queueForwarding(tx: Tx, orgId: string, ids: string[], now: number) {
  if (ids.length === 0) return;
  const forwards = await valueAt(tx, 'xapi_forwarding', 'org_id', { org_id: orgId });
  if (forwards === undefined) return;
  await tx
    .insertInto('xapi_forward_queue')
    .values(ids.map((id) => ({ org_id: orgId, statement_id: id, queued_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const settingColumns = [
  'org_id as orgId',
  'endpoint',
  'key',
  'sealed_secret as sealedSecret',
  'home',
  'updated_at as updatedAt',
  'failures',
] as const;

export function xapiForwardingStore(db: Db): XapiForwardingStore {
  const held = (claim: ForwardingClaim) =>
    db
      .updateTable('xapi_forwarding')
      .where('org_id', '=', claim.orgId)
      .where('claim', '=', claim.claim);
  return {
    async getForwarding(orgId) {
      const row = await db
        .selectFrom('xapi_forwarding')
        .select([
          ...settingColumns,
          'next_attempt_at',
          'last_success_at',
          'last_error',
          'last_error_status',
          'last_error_at',
        ])
        .select((eb) =>
          eb
            .selectFrom('xapi_forward_queue')
            .select((q) => q.fn.countAll<number | string>().as('n'))
            .where('xapi_forward_queue.org_id', '=', orgId)
            .as('backlog'),
        )
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      if (!row) return undefined;
      const { next_attempt_at, last_success_at, last_error, last_error_status, last_error_at } =
        row;
      return {
        orgId: row.orgId,
        endpoint: row.endpoint,
        key: row.key,
        sealedSecret: row.sealedSecret,
        home: row.home,
        updatedAt: row.updatedAt,
        failures: row.failures,
        backlog: Number(row.backlog ?? 0),
        nextAttemptAt: next_attempt_at,
        lastSuccessAt: last_success_at,
        lastError:
          last_error === null
            ? null
            : { code: last_error, status: last_error_status, at: last_error_at ?? 0 },
      };
    },
    async saveForwarding(s) {
      await inTransaction(db, async (tx) => {
        const before = await rowAt(tx, 'xapi_forwarding', ['org_id'], { org_id: s.orgId });
        const values = {
          endpoint: s.endpoint,
          key: s.key,
          sealed_secret: s.sealedSecret,
          home: s.home,
          updated_at: s.updatedAt,
          next_attempt_at: s.updatedAt,
          failures: 0,
        };
        if (before) {
          await tx
            .updateTable('xapi_forwarding')
            .set(values)
            .where('org_id', '=', s.orgId)
            .execute();
          return;
        }
        // Left by an ingest that raced a delete: not events of this setting.
        await tx.deleteFrom('xapi_forward_queue').where('org_id', '=', s.orgId).execute();
        await tx
          .insertInto('xapi_forwarding')
          .values({ org_id: s.orgId, ...values })
          .execute();
      });
    },
    async deleteForwarding(orgId) {
      return inTransaction(db, async (tx) => {
        await tx.deleteFrom('xapi_forward_queue').where('org_id', '=', orgId).execute();
        const done = await deleteAt(tx, 'xapi_forwarding', { org_id: orgId });
        return Number(done.numDeletedRows) > 0;
      });
    },
    async claimForwarding(now, leaseMs) {
      const due = await db
        .selectFrom('xapi_forwarding as f')
        .select('f.org_id')
        .where('f.next_attempt_at', '<=', now)
        .where(leaseFree(now, 'f.claimed_until'))
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('xapi_forward_queue as q')
              .select('q.org_id')
              .whereRef('q.org_id', '=', 'f.org_id'),
          ),
        )
        .orderBy('f.next_attempt_at')
        .limit(5)
        .execute();
      const take = (orgId: string, lease: Lease) =>
        db
          .updateTable('xapi_forwarding')
          .set(lease)
          .where('org_id', '=', orgId)
          .where('next_attempt_at', '<=', now)
          .where(leaseFree(now))
          .executeTakeFirst();
      const read = (orgId: string) =>
        db
          .selectFrom('xapi_forwarding')
          .select(settingColumns)
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow();
      const orgIds = due.map((r) => r.org_id);
      for await (const setting of takeLeases(orgIds, now, leaseMs, take, read)) return setting;
      return undefined;
    },
    async queuedStatements(orgId, limit) {
      const rows = await db
        .selectFrom('xapi_forward_queue')
        .select('statement_id')
        .where('org_id', '=', orgId)
        .orderBy('queued_at')
        .orderBy('statement_id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.statement_id);
    },
    async markForwarded(claim, ids, now, done) {
      return inTransaction(db, async (tx) => {
        const mine = await tx
          .updateTable('xapi_forwarding')
          .set({
            last_success_at: now,
            failures: 0,
            ...(done ? { claim: null, claimed_until: null, next_attempt_at: now } : {}),
          })
          .where('org_id', '=', claim.orgId)
          .where('claim', '=', claim.claim)
          .executeTakeFirst();
        if (Number(mine.numUpdatedRows) === 0) return false;
        if (ids.length)
          await tx
            .deleteFrom('xapi_forward_queue')
            .where('org_id', '=', claim.orgId)
            .where('statement_id', 'in', ids)
            .execute();
        return true;
      });
    },
    async markForwardFailed(claim, error, retryAt, now) {
      await held(claim)
        .set({
          claim: null,
          claimed_until: null,
          next_attempt_at: retryAt,
          failures: claim.failures + 1,
          last_error: error.code,
          last_error_status: error.status,
          last_error_at: now,
        })
        .execute();
    },
  };
}
