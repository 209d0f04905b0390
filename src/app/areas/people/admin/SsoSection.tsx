/**
 * Single sign-on for the organisation: the provider (issuer, client id, secret), the email domains
 * that sign in there, and the addresses to register and share. The secret is never shown; left
 * blank, the stored one stays.
 */
import { Field, SecretField } from '../../../views/Field';
import { t } from '../messages';
import type { AdminStore } from './admin-store';
import { AdminForm } from './form';
import { NamedOptions } from './options';

export function SsoSection({ admin }: { admin: AdminStore }) {
  const answer = admin.sso.value;
  if (!answer) return null;
  const sso = answer.sso;
  return (
    <>
      <h2>{t('sso.title')}</h2>
      <p>{t('sso.lead')}</p>
      <dl class="card">
        <dt>{t('sso.redirectUri')}</dt>
        <dd>
          <code>{answer.redirectUri}</code>
        </dd>
        <dt>{t('sso.signInUrl')}</dt>
        <dd>{sso ? <code>{answer.signInUrl}</code> : t('sso.off')}</dd>
      </dl>
      <AdminForm
        onValues={(v, form) => {
          const checked = (name: string) =>
            (form.elements.namedItem(name) as HTMLInputElement).checked;
          return admin.saveSso({
            issuer: v('ssoIssuer'),
            clientId: v('ssoClientId'),
            clientSecret: v('ssoSecret'),
            emailDomains: v('ssoDomains')
              .split(/[\s,;]+/)
              .filter(Boolean),
            passwordSignIn: checked('ssoPasswords'),
            createAccounts: checked('ssoCreate'),
            defaultCohortId: v('ssoCohort') || null,
          });
        }}
      >
        <Field
          id="ssoIssuer"
          label={t('sso.issuer')}
          type="url"
          required
          placeholder="https://login.microsoftonline.com/<tenant>/v2.0"
          defaultValue={sso?.issuer ?? ''}
        />
        <Field
          id="ssoClientId"
          label={t('sso.clientId')}
          required
          defaultValue={sso?.clientId ?? ''}
        />
        <SecretField
          id="ssoSecret"
          label={t('sso.clientSecret')}
          stored={!!sso}
          keptHint={t('sso.secretKept')}
        />
        <Field
          id="ssoDomains"
          label={t('sso.domains')}
          required
          defaultValue={sso?.emailDomains.join(', ') ?? ''}
        />
        <label for="ssoCohort">{t('sso.cohort')}</label>
        <select id="ssoCohort" name="ssoCohort" defaultValue={sso?.defaultCohortId ?? ''}>
          <option value="">{t('sso.firstCohort')}</option>
          <NamedOptions of={admin.cohorts.value} />
        </select>
        <label class="check">
          <input
            type="checkbox"
            name="ssoPasswords"
            defaultChecked={sso?.passwordSignIn ?? false}
          />
          {t('sso.passwordSignIn')}
        </label>
        <label class="check">
          <input type="checkbox" name="ssoCreate" defaultChecked={sso?.createAccounts ?? true} />
          {t('sso.createAccounts')}
        </label>
        <button type="submit" class="button">
          {t('sso.save')}
        </button>
      </AdminForm>
    </>
  );
}
