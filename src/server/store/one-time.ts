/**
 * One-time rows (access tokens for invites and resets, SSO sign-ins under way) are spent by
 * writing `used_at`, and are good until `expires_at`.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema';

type OneTimeTable = 'access_tokens' | 'sso_logins';

/** For `.where`: the row is still good at `now`: never used, and not expired. */
export const unspent = (now: number) => (eb: ExpressionBuilder<Database, OneTimeTable>) =>
  eb.and([eb('used_at', 'is', null), eb('expires_at', '>', now)]);
