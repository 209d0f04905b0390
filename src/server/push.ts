/**
 * Web Push (opt-in, per device): streak reminders and managers' nudges.
 *
 * A run (`sendStreakReminders`, started every 15 minutes by main.ts when VAPID keys are set)
 * looks at every stored subscription and sends one reminder per device per local day, in the
 * learner's evening, when today's goal is not met — the same rule as the in-app nudge
 * (src/core/reminders.ts). The payload is encrypted for the device (RFC 8291, aes128gcm) and
 * signed with our VAPID key (RFC 8292) by the `web-push` library. A subscription the push
 * service reports gone (404/410) is deleted.
 *
 * A nudge from a manager (`pushNudge`) goes to every device of the report at once, best effort:
 * the in-app notification is stored first and stays whatever the push services answer.
 *
 * The service worker shows a payload as it comes (it has no catalog and no page to ask), so each
 * device's push is worded here in the locale it subscribed with (src/core/phrases/push.*.ts).
 */
import type { Agent } from 'node:https';
import webpush from 'web-push';
import { localDate } from '../core/calendar';
import { notificationPhrase, type NotificationKey } from '../core/phrases/notifications';
import { pushPhrase } from '../core/phrases/push';
import { localHour, nudgeDue } from '../core/reminders';
import type { Phrase } from '../core/wording';
import { progressStateOf } from './progress-aggregate';
import { publicPushTargets, pushAgent, type PushTargets } from './push-target';
import type { PushSubscriptionRow, Store } from './store/store';

export interface Vapid {
  publicKey: string;
  privateKey: string;
  /** A mailto: or https: contact for push services. */
  subject: string;
}

/** VAPID keys from the environment (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT). */
export function vapidFromEnv(env: NodeJS.ProcessEnv): Vapid | undefined {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = env;
  if (!publicKey || !privateKey) return undefined;
  return { publicKey, privateKey, subject: env.VAPID_SUBJECT ?? 'mailto:admin@example.com' };
}

/**
 * VAPID keys, and where pushes may go: public push services only (push-target.ts) unless a test
 * allows its own local listener, whose certificate `ca` then trusts.
 */
export interface PushSetup {
  vapid: Vapid;
  targets?: PushTargets;
  ca?: string | Buffer;
}

/** One agent per setup: its connections resolve names through the target check. */
const agents = new WeakMap<PushSetup, Agent>();
function agentOf(push: PushSetup): Agent {
  let agent = agents.get(push);
  if (!agent) {
    agent = pushAgent(push.targets ?? publicPushTargets, push.ca);
    agents.set(push, agent);
  }
  return agent;
}

/** What the service worker shows (sw/push.ts); `tag` keeps reminders and nudges apart. */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag?: string;
}

type Delivery = 'sent' | 'removed' | 'failed';

/**
 * One encrypted push to one device; a subscription the push service calls gone is deleted, and so
 * is one whose endpoint is not a public push service (stored before the check existed). A name
 * that resolves to a refused address is not connected to.
 */
async function deliver(
  store: Store,
  push: PushSetup,
  target: Pick<PushSubscriptionRow, 'endpoint' | 'p256dh' | 'auth'>,
  payload: PushPayload,
  ttlSeconds: number,
): Promise<Delivery> {
  if ((push.targets ?? publicPushTargets).checkUrl(target.endpoint)) {
    await store.deletePushSubscription(target.endpoint);
    return 'removed';
  }
  try {
    await webpush.sendNotification(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: push.vapid,
        TTL: ttlSeconds,
        urgency: 'normal',
        timeout: 10_000,
        agent: agentOf(push),
      },
    );
    return 'sent';
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== 404 && status !== 410) return 'failed';
    await store.deletePushSubscription(target.endpoint);
    return 'removed';
  }
}

export interface ReminderRun {
  sent: number;
  removed: number;
  failed: number;
}

export async function sendStreakReminders(options: {
  store: Store;
  vapid: Vapid;
  now: number;
  /** For tests: where pushes may go (a local listener) and the certificate it trusts. */
  targets?: PushTargets;
  ca?: string | Buffer;
}): Promise<ReminderRun> {
  const { store, vapid, now } = options;
  const setup: PushSetup = {
    vapid,
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
  };
  const run: ReminderRun = { sent: 0, removed: 0, failed: 0 };
  for (const target of await store.reminderTargets()) {
    const today = localDate(now, target.tz);
    if (target.lastRemindedOn === today) continue;
    const user = await store.getUser(target.userId);
    if (!user) continue;
    const state = await progressStateOf(store, user, now);
    const missing = nudgeDue(state, localHour(now, target.tz));
    if (missing === 0) continue;
    const payload = {
      title:
        state.streak.current > 0
          ? pushPhrase.say(
              'push.reminder.streakTitle',
              { count: state.streak.current },
              target.locale,
            )
          : pushPhrase.say('push.reminder.startTitle', {}, target.locale),
      body: pushPhrase.say('push.reminder.body', { count: missing }, target.locale),
      url: '/',
    };
    if (!(await store.claimReminder(target.endpoint, today))) continue;
    run[await deliver(store, setup, target, payload, 4 * 3600)]++;
  }
  return run;
}

/**
 * Pushes a manager's nudge to every device the report opted in on (none: nothing is sent), titled
 * in each device's locale; the body is the manager's own text, or the default nudge worded in
 * that locale too. Never throws: the nudge is already
 * stored in-app, so a push service being down changes nothing.
 */
export async function pushNudge(
  store: Store,
  push: PushSetup,
  reportId: string,
  /** The manager's own words, or the default nudge as a phrase worded per device. */
  nudge: { from: string; body: string | Phrase },
): Promise<ReminderRun> {
  const run: ReminderRun = { sent: 0, removed: 0, failed: 0 };
  const targets = await store.pushSubscriptionsOf(reportId).catch(() => []);
  const results = await Promise.all(
    targets.map((t) => {
      const title = pushPhrase.say('push.nudge.title', { name: nudge.from }, t.locale);
      const body =
        typeof nudge.body === 'string'
          ? nudge.body
          : notificationPhrase.say(nudge.body.key as NotificationKey, nudge.body.params, t.locale);
      const payload = { title, body, url: '/', tag: 'nudge' };
      return deliver(store, push, t, payload, 24 * 3600).catch(() => 'failed' as const);
    }),
  );
  for (const r of results) run[r]++;
  return run;
}
