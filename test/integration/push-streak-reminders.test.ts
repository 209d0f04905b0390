/**
 * Web Push reminders end to end on this machine: a device subscribes through the API, the
 * reminder run sends to a local HTTPS push endpoint, and the test — playing the browser —
 * checks the VAPID signature (RFC 8292) and decrypts the aes128gcm payload (RFC 8291) with the
 * subscription's private key. Also: one reminder a day, none when the goal is met or it is not
 * evening yet, and a subscription the push service calls gone is dropped. A manager's nudge
 * reaches the report's device the same way, naming the manager; without an opt-in (or when the
 * push service fails) the report still gets the in-app notification. Each device's push is worded
 * in the language its app subscribed with (English when it did not say), and follows a change:
 * the app's social store sends its locale when it subscribes and when the learner picks another.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/uuidv7';
import { createApp } from '../../src/server/app';
import { sendStreakReminders } from '../../src/server/push';
import { knownDevice, signInAs, syncBody } from '../support/api';
import { withStarts } from '../support/starts';
import * as webPush from '../support/push-endpoint';

webPush.usePushEndpoint();

/** The streak reminder run at `now`, sending to the local push endpoint. */
const remindAt = (now: number) =>
  sendStreakReminders({ store: webPush.store, vapid: webPush.vapid, now, ...webPush.local() });

describe('streak reminders by Web Push', () => {
  it('sends one correctly encrypted, VAPID-signed reminder in the learner’s evening', async () => {
    await webPush.subscribe();
    const run = await remindAt(webPush.EVENING);
    expect(run).toEqual({ sent: 1, removed: 0, failed: 0 });
    expect(webPush.received).toHaveLength(1);
    const [push] = webPush.received as [webPush.Received];
    expect(push.path).toBe(new URL(webPush.device.endpoint).pathname);
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    webPush.checkVapid(String(push.headers.authorization));
    expect(JSON.parse(webPush.decrypt(push.body))).toEqual({
      title: 'A few minutes today?',
      body: 'One lesson to reach today’s goal.',
      url: '/',
    });
    // Once a day per device, whichever process runs it.
    expect(await remindAt(webPush.EVENING + 60_000)).toEqual({
      sent: 0,
      removed: 0,
      failed: 0,
    });
  });

  it('words the reminder in the language each device subscribed with', async () => {
    const laptop = webPush.newDevice();
    await webPush.subscribe('de');
    await webPush.subscribe(undefined, laptop); // an app from before pushes were localised: English
    expect(await remindAt(webPush.EVENING)).toEqual({
      sent: 2,
      removed: 0,
      failed: 0,
    });
    expect(webPush.lastPayloadOf(webPush.device)).toEqual({
      title: 'Heute ein paar Minuten?',
      body: 'Noch eine Lektion bis zu deinem Tagesziel.',
      url: '/',
    });
    expect(webPush.lastPayloadOf(laptop)).toEqual({
      title: 'A few minutes today?',
      body: 'One lesson to reach today’s goal.',
      url: '/',
    });
  });

  it('stays quiet in the morning and once today’s goal is met', async () => {
    const learner = await webPush.subscribe();
    expect((await remindAt(webPush.MORNING)).sent).toBe(0);
    const lesson = (await webPush.store.getCatalog()).modules[0]!.lessons[0]!.id;
    await knownDevice(webPush.store, 'learner@demo.test'); // signed in before the evening's lesson
    await learner.post(
      '/api/v1/sync',
      syncBody(
        withStarts([
          {
            id: uuidv7(),
            type: 'lesson_completed',
            lessonId: lesson,
            durationMs: 300_000,
            occurredAt: new Date(webPush.EVENING - 3_600_000).toISOString(),
            tz: 'Europe/Berlin',
            deviceId: 'device-test-1',
            seq: 2,
          },
        ]),
        'device-test-1',
        new Date(webPush.EVENING).toISOString(),
      ),
    );
    expect((await remindAt(webPush.EVENING)).sent).toBe(0);
    expect(webPush.received).toHaveLength(0);
  });

  it('drops a subscription the push service says is gone', async () => {
    await webPush.subscribe();
    webPush.setStatus(410);
    expect(await remindAt(webPush.EVENING)).toEqual({
      sent: 0,
      removed: 1,
      failed: 0,
    });
    expect(await webPush.store.reminderTargets()).toEqual([]);
  });

  it('refuses subscriptions that are not https or in a locale it has no words for, and answers push_disabled without keys', async () => {
    const learner = await signInAs(webPush.app, 'learner@demo.test');
    const bad = await learner.post('/api/v1/push/subscriptions', {
      deviceId: 'device-push-1',
      subscription: {
        endpoint: 'http://evil.test/x',
        keys: { p256dh: 'abcdefgh', auth: 'abcdefgh' },
      },
    });
    expect(bad.status).toBe(400);
    const french = await learner.post('/api/v1/push/subscriptions', {
      deviceId: 'device-push-1',
      subscription: {
        endpoint: webPush.device.endpoint,
        keys: { p256dh: 'abcdefgh', auth: 'abcdefgh' },
      },
      locale: 'fr',
    });
    expect(french.status).toBe(400);
    expect(await webPush.store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
    const off = await signInAs(createApp({ store: webPush.store }), 'learner@demo.test');
    const res = await off.get('/api/v1/push/public-key');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('push_disabled');
  });
});
