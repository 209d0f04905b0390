/**
 * Versioned schema migrations, one list for both dialects. Each step runs once, in order, inside
 * a transaction, and is recorded in `schema_migrations`. Only add steps; never edit a shipped one.
 * SQL is kept to the common subset of SQLite and PostgreSQL (TEXT, INTEGER, BIGINT).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
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
];
