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
import { signInAs } from '../support/api';
import * as webPush from '../support/push-endpoint';

webPush.usePushEndpoint();

describe('a manager’s nudge by Web Push', () => {
  const nudge = async (message?: string) => {
    const max = await signInAs(webPush.app, 'manager@demo.test');
    const res = await max.post('/api/v1/team/u-demo-learner/nudge', message ? { message } : {});
    expect(res.status).toBe(201);
  };
  const inApp = async (learner: Awaited<ReturnType<typeof signInAs>>) =>
    ((await (await learner.get('/api/v1/me/home')).json()) as { notifications: unknown[] })
      .notifications;

  it('reaches the report’s device, encrypted and signed, naming the manager', async () => {
    const learner = await webPush.subscribe();
    await nudge();
    expect(webPush.received).toHaveLength(1);
    const [push] = webPush.received as [webPush.Received];
    expect(push.path).toBe(new URL(webPush.device.endpoint).pathname);
    webPush.checkVapid(String(push.headers.authorization));
    expect(JSON.parse(webPush.decrypt(push.body))).toEqual({
      title: 'A nudge from Max Manager',
      body: 'Max is cheering you on: a 5-minute lesson today keeps you going!',
      url: '/',
      tag: 'nudge',
    });
    await nudge('Ten minutes on feedback before Friday?');
    expect(JSON.parse(webPush.decrypt(webPush.received[1]!.body))).toMatchObject({
      title: 'A nudge from Max Manager',
      body: 'Ten minutes on feedback before Friday?',
    });
    expect(await inApp(learner)).toHaveLength(2);
  });

  it('titles the nudge in each device’s language, follows a change, keeps the manager’s words', async () => {
    const laptop = webPush.newDevice();
    await webPush.subscribe('de');
    await webPush.subscribe('en', laptop);
    await nudge('Ten minutes on feedback before Friday?');
    expect(webPush.received).toHaveLength(2);
    expect(webPush.lastPayloadOf(webPush.device)).toEqual({
      title: 'Eine Erinnerung von Max Manager',
      body: 'Ten minutes on feedback before Friday?',
      url: '/',
      tag: 'nudge',
    });
    expect(webPush.lastPayloadOf(laptop)).toEqual({
      title: 'A nudge from Max Manager',
      body: 'Ten minutes on feedback before Friday?',
      url: '/',
      tag: 'nudge',
    });
    // The learner switches the laptop's app to German: it sends its subscription again.
    await webPush.subscribe('de', laptop);
    expect(await webPush.store.pushSubscriptionsOf('u-demo-learner')).toHaveLength(2);
    await nudge();
    // The default nudge (no message typed) is worded in each device's language, body and all.
    expect(webPush.lastPayloadOf(laptop)).toEqual({
      title: 'Eine Erinnerung von Max Manager',
      body: 'Max feuert dich an: Eine 5-Minuten-Lektion heute hält dich in Schwung!',
      url: '/',
      tag: 'nudge',
    });
  });

  it('sends no push to a report who did not opt in; the in-app nudge is there', async () => {
    await nudge();
    expect(webPush.received).toEqual([]);
    const learner = await signInAs(webPush.app, 'learner@demo.test');
    expect(await inApp(learner)).toEqual([
      expect.objectContaining({ kind: 'nudge', text: expect.stringContaining('Max') }),
    ]);
  });

  it('drops a subscription the push service calls gone, and keeps the in-app nudge', async () => {
    const learner = await webPush.subscribe();
    webPush.setStatus(500);
    await nudge();
    expect(await webPush.store.pushSubscriptionsOf('u-demo-learner')).toHaveLength(1);
    webPush.setStatus(410);
    await nudge();
    expect(webPush.received).toHaveLength(2);
    expect(await webPush.store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
    expect(await inApp(learner)).toHaveLength(2);
  });
});
