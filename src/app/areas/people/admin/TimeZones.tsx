/** Suggestions for every time zone field on the admin screen (typing still works). */
import { useMemo } from 'preact/hooks';

export const TIME_ZONES_ID = 'time-zones';

export function TimeZones() {
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  return (
    <datalist id={TIME_ZONES_ID}>
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}
