/** A running pilot for Demo Co (started two weeks ago, the pilot cohort), made through the API. */
import type { RunningServer } from './server';
import { sessionCookie } from './sessions';

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
