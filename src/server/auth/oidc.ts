/**
 * The OpenID Connect client, through openid-client 6 (a certified relying party): discovery,
 * Authorization Code with PKCE (S256), `state` and `nonce`, and every check of the id token
 * (signature against the provider's JWKS — `enableNonRepudiationChecks` — refetched when a key
 * rotates; issuer; audience; expiry; nonce) is the library's. Nothing here reads a JWT by hand.
 *
 * A provider's configuration (discovery document and JWKS cache) is kept per process for ten
 * minutes: it is a cache, not state, so any process can answer any step of a sign-in.
 *
 * Key rotation: openid-client refetches the JWKS for an unknown `kid` only when its copy is a
 * minute old (its guard against a flood of made-up `kid`s). So that the first sign-in after a
 * provider starts signing with a new key does not fail, an id token whose key is not in the
 * cached JWKS is checked once more, by openid-client, against a configuration discovered anew
 * (fresh JWKS), replaying the token endpoint's answer (the code cannot be exchanged twice). A key
 * the provider does not publish is refused then as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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

/** The token endpoint's answer within one `finishSignIn`, kept to be checked a second time. */
interface TokenExchange {
  answer?: { body: ArrayBuffer; status: number; headers: [string, string][] };
  replay?: boolean;
}
const exchanges = new AsyncLocalStorage<TokenExchange>();

/** Every provider request goes through here; only the token request (POST) is kept or replayed. */
const exchangeFetch: oidc.CustomFetch = async (url, options) => {
  const exchange = exchanges.getStore();
  const send = () => fetch(url, options as RequestInit);
  if (!exchange || options.method !== 'POST') return send();
  if (exchange.replay && exchange.answer) {
    const { body, status, headers } = exchange.answer;
    return new Response(body, { status, headers });
  }
  const res = await send();
  exchange.answer = {
    body: await res.clone().arrayBuffer(),
    status: res.status,
    headers: [...res.headers],
  };
  return res;
};

const discovered = new Map<string, { config: Promise<oidc.Configuration>; until: number }>();

/**
 * The provider's configuration. `clockSkewSeconds` sets the clock tokens are checked against
 * (the server's injectable clock minus the real one; 0 in production).
 */
export function providerConfig(
  client: ProviderClient,
  now: number,
  clockSkewSeconds = 0,
  rediscover = false,
): Promise<oidc.Configuration> {
  const key = JSON.stringify([
    client.issuer,
    client.clientId,
    hashToken(client.clientSecret),
    clockSkewSeconds,
  ]);
  const hit = discovered.get(key);
  if (hit && hit.until > now && !rediscover) return hit.config;
  const issuer = new URL(client.issuer);
  // Plain HTTP only for a provider on this machine (development and tests).
  const insecure = issuer.protocol === 'http:' && isLocalhost(issuer.hostname);
  const config = oidc.discovery(
    issuer,
    client.clientId,
    { client_secret: client.clientSecret, [oidc.clockSkew]: clockSkewSeconds },
    oidc.ClientSecretBasic(client.clientSecret),
    {
      [oidc.customFetch]: exchangeFetch,
      // The id token's signature is checked against the provider's JWKS even though it came
      // straight from the token endpoint (OpenID Connect lets a client skip that over TLS).
      execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])],
    },
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
 * `rediscover` gives the provider's configuration discovered anew (see key rotation above).
 */
export async function finishSignIn(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: SignInChecks,
  rediscover: () => Promise<oidc.Configuration>,
): Promise<ProviderProfile> {
  const grant = (current: oidc.Configuration) =>
    oidc.authorizationCodeGrant(current, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  const exchange: TokenExchange = {};
  let tokens: Awaited<ReturnType<typeof grant>>;
  try {
    tokens = await exchanges.run(exchange, () => grant(config));
  } catch (err) {
    if ((err as { code?: unknown })?.code !== 'OAUTH_KEY_SELECTION_FAILED' || !exchange.answer)
      throw err;
    // A key not in the cached JWKS: check the same answer against the provider's keys of now.
    config = await rediscover();
    exchange.replay = true;
    tokens = await exchanges.run(exchange, () => grant(config));
  }
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
