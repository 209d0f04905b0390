/**
 * The sticky header and the fixed tab bar cover the top and the bottom of the page. Their
 * heights, which grow with text size and wrapping, are kept in `--edge-top` and `--edge-bottom`
 * on the root element; `scroll-padding` in pages.css uses them, so a control that receives
 * keyboard focus is scrolled clear of both bars instead of being hidden beneath one (WCAG 2.4.11,
 * Focus Not Obscured). When the bars would cover more than half the screen (large text on a
 * phone, many tabs in large text) they stop floating and take their place in the page
 * (`data-edges="flow"`), so the content keeps room to be read. A bar narrower than half the
 * screen is a side rail (wide.css) and covers no edge. Use as a `ref` on the bar.
 */
const heights = { top: 0, bottom: 0 };

function place(): void {
  const root = document.documentElement;
  const flow = heights.top + heights.bottom > innerHeight / 2;
  if (flow === (root.dataset.edges === 'flow')) return;
  if (flow) root.dataset.edges = 'flow';
  else delete root.dataset.edges;
  // A control in a bar that just moved keeps focus; keep it on screen too.
  const focused = document.activeElement;
  if (focused?.closest('.topbar, .tabbar')) focused.scrollIntoView({ block: 'nearest' });
}

function edgeRef(edge: 'top' | 'bottom'): (el: HTMLElement | null) => void {
  const name = `--edge-${edge}`;
  let observer: ResizeObserver | undefined;
  return (el) => {
    observer?.disconnect();
    observer = undefined;
    heights[edge] = 0;
    const root = document.documentElement.style;
    if (el) {
      observer = new ResizeObserver(() => {
        // On a wide screen the tab bar is a side rail (wide.css): it covers no edge.
        const h = el.offsetWidth < innerWidth / 2 ? 0 : el.offsetHeight;
        heights[edge] = h;
        root.setProperty(name, `${h}px`);
        place();
      });
      observer.observe(el);
    } else root.removeProperty(name);
    place();
  };
}

addEventListener('resize', place);

export const topEdge = edgeRef('top');
export const bottomEdge = edgeRef('bottom');
