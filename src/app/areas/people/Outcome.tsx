/**
 * What a people screen's last action came to, as its store's `runner` leaves it: the refusal as an
 * alert, and what was done as a status line.
 */
import type { Signal } from '@preact/signals';

export function Outcome({
  error,
  notice,
}: {
  error: Signal<string | null>;
  notice?: Signal<string | null>;
}) {
  return (
    <>
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
      {notice?.value && (
        <p class="notice" role="status">
          {notice.value}
        </p>
      )}
    </>
  );
}
