/**
 * The OpenID Connect client, through openid-client 6 (a certified relying party): discovery,
 * Authorization Code with PKCE (S256), `state` and `nonce`, and every check of the id token
 * (signature against the provider's JWKS, refetched when a key rotates; issuer; audience; expiry;
 * nonce) is the library's. Nothing here reads a JWT by hand.
 *
 * A provider's configuration (discovery document and JWKS cache) is kept per process for ten
 * minutes: it is a cache, not state, so any process can answer any step of a sign-in.
 */
import * as oidc from 'openid-client';
import { isLocalhost } from '../middleware/security';
import { hashToken } from './session';

export const SSO_SCOPES = 'openid email profile';
const DISCOVERY_TTL_MS = 10 * 60_000;

export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** A sign-in sent to the provider: what the callback must find again. */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The claims Kindling reads, from the id token or else from userinfo. */
export interface ProviderProfile {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  locale?: string;
  zoneinfo?: string;
}

const discovered = new Map<string, { config: Promise<oidc.Configuration>; until: number }>();

/**
 * The provider's configuration. `clockSkewSeconds` sets the clock tokens are checked against
 * (the server's injectable clock minus the real one; 0 in production).
 */
export function providerConfig(
  client: ProviderClient,
  now: number,
  clockSkewSeconds = 0,
): Promise<oidc.Configuration> {
  const key = JSON.stringify([
    client.issuer,
    client.clientId,
    hashToken(client.clientSecret),
    clockSkewSeconds,
  ]);
  const hit = discovered.get(key);
  if (hit && hit.until > now) return hit.config;
  const issuer = new URL(client.issuer);
  // Plain HTTP only for a provider on this machine (development and tests).
  const insecure = issuer.protocol === 'http:' && isLocalhost(issuer.hostname);
  const config = oidc.discovery(
    issuer,
    client.clientId,
    { client_secret: client.clientSecret, [oidc.clockSkew]: clockSkewSeconds },
    oidc.ClientSecretBasic(client.clientSecret),
    insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
  discovered.set(key, { config, until: now + DISCOVERY_TTL_MS });
  config.catch(() => discovered.delete(key));
  return config;
}

/** Fresh `state`, `nonce` and PKCE verifier for one sign-in. */
export const newSignInChecks = (): SignInChecks => ({
  state: oidc.randomState(),
  nonce: oidc.randomNonce(),
  codeVerifier: oidc.randomPKCECodeVerifier(),
});

/** The provider's authorization URL for one sign-in. */
export async function authorizationUrl(
  config: oidc.Configuration,
  redirectUri: string,
  checks: SignInChecks,
  loginHint?: string,
): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SSO_SCOPES,
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
}

/**
 * Finishes a sign-in: exchanges the code (with the PKCE verifier), has openid-client check the
 * state, the id token and its nonce, and reads the profile claims from the id token, asking
 * userinfo for those it lacks (providers differ in which claims they put in the id token).
 */
export async function finishSignIn(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: SignInChecks,
): Promise<ProviderProfile> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims()!;
  let claims: Record<string, unknown> = idToken;
  if (idToken.email === undefined || idToken.name === undefined) {
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
    claims = { ...userinfo, ...idToken };
  }
  const text = (name: string) =>
    typeof claims[name] === 'string' && claims[name] ? (claims[name] as string) : undefined;
  const verified = claims.email_verified;
  return {
    issuer: idToken.iss,
    subject: idToken.sub,
    email: text('email')?.toLowerCase(),
    // Some providers send the flag as a string.
    emailVerified:
      typeof verified === 'boolean'
        ? verified
        : verified === 'true'
          ? true
          : verified === 'false'
            ? false
            : undefined,
    name: text('name'),
    locale: text('locale'),
    zoneinfo: text('zoneinfo'),
  };
}

/** Which of openid-client's refusals a sign-in met, as the phrase the person reads. */
export function refusalOf(
  err: unknown,
): 'error.ssoCancelled' | 'error.ssoUnavailable' | 'error.ssoTokenRejected' {
  if (err instanceof oidc.AuthorizationResponseError) return 'error.ssoCancelled';
  const code = (err as { code?: unknown })?.code;
  if (
    err instanceof TypeError ||
    code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
    code === 'OAUTH_TIMEOUT' ||
    (err as Error)?.name === 'AbortError'
  )
    return 'error.ssoUnavailable';
  return 'error.ssoTokenRejected';
}
