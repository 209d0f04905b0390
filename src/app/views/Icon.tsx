/**
 * The app's icons as inline SVG, drawn with `currentColor`: emoji render as empty boxes on a
 * machine without an emoji font (issue 18), and an SVG path is a few dozen bytes. Decorative
 * by default (`aria-hidden`); the text beside an icon names it.
 */
const paths = {
  today: 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  learn: 'M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zm0 16V5M8 7h7',
  board: 'M8 21h8m-4-4v4M7 4h10v5a5 5 0 0 1-10 0zM7 6H4v2a3 3 0 0 0 3 3m10-5h3v2a3 3 0 0 1-3 3',
  me: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0',
  team: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-7 9a7 7 0 0 1 14 0m1-9a3 3 0 1 0-1-5.8M22 20a6 6 0 0 0-4-5.6',
  admin: 'M4 6h16M4 12h16M4 18h16M8 4v4m8 2v4m-6 2v4',
  pilot: 'M4 20V10m6 10V4m6 16v-7m6 7H2',
  flame:
    'M12 22c4 0 7-2.8 7-7 0-3.5-2.2-6-4-8-.4 2-1.4 3.2-2.6 3.6C12.8 7.4 11.5 4.6 9 2c.3 3.6-1.6 5.8-3.2 7.6C4.6 11 5 13 5 15c0 4.2 3 7 7 7z',
  close: 'M6 6l12 12M18 6 6 18',
  sync: 'M20 11a8 8 0 0 0-14.3-4.9L4 8m0-4v4h4m-4 5a8 8 0 0 0 14.3 4.9L20 16m0 4v-4h-4',
  star: 'm12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z',
  install: 'M12 3v12m-5-5 5 5 5-5M5 21h14',
} as const;

export type IconName = keyof typeof paths;

export function Icon({
  name,
  size = 24,
  class: className,
}: {
  name: IconName;
  size?: number;
  class?: string;
}) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
