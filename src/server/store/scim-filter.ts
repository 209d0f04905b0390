/**
 * SCIM filters (RFC 7644 §3.4.2.2) as SQL: the parsed filter (scim2-parse-filter's tree) is
 * compiled, node by node, into one WHERE expression over `users as u` + `scim_users as s` or
 * `cohorts as c` + `scim_groups as g`. Written as Kysely `sql` fragments because a filter is an
 * arbitrary tree of comparisons; every value is a bound parameter, every column comes from the
 * fixed maps below, so no filter text ever reaches the SQL.
 *
 * - Attribute names are case-insensitive and may carry their schema URN.
 * - Strings compare case-insensitively (RFC 7643 `caseExact: false`) except ids and externalId;
 *   `userName`/`emails` are stored lowercase, so `userName eq` stays an index lookup.
 * - `co`/`sw`/`ew` are LIKE with `!` as the escape character on both databases.
 * - `members[value eq "…"]`, `emails[type eq "work"]`: a value filter is the same filter with its
 *   attributes prefixed by the multi-valued attribute's name.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Filter } from 'scim2-parse-filter';

export class FilterError extends Error {}

type Sql = RawBuilder<unknown>;
interface Column {
  sql: Sql;
  /** Compared exactly (ids, externalId); otherwise lowercased on both sides. */
  exact?: boolean;
  /** Stored lowercase already: only the value is lowercased (keeps the index usable). */
  lowered?: boolean;
  boolean?: boolean;
}
type Columns = Record<string, Column | ((f: Filter) => Sql)>;

const CORE = /^urn:ietf:params:scim:schemas:core:2\.0:(?:user|group):/;
const ENTERPRISE = /^urn:ietf:params:scim:schemas:extension:enterprise:2\.0:user:/;

/** `urn:…:User:name.givenName` → `name.givenname`; the enterprise extension's are plain too. */
export function attributeKey(path: string): string {
  return path.toLowerCase().replace(CORE, '').replace(ENTERPRISE, '');
}

const email: Column = { sql: sql.ref('u.email'), lowered: true };

export const userColumns: Columns = {
  id: { sql: sql.ref('u.id'), exact: true },
  username: email,
  emails: email,
  'emails.value': email,
  'emails.type': { sql: sql.lit('work') },
  externalid: { sql: sql.ref('s.external_id'), exact: true },
  displayname: { sql: sql.ref('u.name') },
  'name.formatted': { sql: sql.ref('u.name') },
  'name.givenname': { sql: sql.ref('s.given_name') },
  'name.familyname': { sql: sql.ref('s.family_name') },
  active: { sql: sql.ref('u.active'), boolean: true },
  locale: { sql: sql.ref('u.locale') },
  timezone: { sql: sql.ref('u.tz') },
  department: { sql: sql.ref('s.department') },
  employeenumber: { sql: sql.ref('s.employee_number') },
  manager: { sql: sql.ref('u.manager_id'), exact: true },
  'manager.value': { sql: sql.ref('u.manager_id'), exact: true },
};

/** `members` is multi-valued: a comparison on it asks whether some member matches. */
const member = (f: Filter): Sql => {
  const test =
    f.op === 'pr'
      ? sql`1 = 1`
      : f.op === 'eq' && typeof (f as { compValue: unknown }).compValue === 'string'
        ? sql`m.user_id = ${(f as { compValue: string }).compValue}`
        : undefined;
  if (!test) throw new FilterError(`members supports "eq" and "pr"`);
  return sql`EXISTS (SELECT 1 FROM cohort_members m JOIN users mu ON mu.id = m.user_id
    LEFT JOIN scim_users ms ON ms.user_id = mu.id
    WHERE m.cohort_id = c.id AND ms.deleted_at IS NULL AND ${test})`;
};

export const groupColumns: Columns = {
  id: { sql: sql.ref('c.id'), exact: true },
  externalid: { sql: sql.ref('g.external_id'), exact: true },
  displayname: { sql: sql.ref('c.name') },
  members: member,
  'members.value': member,
};

const escapeLike = (text: string) => text.replace(/[!%_]/g, (ch) => `!${ch}`);

/** The filter as one SQL condition; throws FilterError for what it cannot answer. */
export function filterSql(filter: Filter, columns: Columns): RawBuilder<SqlBool> {
  return sql<SqlBool>`${condition(filter, columns, '')}`;
}

function condition(filter: Filter, columns: Columns, prefix: string): Sql {
  switch (filter.op) {
    case 'and':
    case 'or': {
      const parts = filter.filters.map((f) => condition(f, columns, prefix));
      return sql`(${sql.join(parts, filter.op === 'and' ? sql` AND ` : sql` OR `)})`;
    }
    case 'not':
      return sql`NOT (${condition(filter.filter, columns, prefix)})`;
    case '[]':
      return condition(filter.valFilter, columns, `${prefix}${filter.attrPath}.`);
  }
  const key = attributeKey(prefix + filter.attrPath);
  const column = columns[key];
  if (!column) throw new FilterError(`"${filter.attrPath}" cannot be filtered on`);
  if (typeof column === 'function') return column(filter);
  const col =
    column.exact || column.lowered || column.boolean ? column.sql : sql`lower(${column.sql})`;
  if (filter.op === 'pr') return sql`(${column.sql} IS NOT NULL AND ${column.sql} <> '')`;
  const value = filter.compValue;
  if (column.boolean) {
    if (typeof value !== 'boolean' || (filter.op !== 'eq' && filter.op !== 'ne'))
      throw new FilterError(`"${filter.attrPath}" compares with true or false (eq, ne)`);
    return sql`${col} ${sql.raw(filter.op === 'eq' ? '=' : '<>')} ${value ? 1 : 0}`;
  }
  if (value === null) {
    if (filter.op === 'eq') return sql`${column.sql} IS NULL`;
    if (filter.op === 'ne') return sql`${column.sql} IS NOT NULL`;
    throw new FilterError(`null compares only with eq and ne`);
  }
  if (typeof value !== 'string')
    throw new FilterError(`"${filter.attrPath}" compares with a string`);
  const text = column.exact ? value : value.toLowerCase();
  switch (filter.op) {
    case 'eq':
      return sql`${col} = ${text}`;
    case 'ne':
      return sql`(${col} IS NULL OR ${col} <> ${text})`;
    case 'co':
      return sql`${col} LIKE ${`%${escapeLike(text)}%`} ESCAPE '!'`;
    case 'sw':
      return sql`${col} LIKE ${`${escapeLike(text)}%`} ESCAPE '!'`;
    case 'ew':
      return sql`${col} LIKE ${`%${escapeLike(text)}`} ESCAPE '!'`;
    case 'gt':
      return sql`${col} > ${text}`;
    case 'ge':
      return sql`${col} >= ${text}`;
    case 'lt':
      return sql`${col} < ${text}`;
    case 'le':
      return sql`${col} <= ${text}`;
  }
}
