/**
 * Real API processes for scale-out tests and benches: `node --import tsx src/server/main.ts` (one
 * process, so its pid is the server's own) on a free port of 127.0.0.1, with the environment
 * given (e.g. DATABASE_URL with ?schema=).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server';

export interface ApiProcess {
  url: string;
  pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends SIGTERM (SIGKILL after 5 s) and waits for the exit. */
  stop(): Promise<void>;
  /** The exit code once the process has ended (null when a signal ended it). */
  exited: Promise<number | null>;
}

export function startApiProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ApiProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/server/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        STATIC_DIR: join(ROOT, 'no-static-dir'),
        NODE_ENV: 'test',
        SEED_DEMO: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`API process did not start in ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const port = /running at http:\/\/localhost:(\d+)/.exec(text)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid: child.pid!,
          output: () => text,
          stop,
          exited,
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API process exited with ${code} before listening:\n${text}`));
    });
  });
}

/** Signs in with a demo password on `server`; returns the session cookie (`name=value`). */
export async function signInTo(server: { url: string }, email = 'learner@demo.test') {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'learn-daily' }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
