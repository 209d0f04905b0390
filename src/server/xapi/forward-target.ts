/**
 * Where statements may be forwarded, and the one HTTP request that sends them (issue 19).
 *
 * A tenant admin types the endpoint, so without a check they could make the server call internal
 * services (SSRF). The rule is push-target.ts's: https, a host that is a public address or a
 * public name, and at connection time the agent's own DNS answer must be public too (a name
 * cannot be rebound to a local address later). `XAPI_FORWARD_ALLOW_PRIVATE=1` lifts the rule for
 * an LRS inside the company network (and for tests' local receivers): http and any address.
 */
import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  bareHost,
  checkPushEndpoint,
  isPublicAddress,
  isPublicHost,
  pushAgent,
  RefusedPushAddress,
  urlOf,
  type PushTargets,
} from '../push-target';
import type { ForwardingError } from '../store/store';

/** The admin screen's words for each code (app messages `forwarding.error.<code>`). */
export type ForwardingErrorCode =
  'unreachable' | 'timeout' | 'address' | 'credentials' | 'rejected' | 'status' | 'secret';

function targets(allowPrivate: boolean): PushTargets {
  return {
    checkUrl(endpoint) {
      const url = urlOf(endpoint);
      const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
      if (!url || !schemes.includes(url.protocol) || url.username || url.password)
        return 'error.forwardEndpoint';
      if (url.search || url.hash) return 'error.forwardEndpoint';
      if (allowPrivate) return undefined;
      return isPublicHost(bareHost(url)) ? undefined : 'error.forwardEndpoint';
    },
    allowsAddress: (address) => allowPrivate || isPublicAddress(address),
  };
}

/** True when the server may forward to this endpoint (URL and, for a name, where it resolves). */
export async function forwardEndpointAllowed(endpoint: string, allowPrivate: boolean) {
  return (await checkPushEndpoint(endpoint, targets(allowPrivate))) === undefined;
}

const agents = new Map<boolean, HttpAgent>();

export interface ForwardRequest {
  method: 'POST' | 'PUT';
  /** The LRS endpoint without a trailing slash; `/statements` (and `query`) is appended. */
  endpoint: string;
  query?: string;
  key: string;
  secret: string;
  body: unknown;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** Sends statements; answers the HTTP status, or the error that kept the request from one. */
export function sendStatements(r: ForwardRequest): Promise<number | ForwardingError> {
  const fail = (code: ForwardingErrorCode): ForwardingError => ({ code, status: null });
  if (targets(r.allowPrivate).checkUrl(r.endpoint)) return Promise.resolve(fail('address'));
  const url = new URL(`${r.endpoint}/statements${r.query ?? ''}`);
  const https = url.protocol === 'https:';
  let agent = agents.get(r.allowPrivate);
  if (https && !r.allowPrivate && !agent) {
    agent = pushAgent(targets(false));
    agents.set(false, agent);
  }
  const body = JSON.stringify(r.body);
  return new Promise((resolve) => {
    const req = (https ? httpsRequest : httpRequest)(url, {
      method: r.method,
      ...(https && !r.allowPrivate ? { agent } : {}),
      headers: {
        authorization: `Basic ${Buffer.from(`${r.key}:${r.secret}`).toString('base64')}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-experience-api-version': '2.0.0',
      },
      timeout: r.timeoutMs,
    });
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', () => resolve(fail('unreachable')));
    });
    req.once('timeout', () => {
      req.destroy();
      resolve(fail('timeout'));
    });
    req.once('error', (err) =>
      resolve(fail(err instanceof RefusedPushAddress ? 'address' : 'unreachable')),
    );
    req.end(body);
  });
}
