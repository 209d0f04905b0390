import { render } from 'preact';
import './styles.css';
import { createStore, StoreContext } from './store';
import { App } from './views/App';

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
    root.innerHTML =
      '<main class="page"><h1>Kindling could not start</h1><p>This browser blocked local storage (private mode?). Allow site data and reload.</p></main>';
  });
