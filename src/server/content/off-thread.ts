/**
 * Uploads are parsed off the request thread, with a time limit. A module file or an HR export is
 * handed to a worker thread; the event loop keeps answering everyone else (health, syncs) while it
 * runs, and a parse that outlasts the limit is stopped (the worker terminated, a fresh one started
 * for the next upload) and answered 422 `upload_too_slow` with a phrase. The parsers themselves are
 * linear (issue 17's ReDoS check); this bounds what a future pattern or a huge input could cost.
 *
 * One warm worker takes jobs one at a time: starting one (loading TypeScript, markdown-it, zod)
 * takes seconds on a busy machine, so it is started once and reused; the limit counts from the
 * moment a job reaches a ready worker. The worker runs TypeScript the way the server does: under
 * `tsx src/server/main.ts` and in the tests alike, the bootstrap registers tsx's ESM loader in the
 * worker and imports parse-worker.ts.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../../core/content';
import { ApiError } from '../errors';
import type { HrParseResult } from '../pilot/hr-csv';
import type { ParseResult } from './parse';

export type ParseJob =
  | { kind: 'module'; file: string; source: string; competencies: Catalog['competencies'] }
  | { kind: 'hr'; text: string; knownEmails?: string[] };

type ResultOf<J extends ParseJob> = J extends { kind: 'module' } ? ParseResult : HrParseResult;

export interface UploadParsing {
  /** How long one upload may take to parse once it reaches a ready worker. */
  timeoutMs: number;
  /** The worker's module; tests point it at a deliberately slow one. */
  entry: URL;
}

/**
 * Compiled (`npm run build`: build/server/main.js beside build/server/parse-worker.js) the worker
 * is plain JavaScript; from the sources (tsx, tests) it is parse-worker.ts under tsx's loader.
 */
const compiled = import.meta.url.endsWith('.js');

export const DEFAULT_UPLOAD_PARSING: UploadParsing = {
  timeoutMs: 5_000,
  entry: new URL(compiled ? './parse-worker.js' : './parse-worker.ts', import.meta.url),
};

const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
(workerData.tsx ? import(workerData.tsx).then((tsx) => tsx.register()) : Promise.resolve())
  .then(() => import(workerData.entry))
  .then(() => parentPort.postMessage({ ready: true }))
  .catch((err) => { setImmediate(() => { throw err; }); });
`;

/** tsx's ESM register API (its package exports it for `import` as dist/esm/api/index.mjs). */
const tsxApi = (): string => {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist/esm/api/index.mjs')).href;
};

interface Pending {
  job: ParseJob;
  resolve: (result: unknown) => void;
  reject: (err: unknown) => void;
}

/** One worker thread, started on first use, taking jobs one at a time. */
export class UploadParser {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly queue: Pending[] = [];
  private busy = false;

  constructor(private readonly parsing: UploadParsing = DEFAULT_UPLOAD_PARSING) {}

  /** Parses one upload in the worker; 422 `upload_too_slow` when it outlasts the limit. */
  parse<J extends ParseJob>(job: J): Promise<ResultOf<J>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (r: unknown) => void, reject });
      void this.next();
    });
  }

  /** Starts the worker now (the server does at start-up), so the first upload does not wait. */
  warm(): Promise<unknown> {
    return this.start().catch(() => undefined);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        execArgv: [],
        workerData: {
          tsx: this.parsing.entry.pathname.endsWith('.ts') ? tsxApi() : null,
          entry: this.parsing.entry.href,
        },
      });
      worker.unref();
      this.worker = worker;
      const failed = (err: unknown) => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = undefined;
        }
        reject(err instanceof Error ? err : new Error(`upload parser exited (${String(err)})`));
      };
      worker.once('message', () => {
        worker.off('error', failed);
        worker.off('exit', failed);
        resolve(worker);
      });
      worker.once('error', failed);
      worker.once('exit', failed);
    });
    return this.ready;
  }

  private async next(): Promise<void> {
    if (this.busy) return;
    const pending = this.queue.shift();
    if (!pending) return;
    this.busy = true;
    try {
      const worker = await this.start();
      pending.resolve(await this.run(worker, pending.job));
    } catch (err) {
      pending.reject(err);
    } finally {
      this.busy = false;
      void this.next();
    }
  }

  private run(worker: Worker, job: ParseJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
      };
      const onMessage = (result: unknown) => {
        done();
        resolve(result);
      };
      const onFailure = (err: unknown) => {
        done();
        this.worker = undefined;
        this.ready = undefined;
        reject(err instanceof Error ? err : new Error(`upload parser exited (${String(err)})`));
      };
      const timer = setTimeout(() => {
        done();
        // A stuck parse cannot be interrupted inside the worker: the worker goes, a new one comes.
        void this.close();
        reject(
          new ApiError(422, 'upload_too_slow', 'error.uploadTooSlow', {
            count: Math.max(1, Math.round(this.parsing.timeoutMs / 1000)),
          }),
        );
      }, this.parsing.timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onFailure);
      worker.once('exit', onFailure);
      worker.postMessage(job);
    });
  }
}
