/**
 * A change made with the session cookie must come from this site (issue 17). The session cookie
 * is SameSite=Lax, but a page on another site (or a sibling subdomain) can still post a
 * `text/plain` form or fetch with no preflight; and a browser or proxy may leave Origin out. Here:
 * without `Origin` (or with a foreign one) a write is refused 403 with a phrase, `Sec-Fetch-Site:
 * same-origin` is accepted in its place, reads are not asked, and machine clients with their own
 * credentials (SCIM bearer tokens) are not asked either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import { signInAs, type App } from '../support/api';
import { issueScimToken, USER } from '../support/scim';
import { demoStore } from '../support/server';

let store: Store;
let app: App;
let cookie: string;

beforeAll(async () => {
  store = await demoStore();
  app = createApp({ store });
  cookie = (await signInAs(app, 'learner@demo.test')).cookie;
});
afterAll(async () => {
  await store.close();
});

/** What a form with enctype=text/plain on another site sends: the cookie, a JSON-looking body. */
const putAlias = (headers: Record<string, string>) =>
  app.request('http://localhost/api/v1/me/board-profile', {
    method: 'PUT',
    headers: { cookie, 'content-type': 'text/plain', ...headers },
    body: JSON.stringify({ alias: 'Pwned', hidden: false }),
  });
const alias = async () => (await store.getBoardProfile('u-demo-learner')).alias;

describe('a change made with the session cookie', () => {
  it('is refused 403 with a phrase when it does not say where it comes from', async () => {
    const res = await putAlias({});
    expect(res.status).toBe(403);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'bad_origin', key: 'error.originRequired' });
    expect(await alias()).toBeNull();
  });

  it('is refused when it comes from another site or says so', async () => {
    for (const headers of <Array<Record<string, string>>>[
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'none' },
    ]) {
      expect((await putAlias(headers)).status, JSON.stringify(headers)).toBe(403);
    }
    expect(await alias()).toBeNull();
  });

  it('goes through from the app: its Origin, or Sec-Fetch-Site same-origin', async () => {
    expect((await putAlias({ origin: 'http://localhost' })).status).toBe(200);
    expect(await alias()).toBe('Pwned');
    expect((await putAlias({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('leaves reads alone, and signing out without Origin is refused too', async () => {
    const read = await app.request('http://localhost/api/v1/me', { headers: { cookie } });
    expect(read.status).toBe(200);
    const out = await app.request('http://localhost/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie },
    });
    expect(out.status).toBe(403);
    expect((await app.request('http://localhost/api/v1/me', { headers: { cookie } })).status).toBe(
      200,
    );
  });
});

describe('machine clients with their own credentials', () => {
  it('are not asked for an Origin: a directory provisions over SCIM with its bearer token', async () => {
    const token = await issueScimToken(app, store, 'u-demo-admin');
    const res = await app.request('http://localhost/scim/v2/Users', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: [USER],
        userName: 'csrf.exempt@demo.test',
        active: true,
        emails: [{ primary: true, value: 'csrf.exempt@demo.test' }],
        name: { givenName: 'Exempt', familyName: 'Client' },
      }),
    });
    expect(res.status).toBe(201);
  });
});
