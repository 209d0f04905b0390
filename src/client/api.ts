/**
 * The API client: same-origin JSON over fetch, with the session cookie. A failed connection is a
 * `NetworkError` (retry later); an HTTP error keeps its status and the server's error code.
 */
import type { Params, Phrase } from '../core/wording';

export class NetworkError extends Error {}

/** The server's refusal: its status, its code, and its message as a phrase the app can word. */
export class HttpError extends Error {
  readonly phrase: Phrase;
  /** An upload's problems, one phrase a row (422 `invalid_rows`); empty otherwise. */
  readonly rows: Phrase[];
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    phrase?: { key?: unknown; params?: unknown; rows?: unknown },
    /** From `Retry-After`: how long the server asked us to wait before trying again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.rows = Array.isArray(phrase?.rows) ? (phrase.rows as Phrase[]) : [];
    this.phrase = {
      key: typeof phrase?.key === 'string' ? phrase.key : '',
      ...(isParams(phrase?.params) ? { params: phrase.params } : {}),
      text: message,
    };
  }
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date; undefined if absent. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

const isParams = (value: unknown): value is Params =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function createApi(
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  base = '/api/v1',
) {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    cache?: RequestCache,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        ...(cache && { cache }),
        credentials: 'same-origin',
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new NetworkError('You seem to be offline.');
    }
    const data = (await response.json().catch(() => undefined)) as
      | (T & { error?: { code: string; message: string; key?: unknown; params?: unknown } })
      | undefined;
    if (!response.ok) {
      if (response.status >= 500 && !data?.error)
        throw new NetworkError(`The server answered ${response.status}.`);
      throw new HttpError(
        response.status,
        data?.error?.code ?? 'http_error',
        data?.error?.message ?? response.statusText,
        data?.error,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    if (data === undefined) throw new NetworkError('The server sent an unreadable answer.');
    return data;
  }
  return {
    /** `cache: 'no-cache'` asks for the server's answer, not a copy the worker kept. */
    get: <T>(path: string, { cache }: { cache?: RequestCache } = {}) =>
      request<T>('GET', path, undefined, cache),
    post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
    delete: <T>(path: string) => request<T>('DELETE', path),
  };
}

export type Api = ReturnType<typeof createApi>;
