/** A row of small buttons, one a value, the chosen one pressed: a board's period, a time budget, a daily goal. */
export function PressedChoices<T extends string | number>({
  values,
  chosen,
  choose,
  label,
}: {
  values: readonly T[];
  chosen: T | null;
  choose: (value: T) => void;
  label: (value: T) => string;
}) {
  return (
    <>
      {values.map((v) => (
        <button
          key={v}
          type="button"
          class="button small"
          aria-pressed={chosen === v}
          onClick={() => choose(v)}
        >
          {label(v)}
        </button>
      ))}
    </>
  );
}
