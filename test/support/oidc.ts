/**
 * A real OpenID provider for the tests: oidc-provider 9 (the certified Node implementation) on
 * 127.0.0.1, with its development sign-in form (fields `login` and `password`; any password
 * passes, the login picks the account). Consent is granted up front so a sign-in is one form.
 *
 * `conformIdTokenClaims: true` (the default) puts `email`, `name`… only in userinfo when an access
 * token is issued; `false` puts them in the id token: the relying party must handle both.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ProviderContext } from 'oidc-provider';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  locale?: string;
  zoneinfo?: string;
}

export interface TestProviderOptions {
  redirectUris: string[];
  /** Keyed by the login typed into the provider's form (the app sends the email as a hint). */
  accounts: Record<string, TestAccount>;
  conformIdTokenClaims?: boolean;
  /** Seconds an id token lives (oidc-provider's default: 1 hour). */
  idTokenTtl?: number;
  clientId?: string;
  clientSecret?: string;
  /** More clients registered at the same provider (another application of the same company). */
  otherClients?: Array<{ clientId: string; clientSecret: string; redirectUris: string[] }>;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The `kid`s the provider publishes at its `jwks_uri`, the one it signs with first. */
  publishedKids(): Promise<string[]>;
  /**
   * Rotates the signing key as providers do: a new key, first in the JWKS (the one it signs
   * with), the old ones still published; same issuer, same port, nothing restarted but the key.
   */
  rotateSigningKey(): void;
  /**
   * From now on the provider signs with a key it never publishes (its `jwks_uri` still answers
   * the published keys). `sameKid` gives that key the current signing key's `kid`.
   */
  signWithUnpublishedKey(sameKid?: boolean): void;
  /** The token endpoint's next answer is this body instead of the provider's own. */
  answerNextTokenRequest(body: unknown): void;
  close(): Promise<void>;
}

/** A private RSA signing key as a JWK, with its `kid`. */
function signingKey(kid: string): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
}

const CLAIMS = ['email', 'email_verified', 'name', 'locale', 'zoneinfo'];

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const clientId = options.clientId ?? 'kindling';
  const clientSecret = options.clientSecret ?? 'kindling-test-secret';
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const makeProvider = (keys: Array<Record<string, unknown>>) =>
    new Provider(issuer, {
      jwks: { keys },
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: options.redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
        ...(options.otherClients ?? []).map((other) => ({
          client_id: other.clientId,
          client_secret: other.clientSecret,
          redirect_uris: other.redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
        })),
      ],
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'locale', 'zoneinfo'],
      },
      conformIdTokenClaims: options.conformIdTokenClaims ?? true,
      cookies: { keys: ['kindling-test-cookie-key'] },
      pkce: { required: () => true },
      ttl: { IdToken: options.idTokenTtl ?? 3600 },
      findAccount(_ctx: unknown, id: string) {
        const account = options.accounts[id];
        return (
          account && {
            accountId: id,
            claims: () => ({ sub: `sub-${id}`, ...account }),
          }
        );
      },
      async loadExistingGrant(ctx: ProviderContext) {
        const { client, session, provider: p } = ctx.oidc;
        const existing = session.grantIdFor(client.clientId);
        if (existing) return p.Grant.find(existing);
        const grant = new p.Grant({ clientId: client.clientId, accountId: session.accountId });
        grant.addOIDCScope('openid email profile');
        grant.addOIDCClaims(CLAIMS);
        await grant.save();
        return grant;
      },
    });
  let generation = 1;
  let published = [signingKey('key-1')];
  let publishing = makeProvider(published).callback();
  let signing = publishing;
  let nextTokenAnswer: string | undefined;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === '/token' && req.method === 'POST' && nextTokenAnswer !== undefined) {
      const answer = nextTokenAnswer;
      nextTokenAnswer = undefined;
      req.resume();
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(answer);
      return;
    }
    (path === '/jwks' ? publishing : signing)(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    async publishedKids() {
      const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as {
        keys: Array<{ kid: string }>;
      };
      return jwks.keys.map((key) => key.kid);
    },
    rotateSigningKey() {
      generation++;
      published = [signingKey(`key-${generation}`), ...published];
      publishing = makeProvider(published).callback();
      signing = publishing;
    },
    signWithUnpublishedKey(sameKid = false) {
      const kid = sameKid ? (published[0]!.kid as string) : 'never-published';
      signing = makeProvider([signingKey(kid)]).callback();
    },
    answerNextTokenRequest(body: unknown) {
      nextTokenAnswer = JSON.stringify(body);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Signs in at the provider as a browser would, without one: follows its redirects from the app's
 * authorization URL, fills the login form, and returns the URL the provider sends back to the app
 * (the callback with `code` and `state`).
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  redirectPrefix: string,
): Promise<URL> {
  const cookies = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
  };
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    remember(res);
    return res;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    if (url.startsWith(redirectPrefix)) return new URL(url);
    const res = await send(url);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} without a form: ${html}`);
    const posted = await send(new URL(action.replaceAll('&amp;', '&'), url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    });
    url = new URL(posted.headers.get('location')!, url).href;
  }
  throw new Error('the provider never sent the browser back to the app');
}

/**
 * What another application registered at the same provider receives for `login`: the whole code
 * flow as that client (its own PKCE), with the `nonce` given. The answer of its token endpoint.
 */
export async function tokensForOtherClient(
  issuer: string,
  client: { clientId: string; clientSecret: string; redirectUri: string },
  login: string,
  nonce: string,
): Promise<Record<string, unknown>> {
  const verifier = randomBytes(32).toString('base64url');
  const authorization = new URL(`${issuer}/auth`);
  authorization.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'another-application',
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const back = await signInAtProvider(authorization.href, login, client.redirectUri);
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  if (res.status !== 200) throw new Error(`token endpoint: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
