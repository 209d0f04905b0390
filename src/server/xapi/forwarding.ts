/**
 * The forwarding sender (issue 19): in every server process, a loop that sends each
 * organisation's queued statements to its own LRS in batches.
 *
 * One round: claim an organisation that has statements queued and whose backoff is over (the
 * store hands it to one process at a time, for a lease), send its oldest `batchSize` statements
 * as one POST of a JSON list to `<endpoint>/statements`, and record the outcome:
 *
 * - 200/204: delivered, removed from the queue, the next batch goes at once;
 * - 409: the LRS already has one of the ids with other content (a lesson renamed since an
 *   earlier send that the crash kept us from recording), and refused the whole list; each is then
 *   PUT alone, where 204 and 409 both mean the LRS has that id;
 * - anything else (no connection, a timeout, 5xx, a refused key): nothing is removed, the error
 *   is kept for the admin screen and the organisation waits `baseBackoffMs × 2^failures` (at most
 *   `maxBackoffMs`), a time stored in the database, so a restart keeps the backoff.
 *
 * A crash between the LRS's answer and the store's record sends the batch again; statement ids
 * are the events' ids, so a conformant LRS stores each once.
 */
import { unseal } from '../auth/secrets';
import type { ForwardingClaim, ForwardingError, Store } from '../store/store';
import { sendStatements, type ForwardingErrorCode } from './forward-target';
import { statementsOf } from './statement-read';

export interface ForwardingOptions {
  /** How often an idle sender looks for work. */
  pollMs: number;
  batchSize: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a claim holds; a crashed sender's batch goes again after it. */
  leaseMs: number;
  /** Per request to the LRS. */
  timeoutMs: number;
  /** `XAPI_FORWARD_ALLOW_PRIVATE=1`: http and private addresses (see forward-target.ts). */
  allowPrivate: boolean;
}

export const FORWARDING_DEFAULTS: ForwardingOptions = {
  pollMs: 5_000,
  batchSize: 100,
  baseBackoffMs: 10_000,
  maxBackoffMs: 3_600_000,
  leaseMs: 120_000,
  timeoutMs: 30_000,
  allowPrivate: false,
};

export function forwardingFromEnv(env: NodeJS.ProcessEnv): ForwardingOptions {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const leaseMs = number('XAPI_FORWARD_LEASE_MS', FORWARDING_DEFAULTS.leaseMs);
  return {
    pollMs: number('XAPI_FORWARD_POLL_MS', FORWARDING_DEFAULTS.pollMs),
    batchSize: Math.min(500, number('XAPI_FORWARD_BATCH', FORWARDING_DEFAULTS.batchSize)),
    baseBackoffMs: number('XAPI_FORWARD_BACKOFF_MS', FORWARDING_DEFAULTS.baseBackoffMs),
    maxBackoffMs: number('XAPI_FORWARD_MAX_BACKOFF_MS', FORWARDING_DEFAULTS.maxBackoffMs),
    leaseMs,
    // A request ends well within its claim, so a claim runs out only when its sender is gone.
    timeoutMs: Math.min(FORWARDING_DEFAULTS.timeoutMs, leaseMs / 2),
    allowPrivate: env.XAPI_FORWARD_ALLOW_PRIVATE === '1',
  };
}

type Json = Record<string, unknown>;

/** A statement as another LRS takes it: `stored`, `authority` and `version` are that LRS's to set. */
function forwardable(statement: Json): Json {
  const { stored: _stored, authority: _authority, version: _version, ...rest } = statement;
  return rest;
}

function errorOf(outcome: number | ForwardingError): ForwardingError {
  if (typeof outcome !== 'number') return outcome;
  const code: ForwardingErrorCode =
    outcome === 401 || outcome === 403 ? 'credentials' : outcome === 400 ? 'rejected' : 'status';
  return { code, status: outcome };
}

const delivered = (outcome: number | ForwardingError) => outcome === 200 || outcome === 204;

/** One batch of one organisation; false when no organisation had work. */
export async function forwardOnce(
  store: Store,
  options: ForwardingOptions,
  now: () => number,
): Promise<boolean> {
  const claim = await store.claimForwarding(now(), options.leaseMs);
  if (!claim) return false;
  const failed = (outcome: number | ForwardingError, done: string[] = []) =>
    done.length
      ? store
          .markForwarded(claim, done, now(), false)
          .then(() => store.markForwardFailed(claim, errorOf(outcome), retryAt(claim), now()))
      : store.markForwardFailed(claim, errorOf(outcome), retryAt(claim), now());
  const retryAt = (c: ForwardingClaim) =>
    now() + Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** Math.min(c.failures, 30));
  let secret: string;
  try {
    secret = unseal(claim.sealedSecret);
  } catch {
    await failed({ code: 'secret' satisfies ForwardingErrorCode, status: null });
    return true;
  }
  const ids = await store.queuedStatements(claim.orgId, options.batchSize);
  const rows = await store.getStatements(claim.orgId, ids);
  const statements = (await statementsOf(store, rows, claim.home)).map(forwardable);
  const send = (method: 'POST' | 'PUT', body: unknown, query?: string) =>
    sendStatements({
      method,
      endpoint: claim.endpoint,
      ...(query ? { query } : {}),
      key: claim.key,
      secret,
      body,
      timeoutMs: options.timeoutMs,
      allowPrivate: options.allowPrivate,
    });
  // An id whose statement is gone has nothing to send: it counts as delivered.
  const found = new Set(rows.map((r) => r.id));
  const done = ids.filter((id) => !found.has(id));
  const outcome = statements.length ? await send('POST', statements) : 200;
  if (outcome === 409) {
    for (const statement of statements) {
      const id = String(statement.id);
      const one = await send('PUT', statement, `?statementId=${encodeURIComponent(id)}`);
      if (!delivered(one) && one !== 409) {
        await failed(one, done);
        return true;
      }
      done.push(id);
    }
  } else if (!delivered(outcome)) {
    await failed(outcome, done);
    return true;
  }
  await store.markForwarded(claim, ids, now(), true);
  return true;
}

/**
 * Runs `forwardOnce` while there is work, then every `pollMs`. `stop` ends the loop (a batch in
 * flight finishes or, if the process ends first, goes again after its lease).
 */
export function startForwarding(
  store: Store,
  options: ForwardingOptions,
  now: () => number = Date.now,
): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    try {
      while (!stopped && (await forwardOnce(store, options, now)));
    } catch (err) {
      if (!stopped) console.error('xapi forwarding:', (err as Error).message);
    }
    if (!stopped) timer = setTimeout(() => void round(), options.pollMs);
  };
  void round();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
