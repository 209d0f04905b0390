import { render } from 'preact';
import './styles.css';
import { createStore, StoreContext } from './store';
import { App } from './views/App';
import { t } from './i18n';

const root = document.getElementById('app')!;
createStore()
  .then((store) =>
    render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
      root,
    ),
  )
  .catch((err: unknown) => {
    console.error(err);
    root.innerHTML = `<main class="page"><h1>${t('app.startFailed')}</h1><p>${t('app.startFailedHelp')}</p></main>`;
  });
