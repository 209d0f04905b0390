/**
 * Social learning as the learner sees it: recommendations from colleagues, the cohort challenge,
 * badges, kudos received, the recognition feed, and the actions to give kudos and recommend.
 * These need the network; offline they keep what was last loaded.
 */
import { signal } from '@preact/signals';
import { HttpError, type Api } from '../../client/api';
import type { Badge } from '../../core/badges';
import type {
  BadgesReply,
  Challenge,
  Colleague,
  ColleaguesReply,
  FeedReply,
  KudosReply,
  KudosSentReply,
  LocaleReply,
  PushKeyReply,
  PushSubscriptionReply,
  KudosView,
  Recommendation,
  RecommendationsReply,
  RecommendReply,
} from '../../core/api';
import { errorText, locale, t, type Locale } from '../i18n';
import { currentPushSubscription, subscribeToPush } from '../sw-bridge';

/** The server's message for a refused request, or a general one. */
export function problemText(err: unknown): string {
  return err instanceof HttpError ? errorText(err) : t('social.problem');
}

export function createSocialStore({ api, deviceId }: { api: Api; deviceId: string }) {
  const recommendations = signal<Recommendation[]>([], { name: 'social.recommendations' });
  const challenge = signal<Challenge | null>(null, { name: 'social.challenge' });
  const badges = signal<Badge[] | null>(null, { name: 'social.badges' });
  const kudos = signal<KudosView[]>([], { name: 'social.kudos' });
  /** How many kudos the learner has received (the list shows the latest only). */
  const kudosReceived = signal(0, { name: 'social.kudosReceived' });
  const feed = signal<KudosView[]>([], { name: 'social.feed' });
  const colleagues = signal<Colleague[]>([], { name: 'social.colleagues' });
  const quietly = <T>(p: Promise<T>, set: (v: T) => void) => p.then(set).catch(() => undefined);
  let challengeCohort: string | undefined;
  /** The weekly challenge of a cohort; another cohort's stays hidden until this one arrives. */
  const loadChallenge = (cohortId: string) => {
    if (challengeCohort !== cohortId) challenge.value = null;
    challengeCohort = cohortId;
    void quietly(api.get<Challenge>(`/cohorts/${encodeURIComponent(cohortId)}/challenge`), (c) => {
      if (challengeCohort === cohortId) challenge.value = c;
    });
  };

  return {
    recommendations,
    challenge,
    badges,
    kudosReceived,
    kudos,
    feed,
    colleagues,
    loadHome(cohortId: string | undefined) {
      void quietly(api.get<RecommendationsReply>('/me/recommendations'), (r) => {
        recommendations.value = r.recommendations;
      });
      if (cohortId) loadChallenge(cohortId);
    },
    loadChallenge,
    loadProfile() {
      void quietly(api.get<BadgesReply>(`/me/badges?lang=${locale.peek()}`), (r) => {
        badges.value = r.badges;
        kudosReceived.value = r.kudosReceived;
      });
      void quietly(api.get<KudosReply>('/me/kudos'), (r) => (kudos.value = r.kudos));
    },
    loadFeed(cohortId: string) {
      void quietly(api.get<FeedReply>(`/cohorts/${encodeURIComponent(cohortId)}/feed`), (r) => {
        feed.value = r.feed;
      });
    },
    loadColleagues() {
      void quietly(api.get<ColleaguesReply>('/colleagues'), (r) => (colleagues.value = r.people));
    },
    giveKudos: (toUserId: string, reason: 'lesson' | 'streak', message: string) =>
      api.post<KudosSentReply>('/kudos', { toUserId, reason, message }),
    recommend: (toUserId: string, moduleId: string) =>
      api.post<RecommendReply>('/recommendations', { toUserId, moduleId }),
    /**
     * Subscribes this device to evening reminders, worded in the app's locale; false when
     * notifications were declined.
     */
    async enableReminders(): Promise<boolean> {
      const { publicKey } = await api.get<PushKeyReply>('/push/public-key');
      const subscription = await subscribeToPush(publicKey);
      if (!subscription) return false;
      await api.post<PushSubscriptionReply>('/push/subscriptions', {
        deviceId,
        subscription,
        locale: locale.peek(),
      });
      return true;
    },
    /**
     * Words this device's pushes in `next` from now on, when it is subscribed: the service worker
     * shows a push as the server worded it. Best effort: offline or signed out, the device keeps
     * the language it had until the next change or opt-in.
     */
    async wordPushesIn(next: Locale): Promise<void> {
      const subscription = await currentPushSubscription().catch(() => null);
      if (!subscription) return;
      await api
        .post<PushSubscriptionReply>('/push/subscriptions', {
          deviceId,
          subscription,
          locale: next,
        })
        .catch(() => undefined);
    },
    /** Emails to this person are worded in `next` from now on. Best effort, like pushes. */
    async mailMeIn(next: Locale): Promise<void> {
      await api.put<LocaleReply>('/me/locale', { locale: next }).catch(() => undefined);
    },
    async setChallenge(cohortId: string, goal: number) {
      challenge.value = await api.put<Challenge>(
        `/cohorts/${encodeURIComponent(cohortId)}/challenge`,
        { goal },
      );
    },
  };
}

export type SocialStore = ReturnType<typeof createSocialStore>;
