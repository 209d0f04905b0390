/**
 * Who is signed in. The user is cached on the device so the app opens offline; the server is
 * asked when it can be reached. An expired session signs the learner out of the UI but leaves
 * their unsynced progress in the outbox, tied to them, until they sign in again.
 */
import type { MeReply } from '../../core/api';
import { signal } from '@preact/signals';
import { HttpError, type Api } from '../../client/api';
import { getMeta, setMeta, type KindlingDB, type SignedInUser } from '../../client/db';

export function createSessionStore({ db, api }: { db: KindlingDB; api: Api }) {
  const user = signal<SignedInUser | null>(null, { name: 'session.user' });
  const ready = signal(false, { name: 'session.ready' });
  const lastEmail = signal('', { name: 'session.lastEmail' });

  async function setUser(next: SignedInUser | null) {
    if (user.value) lastEmail.value = user.value.email;
    await setMeta(db, 'user', next);
    user.value = next;
  }

  return {
    user,
    ready,
    lastEmail,
    /**
     * Shows the cached user at once, then confirms the session with the server. With no cached
     * user the server is asked only when `storageLost` (the session cookie may have outlived the
     * wiped database); a first visit makes no request that is bound to answer 401.
     */
    async restore(storageLost = false): Promise<void> {
      const cached = (await getMeta(db, 'user')) ?? null;
      user.value = cached;
      ready.value = true;
      if (!cached && !storageLost) return;
      try {
        const me = await api.get<MeReply>('/me');
        await setUser(me.user);
      } catch (err) {
        if (cached && err instanceof HttpError && err.status === 401) await setUser(null);
        // Offline or a server hiccup: keep working with the cached user.
      }
    },
    async signIn(email: string, password: string): Promise<void> {
      const { user: signedIn } = await api.post<MeReply>('/auth/login', {
        email,
        password,
      });
      await setUser(signedIn);
    },
    async signOut(): Promise<void> {
      await api.post('/auth/logout').catch(() => undefined);
      await setUser(null);
    },
    /** The server said our session is gone (401 during sync). */
    async expire(): Promise<void> {
      await setUser(null);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
