/**
 * Web Push opt-in: the VAPID public key for the device, and storing or removing one device's
 * subscription. 404 `push_disabled` when the server has no VAPID keys.
 *
 * A subscription carries the app's locale (English when it does not say): the service worker
 * shows a push as it comes, so the server words reminders and nudge titles in that locale. The
 * app posts the subscription again when the learner changes language.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/session';
import { LOCALES, type Locale } from '../../core/wording';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import type { Vapid } from '../push';

const b64url = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'error.field.base64url');
const subscriptionInput = z.object({
  deviceId: z.string().min(8).max(64),
  subscription: z.object({
    endpoint: z.url({ protocol: /^https$/ }).max(1000),
    keys: z.object({ p256dh: b64url, auth: b64url }),
  }),
  locale: z.enum(LOCALES as [Locale, ...Locale[]]).default('en'),
});
const unsubscribeInput = z.object({ endpoint: z.string().min(1).max(1000) });

export function pushRoutes(vapid: Vapid | undefined) {
  const enabled = () => {
    if (!vapid) throw new ApiError(404, 'push_disabled', 'error.pushDisabled');
    return vapid;
  };
  return new Hono<AppEnv>()
    .get('/push/public-key', requireUser(), (c) => c.json({ publicKey: enabled().publicKey }))
    .post('/push/subscriptions', requireUser(), async (c) => {
      enabled();
      const input = parseInput(subscriptionInput, await readJson(c));
      await c.var.deps.store.savePushSubscription({
        endpoint: input.subscription.endpoint,
        userId: c.var.user.id,
        deviceId: input.deviceId,
        p256dh: input.subscription.keys.p256dh,
        auth: input.subscription.keys.auth,
        createdAt: c.var.deps.now(),
        locale: input.locale,
      });
      return c.json({ subscribed: true }, 201);
    })
    .post('/push/unsubscribe', requireUser(), async (c) => {
      const { endpoint } = parseInput(unsubscribeInput, await readJson(c));
      await c.var.deps.store.deletePushSubscription(endpoint, c.var.user.id);
      return c.json({ subscribed: false });
    });
}
