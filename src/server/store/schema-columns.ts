/** Column types the table descriptions share (see ./schema.ts). */
import type { ColumnType } from 'kysely';

/** 0 or 1: a boolean in the common subset of SQLite and PostgreSQL. */
export type Flag = number;
/** A column with a database default: optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;
