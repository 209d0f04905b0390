/** The LRS at /xapi (issue 19): the state, activity profile and agent profile document resources. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Json, ann, bob, course, statement } from '../support/xapi-statement';
import { lrs, post, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

describe('document resources', () => {
  const agent = encodeURIComponent(JSON.stringify(ann));
  const activity = encodeURIComponent(course);
  const state = `/activities/state?activityId=${activity}&agent=${agent}`;
  const json = { 'content-type': 'application/json' };

  it('keeps State per activity, agent and registration, merges JSON on POST, lists ids since', async () => {
    const reg = randomUUID();
    expect((await lrs.request('PUT', `${state}&stateId=bookmark`, { page: 3 })).status).toBe(204);
    expect(
      (await lrs.request('PUT', `${state}&registration=${reg}&stateId=bookmark`, { page: 9 }))
        .status,
    ).toBe(204);
    expect((await lrs.request('POST', `${state}&stateId=bookmark`, { done: false })).status).toBe(
      204,
    );
    const res = await lrs.request('GET', `${state}&stateId=bookmark`);
    expect(await res.json()).toEqual({ page: 3, done: false });
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    const other = await lrs.request('GET', `${state}&registration=${reg}&stateId=bookmark`);
    expect(await other.json()).toEqual({ page: 9 });
    expect(await (await lrs.request('GET', state)).json()).toEqual(['bookmark']);
    const later = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect(await (await lrs.request('GET', `${state}&since=${later}`)).json()).toEqual([]);
    expect((await lrs.request('DELETE', state)).status).toBe(204);
    expect((await lrs.request('GET', `${state}&stateId=bookmark`)).status).toBe(404);
  });

  it('stores any content type as sent and refuses to merge what is not JSON', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(
      (
        await lrs.request('PUT', `${state}&stateId=blob`, bytes, {
          'content-type': 'application/octet-stream',
        })
      ).status,
    ).toBe(204);
    const res = await lrs.request('GET', `${state}&stateId=blob`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect((await lrs.request('POST', `${state}&stateId=blob`, { a: 1 })).status).toBe(400);
    expect((await lrs.request('PUT', `${state}&stateId=bad`, '{"a":', json)).status).toBe(400);
  });

  it('guards profiles with ETags: 409 without a precondition, 412 when it fails', async () => {
    const profile = `/activities/profile?activityId=${activity}&profileId=settings`;
    expect((await lrs.request('PUT', profile, { v: 1 }, { 'if-none-match': '*' })).status).toBe(
      204,
    );
    const etag = (await lrs.request('GET', profile)).headers.get('etag')!;
    expect((await lrs.request('PUT', profile, { v: 2 })).status).toBe(409);
    expect((await lrs.request('PUT', profile, { v: 2 }, { 'if-none-match': '*' })).status).toBe(
      412,
    );
    expect((await lrs.request('PUT', profile, { v: 2 }, { 'if-match': '"stale"' })).status).toBe(
      412,
    );
    expect((await lrs.request('PUT', profile, { v: 2 }, { 'if-match': etag })).status).toBe(204);
    expect(await (await lrs.request('GET', profile)).json()).toEqual({ v: 2 });
    expect((await lrs.request('DELETE', profile, undefined, { 'if-match': etag })).status).toBe(
      412,
    );
  });

  it('keeps Agent Profiles per agent and answers the Agents and Activities resources', async () => {
    const profile = `/agents/profile?agent=${agent}&profileId=prefs`;
    expect((await lrs.request('PUT', profile, { theme: 'dark' })).status).toBe(204);
    const bobs = `/agents/profile?agent=${encodeURIComponent(JSON.stringify(bob))}&profileId=prefs`;
    expect((await lrs.request('GET', bobs)).status).toBe(404);
    const person = (await (await lrs.request('GET', `/agents?agent=${agent}`)).json()) as Json;
    expect(person).toEqual({ objectType: 'Person', name: ['Ann'], mbox: [ann.mbox] });
    await post(statement());
    const found = (await (
      await lrs.request('GET', `/activities?activityId=${activity}`)
    ).json()) as Json;
    expect(found).toMatchObject({ id: course, definition: { name: { de: 'Sicherheit' } } });
  });

  it('refuses missing or malformed keys with 400', async () => {
    for (const path of [
      '/activities/state?stateId=x',
      `/activities/state?activityId=${activity}&stateId=x`,
      `/activities/state?activityId=nope&agent=${agent}&stateId=x`,
      `${state}&registration=1&stateId=x`,
      `${state}&since=soon`,
      '/agents/profile?profileId=x',
      '/activities',
      '/agents?agent={}',
    ])
      expect((await lrs.request('GET', path)).status, path).toBe(400);
  });
});
