/**
 * Web Push subscriptions, one per device, and the daily evening reminder each device is claimed
 * for once (by whichever process gets there first).
 */
import { localeOf, type Locale } from '../../core/wording';
import type { Db } from './db';
import { deleteIn } from './rows';

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
  /**
   * Saves (or updates, when it is already this user's) a Web Push subscription of one device, and
   * drops the user's oldest subscriptions beyond `keep`. `taken` when the endpoint is another
   * user's: it is never moved between people.
   */
  savePushSubscription(s: PushSubscriptionRow, keep?: number): Promise<'saved' | 'taken'>;
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
    async savePushSubscription(s, keep) {
      const device = {
        user_id: s.userId,
        device_id: s.deviceId,
        p256dh: s.p256dh,
        auth: s.auth,
        locale: s.locale,
      };
      const written = await db
        .insertInto('push_subscriptions')
        .values({ endpoint: s.endpoint, created_at: s.createdAt, ...device })
        .onConflict((oc) =>
          oc
            .column('endpoint')
            .doUpdateSet({ ...device, created_at: s.createdAt })
            .where('push_subscriptions.user_id', '=', s.userId),
        )
        .executeTakeFirst();
      if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return 'taken';
      if (keep !== undefined) {
        const beyond = await db
          .selectFrom('push_subscriptions')
          .select('endpoint')
          .where('user_id', '=', s.userId)
          .orderBy('created_at', 'desc')
          .orderBy('endpoint', 'desc')
          .offset(keep)
          .limit(1000)
          .execute();
        const endpoints = beyond.map((r) => r.endpoint);
        await deleteIn(db, 'push_subscriptions', 'endpoint', endpoints);
      }
      return 'saved';
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
