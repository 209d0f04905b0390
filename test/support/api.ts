/**
 * Drives the Hono app through app.request (no socket), with a cookie jar per signed-in person.
 * Like the browser running the app, it says where a change comes from: every request but GET
 * carries the app's `Origin` (a browser sends it on same-origin POST/PUT/DELETE too).
 */
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import { uuidv7 } from '../../src/core/uuidv7';
import type { ProgressEvent } from '../../src/core/events';

export type App = ReturnType<typeof createApp>;

export interface Client {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  put(path: string, body: unknown): Promise<Response>;
  delete(path: string): Promise<Response>;
}

/** A client of `app`, or (given a URL such as http://127.0.0.1:8080) of a server over HTTP. */
export function clientFor(app: App | string, cookie = ''): Client {
  const origin = typeof app === 'string' ? app : 'http://localhost';
  const send = typeof app === 'string' ? fetch : app.request;
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    await send(`${origin}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { origin }),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    cookie,
    get: (p) => call('GET', p),
    post: (p, b, h) => call('POST', p, b, h),
    put: (p, b) => call('PUT', p, b),
    delete: (p) => call('DELETE', p),
  };
}

export async function signInAs(app: App, email: string, password = 'learn-daily'): Promise<Client> {
  const res = await clientFor(app).post('/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return clientFor(app, cookie);
}

let seq = 0;
/**
 * A lesson event of the test device. Without an instant, a start is dated as long before now as
 * a completion's duration (200 s), so a start and a completion made together are a lesson taken
 * at reading pace (a completion counts only after its start: src/core/plausibility.ts).
 */
export function lessonEvent(
  type: 'lesson_started' | 'lesson_completed',
  lessonId: string,
  occurredAt = new Date(Date.now() - (type === 'lesson_started' ? 200_000 : 0)).toISOString(),
  deviceId = 'device-test-1',
): ProgressEvent {
  seq++;
  const base = { id: uuidv7(), occurredAt, tz: 'Europe/Berlin', deviceId, seq };
  return type === 'lesson_completed'
    ? { ...base, type, lessonId, durationMs: 200_000 }
    : { ...base, type, lessonId };
}

export function syncBody(
  events: unknown[],
  deviceId = 'device-test-1',
  sentAt = new Date().toISOString(),
) {
  return { deviceId, sentAt, events };
}

export type { Store };
