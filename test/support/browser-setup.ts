/**
 * Runs once before the browser project: without Chromium it fails at once, with one line naming
 * the command that installs it, instead of a stack of launch errors from every test file.
 */
import { existsSync } from 'node:fs';
import { executablePath } from './browser';

export default function setup(): void {
  if (existsSync(executablePath)) return;
  const error = new Error(
    `No Chromium at ${executablePath}: install it with \`apt-get install -y chromium\` ` +
      '(or set CHROME_PATH to a Chromium or Chrome binary).',
  );
  error.stack = error.message; // one line, not a stack trace
  throw error;
}
