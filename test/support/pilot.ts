/** Demo Co's pilots over its pilot cohort, made through the API. */
import { expect } from 'vitest';
import type { Client } from './api';
import type { RunningServer } from './server';
import { sessionCookie } from './sessions';

/** Creates a pilot of Demo Co's pilot cohort as `admin` (the API's defaults for what is left out); the 201 response. */
export async function createPilot(
  admin: Client,
  pilot: { name: string; startDate: string; weeks?: number; goals?: unknown[] },
): Promise<Response> {
  const res = await admin.post('/api/v1/pilot/pilots', { ...pilot, cohortIds: ['demo-co-pilot'] });
  expect(res.status).toBe(201);
  return res;
}

/** A running pilot for Demo Co, started two weeks ago. */

export async function startDemoPilot(server: RunningServer): Promise<void> {
  const cookie = await sessionCookie(server.store, 'u-demo-admin');
  const res = await fetch(`${server.url}/api/v1/pilot/pilots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: server.url },
    body: JSON.stringify({
      name: 'Autumn pilot',
      startDate: new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10),
      weeks: 12,
      cohortIds: ['demo-co-pilot'],
      goals: [{ metric: 'weeklyActivePct', op: '>=', target: 70 }],
    }),
  });
  if (!res.ok) throw new Error(`pilot: ${res.status} ${await res.text()}`);
}
