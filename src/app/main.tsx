import { render } from 'preact';
import './styles.css';
import './lesson.css';
import './pages.css';
import { systemClock } from '../client/outbox';
import { createStore, StoreContext } from './store';
import { App } from './views/App';
import { t } from './i18n';

const root = document.getElementById('app')!;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

// Start-up is cut into tasks a phone can run without blocking input for long (Lighthouse's
// Total Blocking Time counts every task beyond 50 ms): the first Intl call loads ICU (~30 ms on a
// laptop, ~4× that on a mid phone), so it runs as its own task while IndexedDB opens, and the
// first render is a task of its own after the stores are read.
setTimeout(() => systemClock.timeZone());
createStore()
  .then(async (store) => {
    await nextTask();
    // The static shell from index.html goes in the same task as the first render: no flash.
    root.textContent = '';
    root.removeAttribute('aria-busy');
    render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
      root,
    );
  })
  .catch((err: unknown) => {
    console.error(err);
    root.innerHTML = `<main class="page"><h1>${t('app.startFailed')}</h1><p>${t('app.startFailedHelp')}</p></main>`;
  });
