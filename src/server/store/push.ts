/**
 * Web Push subscriptions, one per device, and the daily evening reminder each device is claimed
 * for once (by whichever process gets there first).
 */
import { localeOf, type Locale } from '../../core/wording';
import type { Db } from './db';

export interface PushSubscriptionRow {
  endpoint: string;
  userId: string;
  deviceId: string;
  p256dh: string;
  auth: string;
  createdAt: number;
  /** The language the device's pushes are worded in: the app's locale when it (re)subscribed. */
  locale: Locale;
}

export interface PushStore {
  /** Saves (or moves to this user) a Web Push subscription of one device. */
  savePushSubscription(s: PushSubscriptionRow): Promise<void>;
  /** The user's subscribed devices (for a push when their manager nudges them). */
  pushSubscriptionsOf(userId: string): Promise<PushSubscriptionRow[]>;
  /** Deletes a subscription; with `userId`, only when it is that user's. */
  deletePushSubscription(endpoint: string, userId?: string): Promise<void>;
  /** Every subscription of an active person with their time zone, for the evening reminder run. */
  reminderTargets(): Promise<
    Array<PushSubscriptionRow & { tz: string; lastRemindedOn: string | null }>
  >;
  /** Claims today's reminder for a device; false when it was already claimed (any process). */
  claimReminder(endpoint: string, day: string): Promise<boolean>;
}

const SUBSCRIPTION_FIELDS = [
  's.endpoint',
  's.user_id as userId',
  's.device_id as deviceId',
  's.p256dh',
  's.auth',
  's.created_at as createdAt',
  's.locale',
] as const;

const withLocale = <T extends { locale: string }>(row: T) => ({
  ...row,
  locale: localeOf(row.locale) ?? 'en',
});

export function pushStore(db: Db): PushStore {
  return {
    async savePushSubscription(s) {
      const device = {
        user_id: s.userId,
        device_id: s.deviceId,
        p256dh: s.p256dh,
        auth: s.auth,
        locale: s.locale,
      };
      await db
        .insertInto('push_subscriptions')
        .values({ endpoint: s.endpoint, created_at: s.createdAt, ...device })
        .onConflict((oc) => oc.column('endpoint').doUpdateSet(device))
        .execute();
    },
    async pushSubscriptionsOf(userId) {
      const rows = await db
        .selectFrom('push_subscriptions as s')
        .select(SUBSCRIPTION_FIELDS)
        .where('s.user_id', '=', userId)
        .orderBy('s.endpoint')
        .execute();
      return rows.map(withLocale);
    },
    async deletePushSubscription(endpoint, userId) {
      let query = db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint);
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      await query.execute();
    },
    async reminderTargets() {
      const rows = await db
        .selectFrom('push_subscriptions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([...SUBSCRIPTION_FIELDS, 's.last_reminded_on as lastRemindedOn', 'u.tz'])
        .where('u.active', '=', 1)
        .orderBy('s.endpoint')
        .execute();
      return rows.map(withLocale);
    },
    async claimReminder(endpoint, day) {
      const result = await db
        .updateTable('push_subscriptions')
        .set({ last_reminded_on: day })
        .where('endpoint', '=', endpoint)
        .where((eb) =>
          eb.or([eb('last_reminded_on', 'is', null), eb('last_reminded_on', '<>', day)]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
