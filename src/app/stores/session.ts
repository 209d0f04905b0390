/**
 * Who is signed in. The user is cached on the device so the app opens offline; the server is
 * asked when it can be reached. An expired session signs the learner out of the UI but leaves
 * their unsynced progress in the outbox, tied to them, until they sign in again.
 *
 * Signing out works offline: the logout is queued on the device (`pendingLogout`) and sent when
 * the server can be reached (app start, `online`, the next sign-in). Until it has been sent, the
 * session the person ended is never restored on this device: a `/me` with the old cookie would
 * otherwise sign them back in for the rest of its 30 days.
 */
import type { MeReply, SignInMethod } from '../../core/api';
import { signal } from '@preact/signals';
import { HttpError, type Api } from '../../client/api';
import type { SignedInUser } from '../../client/db';
import type { SessionRecord } from '../../client/session-record';

/**
 * True once when the page was opened by the server's redirect after a company sign-in
 * (`/?signedIn=sso`): the session cookie is new and the device knows no user yet, so the server
 * must be asked who it is. The marker is taken out of the address bar.
 */
export function backFromCompanySignIn(): boolean {
  const url = new URL(location.href);
  if (url.searchParams.get('signedIn') !== 'sso') return false;
  url.searchParams.delete('signedIn');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return true;
}

export function createSessionStore({
  record,
  api,
  deviceId,
}: {
  record: SessionRecord;
  api: Api;
  /** This device, named at sign-in: the server counts what it records from then on. */
  deviceId?: string;
}) {
  const user = signal<SignedInUser | null>(null, { name: 'session.user' });
  const ready = signal(false, { name: 'session.ready' });
  const lastEmail = signal('', { name: 'session.lastEmail' });

  async function setUser(next: SignedInUser | null) {
    if (user.value) lastEmail.value = user.value.email;
    await record.setUser(next);
    user.value = next;
  }

  /** Sends a queued logout; true once none is left (sent, or the session was gone anyway). */
  async function sendPendingLogout(): Promise<boolean> {
    if (!(await record.pendingLogout())) return true;
    try {
      await api.post('/auth/logout');
    } catch (err) {
      // 401: the session already ended (expired, or an earlier send got through).
      if (!(err instanceof HttpError && err.status === 401)) return false;
    }
    await record.setPendingLogout(false);
    return true;
  }

  return {
    user,
    ready,
    lastEmail,
    sendPendingLogout,
    /**
     * Shows the cached user at once, then confirms the session with the server. With no cached
     * user the server is asked only when `storageLost` (the session cookie may have outlived the
     * wiped database) or right after a company sign-in; a first visit makes no request that is
     * bound to answer 401.
     */
    async restore(storageLost = false): Promise<void> {
      const ended = !(await sendPendingLogout());
      const cached = await record.user();
      user.value = cached;
      ready.value = true;
      // A session the person ended here is never brought back, even before the server knows.
      if (ended || (!cached && !storageLost)) return;
      try {
        const me = await api.get<MeReply>('/me');
        await setUser(me.user);
      } catch (err) {
        if (cached && err instanceof HttpError && err.status === 401) await setUser(null);
        // Offline or a server hiccup: keep working with the cached user.
      }
    },
    /**
     * How this email signs in: at its organisation's provider (`startUrl`, a page to go to) or
     * with a password here. Unreachable server: the password path (it says so when tried).
     */
    async signInMethod(email: string): Promise<SignInMethod> {
      try {
        return await api.get<SignInMethod>(`/auth/sso/discover?email=${encodeURIComponent(email)}`);
      } catch {
        return { method: 'password' };
      }
    },
    async signIn(email: string, password: string): Promise<void> {
      // The old session ends first where it can; the new cookie replaces it in any case.
      await sendPendingLogout();
      const { user: signedIn } = await api.post<MeReply>('/auth/login', {
        email,
        password,
        ...(deviceId && { deviceId }),
      });
      await record.setPendingLogout(false);
      await setUser(signedIn);
    },
    /** Signs out on this device at once; the server is told now or as soon as it can be. */
    async signOut(): Promise<void> {
      await record.setPendingLogout(true);
      await sendPendingLogout();
      await setUser(null);
    },
    /** The server said our session is gone (401 during sync). */
    async expire(): Promise<void> {
      await setUser(null);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
