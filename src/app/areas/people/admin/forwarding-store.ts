/**
 * The admin's forwarding to their organisation's own LRS: the setting (never the secret: only
 * that one is set) with how sending stands, save and stop. Created by ForwardingSection only.
 */
import { signal } from '@preact/signals';
import type { Api } from '../../../../client/api';
import type { ForwardingReply } from '../../../../core/api-admin';
import { t } from '../messages';
import { runner } from '../refusal';

export type Forwarding = NonNullable<ForwardingReply['forwarding']>;

export function createForwarding({ api }: { api: Api }) {
  const forwarding = signal<Forwarding | null | undefined>(undefined, { name: 'forwarding' });
  const error = signal<string | null>(null, { name: 'forwarding.error' });
  const notice = signal<string | null>(null, { name: 'forwarding.notice' });

  /** True when the server took it. */
  const run = runner(error, notice);
  const answer = (r: ForwardingReply) => (forwarding.value = r.forwarding);
  return {
    forwarding,
    error,
    notice,
    load: () => run(async () => answer(await api.get<ForwardingReply>('/admin/xapi-forwarding'))),
    save: (settings: { endpoint: string; key: string; secret: string }) => {
      const { secret, ...rest } = settings;
      return run(
        async () =>
          answer(
            await api.put<ForwardingReply>('/admin/xapi-forwarding', secret ? settings : rest),
          ),
        t('forwarding.saved'),
      );
    },
    stop: () =>
      run(
        async () => answer(await api.delete<ForwardingReply>('/admin/xapi-forwarding')),
        t('forwarding.stopped'),
      ),
  };
}
