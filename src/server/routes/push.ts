/**
 * Web Push opt-in: the VAPID public key for the device, and storing or removing one device's
 * subscription. 404 `push_disabled` when the server has no VAPID keys.
 *
 * A subscription carries the app's locale (English when it does not say): the service worker
 * shows a push as it comes, so the server words reminders and nudge titles in that locale. The
 * app posts the subscription again when the learner changes language.
 *
 * Only a public push service's endpoint is kept (push-target.ts: no local or private address, no
 * other port, checked again at send time). An endpoint belongs to the person who subscribed it:
 * someone else posting it is refused (409), never moved to them. A person keeps at most
 * `PUSH_SUBSCRIPTIONS_PER_PERSON` devices; a new one replaces their oldest.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { PushKeyReply, PushSubscriptionReply } from '../../core/api';
import { requireUser } from '../auth/session';
import { LOCALES, type Locale } from '../../core/wording';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import type { Vapid } from '../push';
import { checkPushEndpoint, publicPushTargets } from '../push-target';

/** Devices one person may receive pushes on; the oldest subscription gives way to a new one. */
export const PUSH_SUBSCRIPTIONS_PER_PERSON = 10;

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
    .get('/push/public-key', requireUser(), (c) =>
      c.json({ publicKey: enabled().publicKey } satisfies PushKeyReply),
    )
    .post('/push/subscriptions', requireUser(), async (c) => {
      enabled();
      const input = parseInput(subscriptionInput, await readJson(c));
      const targets = c.var.deps.push?.targets ?? publicPushTargets;
      const refused = await checkPushEndpoint(input.subscription.endpoint, targets);
      if (refused) throw new ApiError(422, 'push_endpoint_refused', refused);
      const saved = await c.var.deps.store.savePushSubscription(
        {
          endpoint: input.subscription.endpoint,
          userId: c.var.user.id,
          deviceId: input.deviceId,
          p256dh: input.subscription.keys.p256dh,
          auth: input.subscription.keys.auth,
          createdAt: c.var.deps.now(),
          locale: input.locale,
        },
        PUSH_SUBSCRIPTIONS_PER_PERSON,
      );
      if (saved === 'taken') throw new ApiError(409, 'push_endpoint_taken', 'error.push.taken');
      return c.json({ subscribed: true } satisfies PushSubscriptionReply, 201);
    })
    .post('/push/unsubscribe', requireUser(), async (c) => {
      const { endpoint } = parseInput(unsubscribeInput, await readJson(c));
      await c.var.deps.store.deletePushSubscription(endpoint, c.var.user.id);
      return c.json({ subscribed: false } satisfies PushSubscriptionReply);
    });
}
