/** Invite codes are typed by people: case, dashes, spaces and look-alike letters do not matter. */
import { describe, expect, it } from 'vitest';
import { inviteHash, newInviteCode, normaliseInviteCode } from '../../src/server/auth/tokens';

describe('invite codes', () => {
  it('look like ABCDE-FGHJK in Crockford base32 and differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, newInviteCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('match however they are typed', () => {
    expect(normaliseInviteCode(' ab1o0-il xyz ')).toBe('AB10011XYZ');
    expect(inviteHash('abcde-fghjk')).toBe(inviteHash('ABCDEFGHJK'));
    expect(inviteHash('ABCDE-FGHJK')).not.toBe(inviteHash('ABCDE-FGHJM'));
  });
});
