/** The LRS at /xapi (issue 19): headers, CORS and credentials. */
import { describe, expect, it } from 'vitest';
import { clientFor } from '../support/api';
import { lrsClient, lrsClientWith } from '../support/lrs';
import { sessionCookie } from '../support/sessions';
import { type Json, ADL, statement } from '../support/xapi-statement';
import { store, app, lrs, post, ids, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

describe('headers, CORS and credentials', () => {
  it('requires the version header except on /about', async () => {
    const res = await lrs.request('GET', '/statements', undefined, {
      'x-experience-api-version': '',
    });
    expect(res.status).toBe(400);
    expect(
      (await lrs.request('GET', '/statements', undefined, { 'x-experience-api-version': '0.9' }))
        .status,
    ).toBe(400);
    const about = await app.request('http://localhost/xapi/about');
    expect(about.status).toBe(200);
    expect(((await about.json()) as { version: string[] }).version).toContain('2.0.0');
    expect(about.headers.get('x-experience-api-version')).toBe('2.0.0');
  });

  it('answers CORS preflights from any origin', async () => {
    const res = await app.request('http://localhost/xapi/statements', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://course.example.com',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, x-experience-api-version, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-Experience-API-Version/i);
  });

  it('answers 401 with a Basic challenge without valid credentials', async () => {
    const wrong = lrsClientWith(app, lrs.key, 'wrong-secret');
    const res = await wrong.request('GET', '/statements');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await lrsClientWith(app, 'nobody', 'x').request('GET', '/statements')).status).toBe(
      401,
    );
  });

  it('lets a read credential read but not write', async () => {
    const reader = await lrsClient(app, store, 'read');
    expect((await reader.request('GET', '/statements')).status).toBe(200);
    expect((await reader.request('POST', '/statements', statement())).status).toBe(403);
  });

  it('keeps each organisation to its own statements', async () => {
    const [id] = (await (await post(statement())).json()) as string[];
    const globex = await lrsClient(app, store, 'all', 'u-globex-admin');
    expect((await globex.request('GET', `/statements?statementId=${id}`)).status).toBe(404);
    expect(await ids(await globex.request('GET', '/statements'))).toEqual([]);
    // The same id in another organisation is another statement, not a conflict.
    expect(
      (await globex.request('POST', '/statements', statement({ id, verb: { id: `${ADL}failed` } })))
        .status,
    ).toBe(200);
  });

  it('lists credentials without secrets and stops a revoked one at once', async () => {
    const admin = clientFor(app, await sessionCookie(store, 'u-demo-admin'));
    const listed = (await (await admin.get('/api/v1/admin/lrs-credentials')).json()) as {
      credentials: Json[];
    };
    expect(listed.credentials).toHaveLength(1);
    expect(JSON.stringify(listed.credentials)).not.toContain(lrs.secret);
    const id = listed.credentials[0]!.id as string;
    expect((await admin.post(`/api/v1/admin/lrs-credentials/${id}/revoke`, {})).status).toBe(200);
    expect((await lrs.request('GET', '/statements')).status).toBe(401);
    expect((await admin.post(`/api/v1/admin/lrs-credentials/${id}/revoke`, {})).status).toBe(404);
  });
});
