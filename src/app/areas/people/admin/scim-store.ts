/**
 * The admin's SCIM tokens: list (never the tokens themselves), create (the token is kept in
 * memory only until the admin leaves the screen) and revoke. Created by ScimSection only.
 */
import { signal } from '@preact/signals';
import type { Api } from '../../../../client/api';
import type {
  RevokedReply,
  ScimTokenCreated,
  ScimTokenRow,
  ScimTokensReply,
} from '../../../../core/api-admin';
import { runner } from '../refusal';

export function createScimTokens({ api }: { api: Api }) {
  const tokens = signal<ScimTokenRow[]>([], { name: 'scim.tokens' });
  const scimUrl = signal<string>('', { name: 'scim.url' });
  /** The token just created: shown once. */
  const created = signal<ScimTokenCreated | null>(null, {
    name: 'scim.created',
  });
  const error = signal<string | null>(null, { name: 'scim.error' });

  const run = runner(error);
  const load = () =>
    run(async () => {
      const r = await api.get<ScimTokensReply>('/admin/scim-tokens');
      tokens.value = r.tokens;
      scimUrl.value = r.scimUrl;
    });

  return {
    tokens,
    scimUrl,
    created,
    error,
    load,
    create: (name: string) =>
      run(async () => {
        const r = await api.post<ScimTokenCreated>('/admin/scim-tokens', { name });
        created.value = { id: r.id, name, token: r.token };
        await load();
      }),
    revoke: (id: string) =>
      run(async () => {
        await api.delete<RevokedReply>(`/admin/scim-tokens/${encodeURIComponent(id)}`);
        if (created.value?.id === id) created.value = null;
        await load();
      }),
  };
}

export type ScimTokens = ReturnType<typeof createScimTokens>;
