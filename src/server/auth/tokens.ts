/**
 * Invite codes and password-reset tokens. Both are single-use and expire; the database keeps only
 * their SHA-256 (like sessions), so a leaked table cannot be turned into working links.
 *
 * - Invite code: 10 characters of Crockford base32 (50 bits), shown as `ABCDE-FGHJK` so it can be
 *   read out or typed; guessing is bounded by the per-address rate limit on the public endpoints.
 *   Input is normalised (case, dashes, spaces, O→0, I/L→1) before hashing.
 * - Reset token: 32 random bytes, base64url, only ever used inside a link.
 */
import { randomBytes } from 'node:crypto';
import { hashToken } from './session';

export const INVITE_DAYS = 14;
export const RESET_HOURS = 24;
/** Public invite/reset attempts per address in one window. */
export const TOKEN_LIMIT = { perAddress: 30, windowMs: 15 * 60_000 };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newInviteCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CROCKFORD[b % 32]!).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function normaliseInviteCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const inviteHash = (code: string) => hashToken(`invite:${normaliseInviteCode(code)}`);

export const newResetToken = () => randomBytes(32).toString('base64url');
export const resetHash = (token: string) => hashToken(`reset:${token}`);

/**
 * SCIM bearer tokens: 32 random bytes behind a recognisable prefix (secret scanners and people
 * can tell what leaked); only the SHA-256 is stored.
 */
export const newScimToken = () => `kscim_${randomBytes(32).toString('base64url')}`;
export const scimTokenHash = (token: string) => hashToken(`scim:${token}`);
