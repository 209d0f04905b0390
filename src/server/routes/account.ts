/**
 * A person's own things: their home extras (assignments, notifications, the sponsor message),
 * their active sessions; and the public doors that need no session: joining by invite code and
 * setting a new password from a reset link.
 */
import type {
  HomeReply,
  InviteReply,
  LocaleReply,
  MeReply,
  OkReply,
  RevokeSessionReply,
  SessionsReply,
} from '../../core/api';
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { localDate } from '../../core/calendar';
import { isValidTimeZone } from '../../core/events';
import { LOCALES } from '../../core/wording';
import { reportProgress } from '../../core/team';
import { learnerActivity } from '../activity';
import { emailTaken } from '../auth/access';
import { hashPassword } from '../auth/password';
import { creatorMayGrant } from '../auth/revoke';
import { requireUser, startSession } from '../auth/session';
import { inviteHash, resetHash, TOKEN_LIMIT } from '../auth/tokens';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import { clientAddress } from '../middleware/client-address';
import { contentLocale } from './content';

export const password = z.string().min(8).max(1024);
export const personName = z.string().trim().min(1).max(80);

const acceptInvite = z.object({
  name: personName,
  password,
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  tz: z.string().refine(isValidTimeZone, 'error.field.timeZone').optional(),
});
const resetBody = z.object({ token: z.string().min(20).max(200), password });
const localeBody = z.object({ locale: z.enum(LOCALES) });

/** Counts a hit on the public token doors and answers 429 beyond the limit. */
async function limitTokenDoor(c: Context<AppEnv>, door: string) {
  const { store, now } = c.var.deps;
  const hits = await store.hitRateLimit(
    `${door}:ip:${clientAddress(c)}`,
    TOKEN_LIMIT.windowMs,
    now(),
  );
  if (hits > TOKEN_LIMIT.perAddress)
    throw new ApiError(429, 'rate_limited', 'error.tooManyAttempts');
}

const invalidInvite = () => new ApiError(404, 'invite_invalid', 'error.inviteInvalid');

/**
 * Refuses an invite for an email that already has an account. In the invite's own org the
 * person is told to sign in (their admin sees them anyway). An address of another org is not
 * confirmed: the invite is used up and answered as any used invite is, so one invite cannot
 * test one address after another.
 */
async function refuseTakenEmail(
  c: Context<AppEnv>,
  hash: string,
  orgId: string,
  email: string,
): Promise<void> {
  const { deps } = c.var;
  const taken = await emailTaken(deps, orgId, email);
  // A deactivated account in the same org cannot sign in, so "sign in instead" would mislead.
  // The invite is kept either way: it still works for another address.
  if (taken === 'here' && !(await deps.store.findLogin(email)))
    throw new ApiError(409, 'account_inactive', 'error.inviteInactiveAccount');
  if (taken === 'here') throw new ApiError(409, 'email_taken', 'error.emailTakenSignIn');
  if (taken === 'elsewhere') {
    await deps.store.consumeAccessToken(hash, 'invite', deps.now());
    throw invalidInvite();
  }
}

/** Sessions are named by a prefix of their hash: enough to tell them apart, useless as a cookie. */
const sessionId = (tokenHash: string) => tokenHash.slice(0, 16);

export const accountRoutes = new Hono<AppEnv>()
  .get('/invites/:code', async (c) => {
    await limitTokenDoor(c, 'invite');
    const { store, now } = c.var.deps;
    const invite = await store.peekAccessToken(inviteHash(c.req.param('code')), 'invite', now());
    if (!invite) throw invalidInvite();
    const cohort = (await store.listCohorts(invite.orgId)).find((x) => x.id === invite.cohortId);
    return c.json({
      invite: { email: invite.email, cohort: cohort?.name ?? null, tz: cohort?.tz },
    } satisfies InviteReply);
  })
  .post('/invites/:code/accept', async (c) => {
    await limitTokenDoor(c, 'invite');
    const body = parseInput(acceptInvite, await readJson(c));
    const { store, now } = c.var.deps;
    const hash = inviteHash(c.req.param('code'));
    const invite = await store.peekAccessToken(hash, 'invite', now());
    if (!invite) throw invalidInvite();
    // The admin who made it left or lost the right to grant its role: it is burned.
    if (!(await creatorMayGrant(store, invite))) {
      await store.consumeAccessToken(hash, 'invite', now());
      throw invalidInvite();
    }
    const email = invite.email ?? body.email;
    if (!email) throw new ApiError(400, 'invalid_request', 'error.enterEmail');
    await refuseTakenEmail(c, hash, invite.orgId, email);
    const passwordHash = await hashPassword(body.password);
    // Single use: only the caller that consumes the token goes on to create the account.
    if (!(await store.consumeAccessToken(hash, 'invite', now()))) throw invalidInvite();
    const cohort = (await store.listCohorts(invite.orgId)).find((x) => x.id === invite.cohortId);
    const id = `u-${randomUUID()}`;
    try {
      await store.createUser({
        id,
        orgId: invite.orgId,
        email,
        name: body.name,
        role: invite.role ?? 'learner',
        managerId: invite.managerId,
        tz: body.tz ?? cohort?.tz ?? 'UTC',
        passwordHash,
        cohortIds: cohort ? [cohort.id] : [],
      });
    } catch (err) {
      // Someone took the email between our check and the insert (unique constraint).
      await refuseTakenEmail(c, hash, invite.orgId, email);
      throw err;
    }
    await startSession(c, id);
    return c.json({ user: (await store.getUser(id))! } satisfies MeReply, 201);
  })
  .post('/auth/reset', async (c) => {
    await limitTokenDoor(c, 'reset');
    const body = parseInput(resetBody, await readJson(c));
    const { store, now } = c.var.deps;
    const passwordHash = await hashPassword(body.password);
    const reset = await store.consumeAccessToken(resetHash(body.token), 'reset', now());
    // Used up either way: a link for someone inactive, or whose admin left, never works again.
    if (
      !reset?.userId ||
      !(await store.getUser(reset.userId)) ||
      !(await creatorMayGrant(store, reset))
    )
      throw new ApiError(404, 'reset_invalid', 'error.resetInvalid');
    await store.updatePerson(reset.orgId, reset.userId, { passwordHash });
    await store.deleteUserSessions(reset.userId);
    await startSession(c, reset.userId);
    return c.json({ user: (await store.getUser(reset.userId))! } satisfies MeReply);
  })
  .get('/me/home', requireUser(), async (c) => {
    const { store, now } = c.var.deps;
    const user = c.var.user;
    const [catalog, assignments, activity, notifications, sponsor] = await Promise.all([
      store.getCatalog(user.orgId, contentLocale(c)),
      store.listAssignments(user.orgId, [user.id]),
      learnerActivity(store, user, now()),
      store.listNotifications(user.orgId, user.id, 10),
      store.getSponsorMessage(user.orgId),
    ]);
    const today = localDate(now(), user.tz);
    const progress = reportProgress({
      activity,
      catalog,
      assignments,
      competencies: [],
      streak: 0,
      tz: user.tz,
      now: now(),
    });
    const showSponsor = sponsor && sponsor.startsOn <= today && today <= sponsor.endsOn;
    // Who sent each message: usually one manager, so a handful of reads at most.
    const senders = new Map<string, string>();
    for (const id of new Set(notifications.map((n) => n.fromUserId)))
      if (id) {
        const sender = await store.getUser(id);
        if (sender && sender.orgId === user.orgId) senders.set(id, sender.name);
      }
    return c.json({
      assignments: progress.assignments,
      notifications: notifications.map((n) => ({
        id: n.id,
        kind: n.kind,
        text: n.text,
        ...(n.phrase ? { phrase: n.phrase } : {}),
        ...(n.fromUserId && senders.has(n.fromUserId)
          ? { fromName: senders.get(n.fromUserId)! }
          : {}),
        createdAt: new Date(n.createdAt).toISOString(),
        read: n.readAt !== null,
      })),
      sponsor: showSponsor
        ? { name: sponsor.name, title: sponsor.title, text: sponsor.text }
        : null,
    } satisfies HomeReply);
  })
  /** The language the person reads Kindling in; mails to them are worded in it. */
  .put('/me/locale', requireUser(), async (c) => {
    const { locale } = parseInput(localeBody, await readJson(c));
    await c.var.deps.store.setUserLocale(c.var.user.id, locale);
    return c.json({ locale } satisfies LocaleReply);
  })
  .post('/me/notifications/read', requireUser(), async (c) => {
    const { store, now } = c.var.deps;
    await store.markNotificationsRead(c.var.user.orgId, c.var.user.id, now());
    return c.json({ ok: true } satisfies OkReply);
  })
  .get('/me/sessions', requireUser(), async (c) => {
    const { store, now } = c.var.deps;
    const sessions = await store.listSessions(c.var.user.id, now());
    return c.json({
      sessions: sessions.map((s) => ({
        id: sessionId(s.tokenHash),
        createdAt: new Date(s.createdAt).toISOString(),
        expiresAt: new Date(s.expiresAt).toISOString(),
        current: s.tokenHash === c.var.sessionHash,
      })),
    } satisfies SessionsReply);
  })
  .post('/me/sessions/:id/revoke', requireUser(), async (c) => {
    const { store, now } = c.var.deps;
    const sessions = await store.listSessions(c.var.user.id, now());
    const target = sessions.find((s) => sessionId(s.tokenHash) === c.req.param('id'));
    if (!target) throw new ApiError(404, 'not_found', 'error.noSession');
    await store.deleteSession(target.tokenHash);
    return c.json({
      ok: true,
      current: target.tokenHash === c.var.sessionHash,
    } satisfies RevokeSessionReply);
  });
