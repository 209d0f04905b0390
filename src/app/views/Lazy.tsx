/**
 * Loads a screen only when it is first shown (a dynamic import), so learners never download the
 * manager and admin screens.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (View) return;
      load()
        .then((v) => {
          loaded = v;
          setView(() => v);
        })
        .catch(() => setFailed(true));
    }, []);
    if (failed)
      return (
        <section class="page">
          <p class="notice" role="status">
            {t('app.needsConnection')}
          </p>
        </section>
      );
    return View ? <View {...props} /> : <p class="page muted">{t('app.loading')}</p>;
  };
}
