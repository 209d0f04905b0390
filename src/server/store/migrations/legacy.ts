/**
 * The migrations shipped before the store was written on Kysely (versions 1–11 of the old
 * `schema_migrations` list), unchanged: SQL in the common subset of SQLite and PostgreSQL. Never
 * edit one; add a new migration file instead.
 */
export interface LegacyMigration {
  /** The migrator's name for the step. */
  id: string;
  version: number;
  name: string;
  sql: string;
}

export const legacyMigrations: LegacyMigration[] = [
  {
    id: '0001-people-sessions-content-events',
    version: 1,
    name: 'people, sessions, content, events',
    sql: `
CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE cohorts (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), name TEXT NOT NULL, tz TEXT NOT NULL);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  manager_id TEXT REFERENCES users(id),
  tz TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_org ON users(org_id);
CREATE TABLE cohort_members (cohort_id TEXT NOT NULL REFERENCES cohorts(id), user_id TEXT NOT NULL REFERENCES users(id), PRIMARY KEY (cohort_id, user_id));
CREATE INDEX cohort_members_user ON cohort_members(user_id);
CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE rate_limits (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, hits INTEGER NOT NULL);
CREATE TABLE content_catalog (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE content_modules (id TEXT PRIMARY KEY, version TEXT NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  device_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  corrected_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (device_id, seq)
);
CREATE INDEX events_user_time ON events(user_id, corrected_at);
`,
  },
  {
    id: '0002-motivation',
    version: 2,
    name: 'motivation: progress ledgers, cohort boards, kudos, recommendations, challenges, push',
    sql: `
CREATE TABLE progress_ledgers (user_id TEXT PRIMARY KEY REFERENCES users(id), ledger TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE board_profiles (user_id TEXT PRIMARY KEY REFERENCES users(id), alias TEXT, hidden INTEGER NOT NULL DEFAULT 0);
CREATE TABLE board_scores (
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  period TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  xp INTEGER NOT NULL,
  lessons INTEGER NOT NULL,
  reached_at BIGINT NOT NULL,
  hidden INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (cohort_id, period, user_id)
);
CREATE INDEX board_scores_rank ON board_scores(cohort_id, period, hidden, xp DESC, reached_at, user_id);
CREATE INDEX board_scores_user ON board_scores(user_id);
CREATE TABLE kudos (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  from_user TEXT NOT NULL REFERENCES users(id),
  to_user TEXT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX kudos_to ON kudos(to_user, created_at);
CREATE INDEX kudos_from ON kudos(from_user, created_at);
CREATE TABLE recommendations (
  id TEXT PRIMARY KEY,
  from_user TEXT NOT NULL REFERENCES users(id),
  to_user TEXT NOT NULL REFERENCES users(id),
  module_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (from_user, to_user, module_id)
);
CREATE INDEX recommendations_to ON recommendations(to_user, created_at);
CREATE TABLE cohort_challenges (
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  week TEXT NOT NULL,
  goal INTEGER NOT NULL,
  set_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (cohort_id, week)
);
CREATE TABLE push_subscriptions (
  endpoint TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  device_id TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_reminded_on TEXT
);
CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);
`,
  },
  {
    id: '0003-people',
    version: 3,
    name: 'people: careers, assignments, notifications, 1:1 checks, invites, resets, sponsor, goal, module owners',
    sql: `
CREATE TABLE user_careers (user_id TEXT PRIMARY KEY REFERENCES users(id), role_id TEXT NOT NULL, level INTEGER NOT NULL);
CREATE TABLE assignments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  pathway_id TEXT NOT NULL,
  due_date TEXT NOT NULL,
  assigned_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, pathway_id)
);
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  from_user_id TEXT REFERENCES users(id),
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);
CREATE TABLE one_on_one_checks (manager_id TEXT NOT NULL REFERENCES users(id), report_id TEXT NOT NULL REFERENCES users(id), item_id TEXT NOT NULL, checked_at BIGINT NOT NULL, PRIMARY KEY (manager_id, report_id, item_id));
CREATE TABLE access_tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  user_id TEXT REFERENCES users(id),
  cohort_id TEXT REFERENCES cohorts(id),
  role TEXT,
  email TEXT,
  manager_id TEXT REFERENCES users(id),
  created_by TEXT NOT NULL REFERENCES users(id),
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE TABLE sponsor_messages (org_id TEXT PRIMARY KEY REFERENCES orgs(id), sponsor_user_id TEXT REFERENCES users(id), name TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL);
CREATE TABLE org_goals (org_id TEXT PRIMARY KEY REFERENCES orgs(id), target_percent INTEGER NOT NULL, label TEXT NOT NULL);
CREATE TABLE module_owners (module_id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id));
`,
  },
  {
    id: '0007-pilots',
    version: 7,
    name: 'pilots, pilot checklist, HR records',
    sql: `
CREATE TABLE pilots (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  weeks INTEGER NOT NULL,
  cohort_ids TEXT NOT NULL,
  goals TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX pilots_org ON pilots(org_id, created_at);
CREATE TABLE pilot_checklist (
  pilot_id TEXT NOT NULL REFERENCES pilots(id),
  step TEXT NOT NULL,
  done_at BIGINT NOT NULL,
  done_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (pilot_id, step)
);
CREATE TABLE hr_records (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  email TEXT NOT NULL,
  hire_date TEXT NOT NULL,
  exit_date TEXT,
  moves TEXT NOT NULL,
  PRIMARY KEY (org_id, email)
);
CREATE INDEX events_time_id ON events(corrected_at, id);
`,
  },
  {
    id: '0008-events-by-user-and-type',
    version: 8,
    name: 'events by user and type; ledgers rebuilt so review sessions earn XP',
    sql: `
CREATE INDEX events_user_type ON events(user_id, type);
-- Ledgers gained the review sessions: each is refolded from the user's events at their next sync
-- (and state is folded from events until then), so past reviews earn their XP too.
DELETE FROM progress_ledgers;
`,
  },
  {
    id: '0009-cohort-managers',
    version: 9,
    name: 'cohort managers, 1:1 script opens',
    sql: `
CREATE TABLE cohort_managers (cohort_id TEXT NOT NULL REFERENCES cohorts(id), user_id TEXT NOT NULL REFERENCES users(id), PRIMARY KEY (cohort_id, user_id));
CREATE INDEX cohort_managers_user ON cohort_managers(user_id);
CREATE TABLE one_on_one_opens (
  manager_id TEXT NOT NULL REFERENCES users(id),
  report_id TEXT NOT NULL REFERENCES users(id),
  day TEXT NOT NULL,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  opened_at BIGINT NOT NULL,
  PRIMARY KEY (manager_id, report_id, day)
);
CREATE INDEX one_on_one_opens_org_time ON one_on_one_opens(org_id, opened_at);
CREATE INDEX notifications_org_kind_time ON notifications(org_id, kind, created_at);
`,
  },
  {
    id: '0010-notification-phrases',
    version: 10,
    name: 'notifications keep their phrase',
    sql: `
-- The catalog key and parameters of a composed notification ({"key":…,"params":…}), so the app
-- words it in the reader's locale; NULL for a manager's typed message and older notifications.
ALTER TABLE notifications ADD COLUMN phrase TEXT;
`,
  },
  {
    id: '0011-push-locale',
    version: 11,
    name: 'push subscriptions keep the locale their pushes are worded in',
    sql: `
-- Devices that subscribed before pushes were localised get English, as they did until now.
ALTER TABLE push_subscriptions ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
`,
  },
];
