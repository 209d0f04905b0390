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
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../src/app/i18n';
import { createSocialStore } from '../../src/app/stores/social';
import { currentPushSubscription, subscribeToPush } from '../../src/app/sw-bridge';
import { createApi } from '../../src/client/api';
import { sendStreakReminders } from '../../src/server/push';
import { signInAs } from '../support/api';
import { appFetch } from '../support/device';
import {
  local,
  EVENING,
  store,
  app,
  vapid,
  device,
  lastPayloadOf,
  usePushEndpoint,
} from '../support/push-endpoint';

usePushEndpoint();

// The browser's side of subscribing (permission prompt, PushManager) is played by the tests.
vi.mock('../../src/app/sw-bridge', () => ({
  subscribeToPush: vi.fn(),
  currentPushSubscription: vi.fn(),
}));

describe('the app tells the server the language of this device’s pushes', () => {
  /** The learner's app, talking to the server through app.request with their session. */
  async function learnerApp() {
    const { cookie } = await signInAs(app, 'learner@demo.test');
    const api = createApi(appFetch(app, cookie));
    return createSocialStore({ api, deviceId: 'device-app-1' });
  }
  const subscriptionJson = (): PushSubscriptionJSON => ({
    endpoint: device.endpoint,
    keys: {
      p256dh: device.ecdh.getPublicKey().toString('base64url'),
      auth: device.auth.toString('base64url'),
    },
  });
  afterEach(() => {
    locale.value = 'en';
    vi.mocked(currentPushSubscription).mockReset();
  });

  it('when it subscribes, and again when the learner picks another language', async () => {
    const social = await learnerApp();
    locale.value = 'de';
    vi.mocked(subscribeToPush).mockResolvedValue(subscriptionJson());
    expect(await social.enableReminders()).toBe(true);
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([
      expect.objectContaining({ endpoint: device.endpoint, locale: 'de' }),
    ]);
    await sendStreakReminders({ store, vapid, now: EVENING, ...local() });
    expect(lastPayloadOf(device)).toMatchObject({ title: 'Heute ein paar Minuten?' });

    // The locale picker: English from now on, on this device.
    vi.mocked(currentPushSubscription).mockResolvedValue(subscriptionJson());
    await social.wordPushesIn('en');
    const max = await signInAs(app, 'manager@demo.test');
    expect((await max.post('/api/v1/team/u-demo-learner/nudge', {})).status).toBe(201);
    expect(lastPayloadOf(device)).toMatchObject({ title: 'A nudge from Max Manager' });
  });

  it('sends nothing on a language change when this device has no subscription', async () => {
    const social = await learnerApp();
    vi.mocked(currentPushSubscription).mockResolvedValue(null);
    await social.wordPushesIn('de');
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
  });
});
