/**
 * Directory provisioning (SCIM 2.0): the URL to give Entra ID, Okta or Keycloak, tokens to create
 * (shown once, with a copy button), the working tokens with when they were last used, and revoke.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { Api } from '../../../../client/api';
import { formatDate } from '../../../i18n';
import { t } from '../messages';
import { formValues } from './form';
import { createScimTokens } from './scim-store';
import { Outcome } from '../Outcome';

function CopyButton({ text, label }: { text: string; label: string }) {
  const copied = useSignal(false);
  return (
    <>
      <button
        type="button"
        class="button"
        aria-label={label}
        onClick={() => void navigator.clipboard?.writeText(text).then(() => (copied.value = true))}
      >
        {t('scim.copy')}
      </button>
      <span role="status">{copied.value ? t('scim.copied') : ''}</span>
    </>
  );
}

export function ScimSection({ api }: { api: Api }) {
  const scim = useMemo(() => createScimTokens({ api }), []);
  useEffect(() => void scim.load(), []);
  const created = scim.created.value;
  return (
    <>
      <h2>{t('scim.title')}</h2>
      <div class="card">
        <p>{t('scim.intro')}</p>
        {scim.scimUrl.value && (
          <p>
            {t('scim.url')} <span class="copy-box">{scim.scimUrl.value}</span>{' '}
            <CopyButton text={scim.scimUrl.value} label={t('scim.copyUrl')} />
          </p>
        )}
        <Outcome error={scim.error} />
        {created && (
          <p class="notice" role="status">
            {t('scim.created', { name: created.name })}{' '}
            <span class="copy-box" data-testid="scim-token">
              {created.token}
            </span>{' '}
            <CopyButton text={created.token} label={t('scim.copyToken')} />
          </p>
        )}
        <form
          class="form"
          onSubmit={(e) => {
            const name = formValues(e)('scimTokenName');
            if (name) void scim.create(name);
            (e.currentTarget as HTMLFormElement).reset();
          }}
        >
          <label for="scimTokenName">{t('scim.tokenName')}</label>
          <input id="scimTokenName" name="scimTokenName" required maxLength={80} />
          <button type="submit" class="button primary">
            {t('scim.create')}
          </button>
        </form>
        {scim.tokens.value.length === 0 ? (
          <p>{t('scim.none')}</p>
        ) : (
          <ul>
            {scim.tokens.value.map((token) => (
              <li key={token.id}>
                <strong>{token.name}</strong>{' '}
                {t('scim.tokenDates', {
                  created: formatDate(token.createdAt),
                  used: token.lastUsedAt ? formatDate(token.lastUsedAt) : t('scim.neverUsed'),
                })}{' '}
                <button
                  type="button"
                  class="button"
                  aria-label={t('scim.revokeLabel', { name: token.name })}
                  onClick={() =>
                    confirm(t('scim.revokeConfirm', { name: token.name })) &&
                    void scim.revoke(token.id)
                  }
                >
                  {t('scim.revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
