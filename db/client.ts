/**
 * Opens the embedded SQLite database, sets the pragmas the app relies on and
 * applies the committed migrations. better-sqlite3 is synchronous: transactions
 * take plain (non-async) callbacks and write transactions begin IMMEDIATE, so a
 * writer takes the lock before it reads the version it will compare against.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db", "migrations");

export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = FULL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db as Db;
}

/**
 * A query prepared once per database connection and reused, for the hot
 * single-row lookups every request makes (session, role, project) and every
 * save makes (the answer or row it compares versions with). Drizzle builds
 * and SQLite compiles the statement on first use only; later calls just bind
 * the placeholders. Being synchronous, a statement prepared on `db` runs
 * inside a transaction open on it too.
 */
export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const byConnection = new WeakMap<Database.Database, T>();
  return (db) => {
    // A transaction handle (`tx`) has no connection of its own to key on: it
    // gets a statement of its own, prepared for this call.
    if (!db.$client) return build(db);
    let prepared = byConnection.get(db.$client);
    if (prepared === undefined) {
      prepared = build(db);
      byConnection.set(db.$client, prepared);
    }
    return prepared;
  };
}

/** Runs `fn` in a write transaction that takes the write lock at BEGIN. */
export function writeTransaction<T>(db: Db, fn: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => T): T {
  return db.transaction(fn, { behavior: "immediate" });
}

let current: Db | undefined;

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_PATH?.trim() || path.resolve(process.cwd(), "data", "gambegam.sqlite");
}

/** The process-wide database, opened (and migrated) on first use. */
export function getDb(): Db {
  current ??= openDatabase(databasePath());
  return current;
}

/** What else a connection opened that must close with it (its presence file, decision 037). */
const companions = new WeakMap<Db["$client"], Array<() => void>>();

/** Registers `close` to run when `db` is closed through `closeDatabase` (or `closeDb`). */
export function closeWith(db: Db, close: () => void): void {
  const list = companions.get(db.$client) ?? [];
  list.push(close);
  companions.set(db.$client, list);
}

/** Closes a connection and what was opened beside it. */
export function closeDatabase(db: Db): void {
  for (const close of companions.get(db.$client) ?? []) close();
  companions.delete(db.$client);
  db.$client.close();
}

export function closeDb(): void {
  if (current) closeDatabase(current);
  current = undefined;
}
