/**
 * What a people screen shows when a request fails: the server's refusal in the reader's language,
 * or that the device seems offline; and `runner`, the one way its stores run an action.
 */
import type { Signal } from '@preact/signals';
import { HttpError } from '../../../client/api';
import { errorText } from '../../i18n';
import { t } from './messages';

export const refusal = (err: unknown, offline: () => string = () => t('people.offline')) =>
  err instanceof HttpError ? errorText(err) : offline();

/**
 * `run(action, done?)`: clears `error` (and `flash`), runs the action, then shows `done` in
 * `flash` or the refusal in `error`; true when it worked.
 */
export function runner(
  error: Signal<string | null>,
  flash?: Signal<string | null>,
  offline?: () => string,
) {
  return async function run(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    error.value = null;
    if (flash) flash.value = null;
    try {
      await action();
      if (done && flash) flash.value = done;
      return true;
    } catch (err) {
      error.value = refusal(err, offline);
      return false;
    }
  };
}
