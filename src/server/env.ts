import type { MailService } from './mail/outbox';
import type { UploadParser } from './content/off-thread';
import type { PushSetup } from './push';
import type { Store, User } from './store/store';

/** What every request handler can reach: dependencies in, the signed-in user out. */
export interface AppDeps {
  store: Store;
  /** The server clock, injectable for tests. */
  now: () => number;
  /** Days an event may lag behind before it is rejected as too old. */
  acceptanceWindowDays: number;
  /** Web Push (VAPID keys); undefined when push is off. */
  push?: PushSetup;
  /** Mail (SMTP_URL): the outbox's sender; undefined when mail is off and admins copy links. */
  mail?: MailService;
  /** Parses uploads (module files, HR exports) in a worker thread with a time limit. */
  uploads: UploadParser;
  /** `XAPI_FORWARD_ALLOW_PRIVATE=1`: admins may forward statements to http and private hosts. */
  forwardPrivate?: boolean;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: User;
    sessionHash: string;
  };
}
