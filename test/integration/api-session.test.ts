import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { clientFor, lessonEvent, signInAs, syncBody } from '../support/api';
import { app, LESSON, useApiApp } from '../support/api-app';

useApiApp();

describe('health', () => {
  it('answers ok when the store answers', async () => {
    const res = await clientFor(app).get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('sign-in', () => {
  it('signs in with the right password and sets a safe session cookie', async () => {
    const res = await clientFor(app).post('/api/v1/auth/login', {
      email: 'Learner@Demo.test',
      password: 'learn-daily',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({
      email: 'learner@demo.test',
      role: 'learner',
      orgId: 'demo-co',
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a wrong password with 401 and no cookie', async () => {
    const res = await clientFor(app).post('/api/v1/auth/login', {
      email: 'learner@demo.test',
      password: 'nope',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({
      error: {
        code: 'bad_credentials',
        message: 'That email and password do not match.',
        key: 'error.badCredentials',
      },
    });
  });

  it('sets Secure on the cookie outside localhost', async () => {
    const res = await app.request('https://learn.example.com/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'learner@demo.test', password: 'learn-daily' }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('slows rapid bad sign-ins: after five failures from one address, 429 with Retry-After', async () => {
    // The clock stands still: the first wait is a second, which a loaded machine can outlast
    // between two attempts.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    onTestFinished(() => void vi.useRealTimers());
    const answers = [];
    for (let i = 0; i < 11; i++)
      answers.push(
        await clientFor(app).post('/api/v1/auth/login', {
          email: 'learner@demo.test',
          password: `bad-${i}`,
        }),
      );
    // Five free failures; the sixth is checked and sets a wait; the rest are refused unchecked.
    expect(answers.map((a) => a.status)).toEqual([...Array(6).fill(401), ...Array(5).fill(429)]);
    expect(answers.at(-1)!.headers.get('retry-after')).toBe('1');
  });

  it('ends the session on logout', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    expect((await learner.get('/api/v1/me')).status).toBe(200);
    expect((await learner.post('/api/v1/auth/logout', {})).status).toBe(200);
    expect((await learner.get('/api/v1/me')).status).toBe(401);
  });

  it('asks for sign-in on every private route', async () => {
    for (const path of [
      '/api/v1/me',
      '/api/v1/catalog',
      `/api/v1/modules/giving-feedback`,
      '/api/v1/me/state',
    ]) {
      const res = await clientFor(app).get(path);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
  });
});

describe('organisations are isolated', () => {
  it("never shows one organisation's progress to another", async () => {
    const demo = await signInAs(app, 'learner@demo.test');
    const globex = await signInAs(app, 'learner@globex.test');
    const event = lessonEvent('lesson_completed', LESSON);
    await demo.post('/api/v1/sync', syncBody([event]));

    // Globex cannot read it, and cannot claim the same event id as its own.
    expect((await (await globex.get('/api/v1/me/state')).json()).completedLessonIds).toEqual([]);
    const stolen = await (await globex.post('/api/v1/sync', syncBody([event]))).json();
    expect(stolen.results[0]).toMatchObject({ status: 'rejected', reason: 'conflict' });
    expect((await (await globex.get('/api/v1/me')).json()).user.orgId).toBe('globex');
  });
});

describe('security headers', () => {
  it('sends a strict CSP and friends on every response', async () => {
    const res = await clientFor(app).get('/api/v1/health');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
