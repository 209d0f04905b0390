/**
 * Forwarding to the organisation's own Learning Record Store: the endpoint with its key and
 * secret (never shown; left blank, the stored one stays), and how sending stands: statements
 * waiting, the last delivery and the last error in words (refreshed and stopped only once set up).
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { Api } from '../../../../client/api';
import { formatDateTime } from '../../../i18n';
import { Field, SecretField } from '../../../views/Field';
import { t } from '../messages';
import { AdminForm } from './form';
import { createForwarding, type Forwarding } from './forwarding-store';
import { Outcome } from '../Outcome';

const ERRORS = {
  unreachable: 'forwarding.error.unreachable',
  timeout: 'forwarding.error.timeout',
  address: 'forwarding.error.address',
  credentials: 'forwarding.error.credentials',
  rejected: 'forwarding.error.rejected',
  status: 'forwarding.error.status',
  secret: 'forwarding.error.secret',
} as const;

function lastErrorText(error: NonNullable<Forwarding['lastError']>): string {
  const key = ERRORS[error.code as keyof typeof ERRORS] ?? ERRORS.status;
  return t(key, { status: error.status ?? '' });
}

function Status({ f }: { f: Forwarding }) {
  return (
    <dl class="card" aria-live="polite">
      <dt>{t('forwarding.backlog')}</dt>
      <dd data-testid="forwarding-backlog">{t('forwarding.waiting', { count: f.backlog })}</dd>
      <dt>{t('forwarding.lastSuccess')}</dt>
      <dd>{f.lastSuccessAt ? formatDateTime(f.lastSuccessAt) : t('forwarding.never')}</dd>
      <dt>{t('forwarding.lastError')}</dt>
      <dd>
        {f.lastError
          ? `${lastErrorText(f.lastError)} (${formatDateTime(f.lastError.at)})`
          : t('forwarding.noError')}
        {f.retryAt && ` ${t('forwarding.retryAt', { at: formatDateTime(f.retryAt) })}`}
      </dd>
    </dl>
  );
}

export function ForwardingSection({ api }: { api: Api }) {
  const store = useMemo(() => createForwarding({ api }), []);
  useEffect(() => void store.load(), []);
  const f = store.forwarding.value;
  if (f === undefined && !store.error.value) return null;
  return (
    <>
      <h2>{t('forwarding.title')}</h2>
      <p>{t('forwarding.lead')}</p>
      <Outcome error={store.error} notice={store.notice} />
      {f ? <Status f={f} /> : <p>{t('forwarding.off')}</p>}
      <AdminForm
        onValues={(v, form) => {
          const secret = form.elements.namedItem('forwardSecret') as HTMLInputElement;
          return (
            store
              .save({
                endpoint: v('forwardEndpoint'),
                key: v('forwardKey'),
                secret: v('forwardSecret'),
              })
              // Stored: the secret leaves the page (only that one is set is shown).
              .then((saved) => saved && (secret.value = ''))
          );
        }}
      >
        <Field
          id="forwardEndpoint"
          label={t('forwarding.endpoint')}
          type="url"
          required
          placeholder="https://lrs.example.com/xapi"
          defaultValue={f?.endpoint ?? ''}
        />
        <Field id="forwardKey" label={t('forwarding.key')} required defaultValue={f?.key ?? ''} />
        <SecretField
          id="forwardSecret"
          label={t('forwarding.secret')}
          stored={!!f?.secretSet}
          keptHint={t('forwarding.secretKept')}
        />
        <button type="submit" class="button primary">
          {t('forwarding.save')}
        </button>{' '}
        {f && (
          <>
            <button type="button" class="button" onClick={() => void store.load()}>
              {t('forwarding.refresh')}
            </button>{' '}
            <button
              type="button"
              class="button"
              onClick={() => confirm(t('forwarding.stopConfirm')) && void store.stop()}
            >
              {t('forwarding.stop')}
            </button>
          </>
        )}
      </AdminForm>
    </>
  );
}
