/**
 * Invite and password-reset links as admins hand them out: each link is a single-use token
 * (auth/tokens.ts) stored together with the mail that carries it, in one transaction, so an
 * invite is never half made; with mail on (`SMTP_URL`) the sender is then asked to send at once.
 * Without mail the admin copies the link, as before.
 *
 * A mail is worded in the recipient's language: their own (`users.locale`) where they have an
 * account, else the one the admin chose for the invite, else the admin's own, else English.
 */
import type { AccessLink } from '../core/api-admin';
import type { Locale } from '../core/wording';
import {
  INVITE_DAYS,
  inviteHash,
  newInviteCode,
  newResetToken,
  RESET_HOURS,
  resetHash,
} from './auth/tokens';
import type { AppDeps } from './env';
import { inviteMail, resetMail } from './mail/compose';
import type { IssuedToken, Person, Role, User } from './store/store';

export interface InviteRequest {
  cohortId: string;
  /** The cohort's zone: the invite's expiry date is shown in it. */
  tz: string;
  role: Role;
  email: string | null;
  /** Used to greet them in the mail. */
  name?: string | undefined;
  managerId: string | null;
  /** The mail's language, when the admin chose one. */
  locale?: Locale | undefined;
}

/** A link made for a person: `AccessLink` of the admin's API replies. */
export type IssuedLink = AccessLink;

/** The admin as their mails name them, with their language and their organisation's name. */
async function sender(deps: AppDeps, admin: User) {
  const me = await deps.store.recipient(admin.id);
  return { name: admin.name, org: me?.orgName ?? admin.orgId, locale: me?.locale };
}

/** Makes invites (all in one transaction) and mails those that have an address. */
export async function issueInvites(
  deps: AppDeps,
  admin: User,
  origin: string,
  requests: InviteRequest[],
): Promise<Array<IssuedLink & { code: string }>> {
  const { store, now, mail } = deps;
  const from = mail ? await sender(deps, admin) : undefined;
  const expiresAt = now() + INVITE_DAYS * 86_400_000;
  const made = requests.map((r) => {
    const code = newInviteCode();
    const url = `${origin}/join/${code}`;
    const issued: IssuedToken = {
      tokenHash: inviteHash(code),
      token: {
        kind: 'invite',
        orgId: admin.orgId,
        userId: null,
        cohortId: r.cohortId,
        role: r.role,
        email: r.email,
        managerId: r.managerId,
        createdBy: admin.id,
        expiresAt,
      },
      mail:
        from && r.email
          ? inviteMail({
              to: r.email,
              name: r.name,
              inviter: from.name,
              org: from.org,
              url,
              expiresAt,
              tz: r.tz,
              locale: r.locale ?? from.locale ?? 'en',
            })
          : null,
    };
    return { code, url, issued };
  });
  await store.issueTokens(
    made.map((m) => m.issued),
    now(),
  );
  if (made.some((m) => m.issued.mail)) void mail?.flush();
  return made.map(({ code, url, issued }) => ({
    code,
    url,
    expiresAt: new Date(expiresAt).toISOString(),
    mailedTo: issued.mail?.to ?? null,
  }));
}

/** Makes a password-reset link for an active person and mails it to them when mail is on. */
export async function issueReset(
  deps: AppDeps,
  admin: User,
  person: Person,
  origin: string,
): Promise<IssuedLink> {
  const { store, now, mail } = deps;
  const token = newResetToken();
  const expiresAt = now() + RESET_HOURS * 3_600_000;
  const url = `${origin}/reset/${token}`;
  const [from, them] = mail
    ? await Promise.all([sender(deps, admin), store.recipient(person.id)])
    : [];
  const issued: IssuedToken = {
    tokenHash: resetHash(token),
    token: {
      kind: 'reset',
      orgId: person.orgId,
      userId: person.id,
      cohortId: null,
      role: null,
      email: null,
      managerId: null,
      createdBy: admin.id,
      expiresAt,
    },
    mail: from
      ? resetMail({
          to: person.email,
          name: person.name,
          org: from.org,
          url,
          expiresAt,
          tz: person.tz,
          locale: them?.locale ?? from.locale ?? 'en',
        })
      : null,
  };
  await store.issueTokens([issued], now());
  if (issued.mail) void mail?.flush();
  return {
    url,
    expiresAt: new Date(expiresAt).toISOString(),
    mailedTo: issued.mail?.to ?? null,
  };
}
