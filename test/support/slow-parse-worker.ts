/**
 * A parse that never ends, for the upload time-limit test: it marks a file (KINDLING_SLOW_PARSE_MARK)
 * when it starts, so the test knows the worker is busy, then spins without yielding.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => {
  writeFileSync(process.env.KINDLING_SLOW_PARSE_MARK!, 'parsing');
  for (;;) {
    // a pathological pattern, as the event loop of the request thread must never see one
  }
});
