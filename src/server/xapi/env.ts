import type { AppDeps } from '../env';
import type { LrsCredential } from '../store/store';

/** What `/xapi` handlers reach: the app's dependencies and the LRS credential that called. */
export interface XapiEnv {
  Variables: {
    deps: AppDeps;
    lrs: LrsCredential;
  };
}
