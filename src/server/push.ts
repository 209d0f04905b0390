/**
 * Streak reminders by Web Push (opt-in, per device).
 *
 * A run (`sendStreakReminders`, started every 15 minutes by main.ts when VAPID keys are set)
 * looks at every stored subscription and sends one reminder per device per local day, in the
 * learner's evening, when today's goal is not met — the same rule as the in-app nudge
 * (src/core/reminders.ts). The payload is encrypted for the device (RFC 8291, aes128gcm) and
 * signed with our VAPID key (RFC 8292) by the `web-push` library. A subscription the push
 * service reports gone (404/410) is deleted.
 */
import type { Agent } from 'node:https';
import webpush from 'web-push';
import { localDate } from '../core/calendar';
import { localHour, nudgeDue } from '../core/reminders';
import { progressStateOf } from './progress-aggregate';
import type { Store } from './store/store';

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

export interface ReminderRun {
  sent: number;
  removed: number;
  failed: number;
}

export async function sendStreakReminders(options: {
  store: Store;
  vapid: Vapid;
  now: number;
  /** For tests: an agent that trusts a local push endpoint's certificate. */
  agent?: Agent;
}): Promise<ReminderRun> {
  const { store, vapid, now } = options;
  const run: ReminderRun = { sent: 0, removed: 0, failed: 0 };
  for (const target of await store.reminderTargets()) {
    const today = localDate(now, target.tz);
    if (target.lastRemindedOn === today) continue;
    const user = await store.getUser(target.userId);
    if (!user) continue;
    const state = await progressStateOf(store, user, now);
    const missing = nudgeDue(state, localHour(now, target.tz));
    if (missing === 0) continue;
    const payload = JSON.stringify({
      title:
        state.streak.current > 0
          ? `Keep your ${state.streak.current}-day streak`
          : 'A few minutes today?',
      body: `${missing === 1 ? 'One lesson' : `${missing} lessons`} to reach today’s goal.`,
      url: '/',
    });
    if (!(await store.claimReminder(target.endpoint, today))) continue;
    try {
      await webpush.sendNotification(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        payload,
        {
          vapidDetails: vapid,
          TTL: 4 * 3600,
          urgency: 'normal',
          ...(options.agent ? { agent: options.agent } : {}),
        },
      );
      run.sent++;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        await store.deletePushSubscription(target.endpoint);
        run.removed++;
      } else run.failed++;
    }
  }
  return run;
}
