import { teamSetup } from './team-view';
import { clientFor } from '../test/support/api';
import { sessionCookie } from '../test/support/sessions';
const { store, app, learner, dispose } = await teamSetup(49, 100);
const client = clientFor(app, await sessionCookie(store, 'u-demo-manager'));
const me = clientFor(app, await sessionCookie(store, learner));
for (let i = 0; i < 30; i++) { await (await client.get('/api/v1/team')).arrayBuffer(); await (await me.get('/api/v1/me/state')).arrayBuffer(); }
const per = new Map<string, number>();
const stop = store.watchQueries((s, ms) => per.set(s.slice(0, 70), (per.get(s.slice(0, 70)) ?? 0) + ms));
for (let i = 0; i < 100; i++) await (await client.get('/api/v1/team')).arrayBuffer();
stop();
for (const [s, ms] of [...per].sort((a, b) => b[1] - a[1])) console.log((ms / 100).toFixed(3), s);
let t = performance.now(); for (let i = 0; i < 100; i++) await (await client.get('/api/v1/team')).arrayBuffer(); console.log('team ms', (performance.now() - t) / 100);
t = performance.now(); for (let i = 0; i < 100; i++) await (await me.get('/api/v1/me/state')).arrayBuffer(); console.log('me ms', (performance.now() - t) / 100);
const { Session } = await import('node:inspector/promises'); const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let i = 0; i < 300; i++) await (await client.get('/api/v1/team')).arrayBuffer();
const { profile } = await s.post('Profiler.stop'); (await import('node:fs')).writeFileSync('/tmp/team.cpuprofile', JSON.stringify(profile));
await store.close(); await dispose();
