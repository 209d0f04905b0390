/**
 * A real OpenID provider for the tests: oidc-provider 9 (the certified Node implementation) on
 * 127.0.0.1, with its development sign-in form (fields `login` and `password`; any password
 * passes, the login picks the account). Consent is granted up front so a sign-in is one form.
 *
 * `conformIdTokenClaims: true` (the default) puts `email`, `name`… only in userinfo when an access
 * token is issued; `false` puts them in the id token: the relying party must handle both.
 */
import { createServer, type Server } from 'node:http';
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
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

const CLAIMS = ['email', 'email_verified', 'name', 'locale', 'zoneinfo'];

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const clientId = options.clientId ?? 'kindling';
  const clientSecret = options.clientSecret ?? 'kindling-test-secret';
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
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
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
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
