/**
 * SQLite's WAL checkpoints, off the request thread. A commit appends the pages it changed to the
 * write-ahead log; a checkpoint copies them into the database file and syncs it to disk. Left to
 * SQLite, the commit that takes the log past 1,000 pages runs the checkpoint itself, on the event
 * loop, two fsyncs included: every twentieth-odd sync stalled for it (and everyone queued behind).
 *
 * Here a second connection in a worker thread runs a PASSIVE checkpoint (it never blocks the
 * writer) every `everyMs`; the store's own connection checkpoints only as a backstop, should the
 * log pass `BACKSTOP_PAGES` (a stopped or lagging worker can never let the log grow unbounded).
 * Nothing about durability changes: a commit is in the log before it is answered, as before.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The store's own connection checkpoints once the log holds this many pages (~40 MB). */
export const BACKSTOP_PAGES = 10_000;

const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage({ error: String(err && err.message) }); }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  /** Stops the worker after a last checkpoint; resolves once its connection is closed. */
  stop(): Promise<void>;
}

/** Moves the checkpoints of the WAL database `raw` (a file) to a worker thread. */
export function checkpointOffThread(raw: BetterSqlite3.Database, everyMs = 250): Checkpointer {
  raw.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: raw.name,
      everyMs,
    },
  });
  worker.on('message', (m: { error?: string }) => {
    if (m.error) console.error('sqlite: background checkpoint failed:', m.error);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (err) => console.error('sqlite: checkpoint worker stopped:', err.message));
  // After the listeners (adding one refs the worker again): a store left open (a test, a crash)
  // must not keep the process alive.
  worker.unref();
  return {
    stop() {
      worker.ref(); // until it has closed its connection
      worker.postMessage('stop');
      return exited;
    },
  };
}
