// The floor for bench/bundle.ts: the smallest Preact + @preact/signals app (a counter), built
// by Vite in the same run as Kindling so the ratio compares like with like.
import { h, render } from 'preact';
import { signal } from '@preact/signals';

const count = signal(0);
render(
  h('button', { type: 'button', onClick: () => count.value++ }, 'Hello ', count),
  document.getElementById('app')!,
);
