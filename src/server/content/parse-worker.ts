/**
 * The body of the upload-parsing worker thread (off-thread.ts): jobs in, results out, one at a
 * time. Kept free of anything but the parsers, so a stuck parse harms nobody else.
 */
import { parentPort } from 'node:worker_threads';
import { parseHrCsv } from '../pilot/hr-csv';
import type { ParseJob } from './off-thread';
import { checkUpload } from './upload';

parentPort!.on('message', (job: ParseJob) => {
  const result =
    job.kind === 'module'
      ? checkUpload(job.file, job.source, { competencies: job.competencies })
      : parseHrCsv(job.text, job.knownEmails ? new Set(job.knownEmails) : undefined);
  parentPort!.postMessage(result);
});
