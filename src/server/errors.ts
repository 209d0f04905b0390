/**
 * Every error leaves the server as `{ "error": { "code", "message" } }` with a 4xx or 5xx status.
 * Stack traces go to the log, never to the client.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
  const status = (err as { status?: number }).status;
  if (status === 413)
    return c.json(errorBody('payload_too_large', 'The request body is too large.'), 413);
  console.error(err);
  return c.json(
    errorBody('internal', 'Something went wrong on our side. Your progress is safe; try again.'),
    500,
  );
}

/** Parses input with a zod schema or throws a 400 naming the first problem. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ApiError(400, 'invalid_request', `${where}${issue.message}`);
}

/** Reads a JSON body, answering 400 (not 500) when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}
