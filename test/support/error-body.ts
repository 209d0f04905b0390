/** The API's error answer: the status and the whole `{ error }` body it must carry. */
import { expect } from 'vitest';

export async function expectErrorBody(
  res: Response,
  status: number,
  error: Record<string, unknown>,
): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual({ error });
}
