/**
 * Single sign-on with OpenID Connect (issue 16), one provider per organisation.
 *
 * - Admins set and read their organisation's provider (`PUT`/`GET /admin/sso`, mounted inside
 *   the admin routes and their guard). The client secret is sealed at rest and never answered.
 * - `GET /auth/sso/discover?email=` tells the sign-in screen whether the email's domain signs in
 *   at a provider; `GET /auth/sso/start?email=…` (or `?org=<slug>`, where `/sso/<slug>` leads)
 *   sends the browser there; `GET /auth/sso/callback` finishes the sign-in.
 * - Every refusal of the flow redirects back to the app (`/?signInError=<phrase key>`), where the
 *   sign-in screen words it, and changes nothing: no person, link or session is made.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { SignInMethod } from '../../core/api';
import type { SsoAnswer, SsoSettings } from '../../core/api-admin';
import { isValidTimeZone } from '../../core/events';
import type { ErrorKey } from '../../core/phrases/errors';
import {
  authorizationUrl,
  finishSignIn,
  newSignInChecks,
  providerConfig,
  refusalOf,
  type ProviderProfile,
} from '../auth/oidc';
import { sealedOrKept, unseal } from '../auth/secrets';
import { hashToken, startSession } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import { clientAddress, publicOrigin } from '../middleware/client-address';
import type { SsoConfig, Store } from '../store/store';

/** A sign-in at the provider must come back within this time. */
export const SSO_LOGIN_MINUTES = 10;
/** Sign-ins sent to a provider per address in one window (each writes a row). */
export const SSO_START_LIMIT = { perAddress: 60, windowMs: 15 * 60_000 };
export const CALLBACK_PATH = '/api/v1/auth/sso/callback';
/** Stored as the password hash of people made at first sign-in: no password matches it. */
const NO_PASSWORD = 'sso-only';

const email = z.string().trim().toLowerCase().email().max(254);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);
const issuer = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((text) => {
    const url = new URL(text);
    const local = url.hostname === 'localhost' || url.hostname.startsWith('127.');
    return url.protocol === 'https:' || (url.protocol === 'http:' && local);
  }, 'error.field.format');
const ssoBody = z
  .object({
    issuer,
    clientId: z.string().trim().min(1).max(255),
    /** Left out on an update: the stored secret stays. */
    clientSecret: z.string().min(1).max(1024).optional(),
    emailDomains: z.array(domain).min(1).max(50),
    passwordSignIn: z.boolean().default(false),
    createAccounts: z.boolean().default(true),
    defaultCohortId: z.string().min(1).max(100).nullable().default(null),
  })
  .strict();

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** The settings as admins read them: everything but the secret. */
const settingsOf = (config: SsoConfig): SsoSettings => ({
  issuer: config.issuer,
  clientId: config.clientId,
  emailDomains: config.emailDomains,
  passwordSignIn: config.passwordSignIn,
  createAccounts: config.createAccounts,
  defaultCohortId: config.defaultCohortId,
});

async function ssoAnswer(c: Context<AppEnv>, config: SsoConfig | undefined): Promise<SsoAnswer> {
  const origin = publicOrigin(c);
  const orgId = c.var.user.orgId;
  const slug = (await c.var.deps.store.orgSlug(orgId)) ?? orgId;
  return {
    sso: config ? settingsOf(config) : null,
    redirectUri: `${origin}${CALLBACK_PATH}`,
    signInUrl: `${origin}/sso/${encodeURIComponent(slug)}`,
  };
}

/** `/admin/sso`: mounted by the admin routes, behind their admin-only guard. */
export const ssoAdminRoutes = new Hono<AppEnv>()
  .get('/admin/sso', async (c) =>
    c.json(await ssoAnswer(c, await c.var.deps.store.getSsoConfig(c.var.user.orgId))),
  )
  .put('/admin/sso', async (c) => {
    const body = parseInput(ssoBody, await readJson(c));
    const { store, now } = c.var.deps;
    const orgId = c.var.user.orgId;
    const before = await store.getSsoConfig(orgId);
    if (body.defaultCohortId && (await store.getCohort(body.defaultCohortId))?.orgId !== orgId)
      throw new ApiError(400, 'unknown_cohort', 'error.noCohortNamed', {
        name: body.defaultCohortId,
      });
    const sealedSecret = sealedOrKept(body.clientSecret, before?.sealedSecret, {
      keyMissing: 'error.ssoKeyMissing',
      needed: 'error.ssoSecretNeeded',
    });
    const { clientSecret: _secret, ...settings } = body;
    const config: SsoConfig = { ...settings, orgId, sealedSecret, updatedAt: now() };
    const { takenDomain } = await store.saveSsoConfig(config);
    if (takenDomain)
      throw new ApiError(409, 'domain_taken', 'error.ssoDomainTaken', { domain: takenDomain });
    return c.json(await ssoAnswer(c, await store.getSsoConfig(orgId)));
  });

/** Back to the app's sign-in screen, which words the refusal. */
const refuse = (c: Context<AppEnv>, key: ErrorKey) =>
  c.redirect(`/?signInError=${encodeURIComponent(key)}`, 303);

/** The provider's configuration (cached per process); `rediscover` fetches it anew. */
function openProvider(c: Context<AppEnv>, config: SsoConfig, rediscover = false) {
  const now = c.var.deps.now();
  const skew = Math.round((now - Date.now()) / 1000);
  return providerConfig(
    { issuer: config.issuer, clientId: config.clientId, clientSecret: unseal(config.sealedSecret) },
    now,
    skew,
    rediscover,
  );
}

const stateHash = (state: string) => hashToken(`sso:${state}`);

type Admission = { userId: string } | { refusal: ErrorKey };

/**
 * Who a provider's profile lets in: the person linked to that provider account; else the person
 * with that (verified) email, linked now; else, when the organisation allows, a new learner in
 * its default cohort. Deactivated people, emails outside the organisation's domains and
 * unverified emails are refused.
 */
async function admit(store: Store, config: SsoConfig, p: ProviderProfile, now: number) {
  const refuse = (refusal: ErrorKey): Admission => ({ refusal });
  if (!p.email || p.emailVerified === false) return refuse('error.ssoEmailUnverified');
  if (!config.emailDomains.includes(domainOf(p.email))) return refuse('error.ssoDomain');
  const linked = await store.identityAccount(config.orgId, p.issuer, p.subject);
  if (linked) return linked.active ? { userId: linked.id } : refuse('error.ssoDeactivated');
  const identity = { orgId: config.orgId, issuer: p.issuer, subject: p.subject, linkedAt: now };
  const known = await store.accountByEmail(p.email);
  if (known) {
    if (known.orgId !== config.orgId) return refuse('error.ssoOtherOrg');
    if (!known.active) return refuse('error.ssoDeactivated');
    await store.linkIdentity({ ...identity, userId: known.id });
    return { userId: known.id };
  }
  if (!config.createAccounts) return refuse('error.ssoNoAccount');
  const cohorts = await store.orgCohorts(config.orgId);
  const cohort = cohorts.find((x) => x.id === config.defaultCohortId) ?? cohorts[0];
  const id = `u-${randomUUID()}`;
  await store.createSsoUser(
    {
      id,
      orgId: config.orgId,
      email: p.email,
      name: (p.name ?? p.email.slice(0, p.email.indexOf('@'))).slice(0, 80),
      role: 'learner',
      managerId: null,
      tz: p.zoneinfo && isValidTimeZone(p.zoneinfo) ? p.zoneinfo : (cohort?.tz ?? 'UTC'),
      passwordHash: NO_PASSWORD,
      cohortIds: cohort ? [cohort.id] : [],
      locale: languageTag(p.locale),
    },
    identity,
  );
  return { userId: id };
}

function languageTag(text: string | undefined): string | null {
  try {
    return text ? (Intl.getCanonicalLocales(text.replace('_', '-'))[0] ?? null) : null;
  } catch {
    return null;
  }
}

/** The public doors of the flow, mounted with the auth routes. */
export const ssoAuthRoutes = new Hono<AppEnv>()
  .get('/auth/sso/discover', async (c) => {
    const address = email.safeParse(c.req.query('email'));
    const config = address.success
      ? await c.var.deps.store.ssoConfigForDomain(domainOf(address.data))
      : undefined;
    return config
      ? c.json({
          method: 'sso',
          startUrl: `/api/v1/auth/sso/start?email=${encodeURIComponent(address.data!)}`,
        } satisfies SignInMethod)
      : c.json({ method: 'password' } satisfies SignInMethod);
  })
  .get('/auth/sso/start', async (c) => {
    const { store, now } = c.var.deps;
    const hits = await store.hitRateLimit(
      `sso:ip:${clientAddress(c)}`,
      SSO_START_LIMIT.windowMs,
      now(),
    );
    if (hits > SSO_START_LIMIT.perAddress) return refuse(c, 'error.tooManySignIns');
    const address = email.safeParse(c.req.query('email'));
    const slug = c.req.query('org');
    const config = address.success
      ? await store.ssoConfigForDomain(domainOf(address.data))
      : slug && slug.length <= 100 && !slug.includes('\u0000') // no organisation's slug holds NUL
        ? await store.ssoConfigForSlug(slug)
        : undefined;
    if (!config) return refuse(c, 'error.ssoNoProvider');
    let provider;
    try {
      provider = await openProvider(c, config);
    } catch (err) {
      console.warn(`sso: discovery for ${config.issuer} failed: ${(err as Error).message}`);
      return refuse(c, 'error.ssoUnavailable');
    }
    const checks = newSignInChecks();
    await store.createSsoLogin(stateHash(checks.state), {
      orgId: config.orgId,
      nonce: checks.nonce,
      codeVerifier: checks.codeVerifier,
      createdAt: now(),
      expiresAt: now() + SSO_LOGIN_MINUTES * 60_000,
    });
    const redirectUri = `${publicOrigin(c)}${CALLBACK_PATH}`;
    const hint = address.success ? address.data : undefined;
    return c.redirect((await authorizationUrl(provider, redirectUri, checks, hint)).href, 302);
  })
  .get('/auth/sso/callback', async (c) => {
    const { store, now } = c.var.deps;
    const state = c.req.query('state');
    const login =
      state && state.length <= 200
        ? await store.consumeSsoLogin(stateHash(state), now())
        : undefined;
    if (!login) return refuse(c, 'error.ssoStateInvalid');
    const config = await store.getSsoConfig(login.orgId);
    if (!config) return refuse(c, 'error.ssoNoProvider');
    let profile: ProviderProfile;
    try {
      const provider = await openProvider(c, config);
      const url = new URL(c.req.url);
      const callbackUrl = new URL(`${publicOrigin(c)}${CALLBACK_PATH}${url.search}`);
      profile = await finishSignIn(provider, callbackUrl, { state: state!, ...login }, () =>
        openProvider(c, config, true),
      );
    } catch (err) {
      const refusal = refusalOf(err);
      const { code, message } = err as { code?: string; message?: string };
      console.warn(`sso: sign-in for ${login.orgId} refused (${refusal}): ${code} ${message}`);
      return refuse(c, refusal);
    }
    const admission = await admit(store, config, profile, now());
    if ('refusal' in admission) return refuse(c, admission.refusal);
    await startSession(c, admission.userId);
    // The app asks who is signed in when it sees this (it has no user cached yet).
    return c.redirect('/?signedIn=sso', 303);
  });
