/**
 * Live updates (decision 037): every saved change of a project is announced,
 * and every open page of that project hears of it within a second.
 *
 * The contract the rest of the app codes against is three names:
 *
 * - `announce(db, change)` records a change *inside the caller's write
 *   transaction*, so a write that is refused or rolled back announces nothing;
 * - `subscribe(projectId, listener)` hears every change of one project, from
 *   any server process sharing the database; it returns the unsubscribe;
 * - `LiveChange`, what a listener receives.
 *
 * Behind them sits a `LiveFeed`: here SQLite's (`live_changes` rows, read by
 * one poller per process by id, only while someone listens). A deployment on
 * a database server would put its own feed behind the same names — e.g.
 * PostgreSQL: `announce` runs `NOTIFY gambegam_live, '<json>'` in the same
 * transaction (delivered only on commit) and the feed LISTENs on one
 * connection — without any caller changing.
 *
 * Presence (who has which step open) is kept in a small SQLite file of its own
 * beside the database (`<DATABASE_PATH>-presence`), one row per open
 * connection refreshed by a heartbeat, so two processes agree. It is not in
 * the project database so that a heartbeat does not move the database's
 * version, the page memo's key (decision 014): ten open tabs would otherwise
 * make every memoised page stale about once a second. Only an arrival or a
 * departure is announced, in `live_changes`.
 */
import Database from "better-sqlite3";
import { inArray, lt } from "drizzle-orm";
import { closeWith, getDb, writeTransaction, type Db } from "#db/client.ts";
import { liveChanges, users } from "#db/schema.ts";

export type LiveChange = { id: number; projectId: number; topic: string; by: number | null; at: string };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Record a change inside the caller's write transaction (nothing is announced when the write is refused/rolled back). */
export function announce(db: Db | Tx, change: { projectId: number; topic: string; by: number | null }): void {
  db.insert(liveChanges).values({ projectId: change.projectId, topic: change.topic, by: change.by, at: new Date().toISOString() }).run();
}

/** The mechanism behind `subscribe`: one per process. */
export interface LiveFeed {
  subscribe(projectId: number, listener: (c: LiveChange) => void): () => void;
  /** Changes of a project after `afterId` (to resume a dropped connection), oldest first, at most `limit`. */
  since(projectId: number, afterId: number, limit?: number): LiveChange[];
  /** Listeners now attached (all projects): 0 when every page has gone. */
  listenerCount(): number;
  stop(): void;
}

/** How often the SQLite feed reads new rows, and how long rows are kept (for resuming). */
export const POLL_MS = 120;
const KEEP_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;

/**
 * The SQLite feed: polls `live_changes` by id on its own connection while at
 * least one listener is attached, and prunes rows older than ten minutes.
 */
export function createSqliteFeed(db: Db, pollMs = POLL_MS): LiveFeed {
  const listeners = new Map<number, Set<(c: LiveChange) => void>>();
  let count = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = 0;
  let lastPrune = 0;
  const readAfter = db.$client.prepare("select id, project_id as projectId, topic, by, at from live_changes where id > ? order by id limit 1000");
  const readProjectAfter = db.$client.prepare("select id, project_id as projectId, topic, by, at from live_changes where project_id = ? and id > ? order by id limit ?");
  const maxId = db.$client.prepare("select coalesce(max(id), 0) as id from live_changes");

  const poll = () => {
    let rows: LiveChange[];
    try {
      rows = readAfter.all(last) as LiveChange[];
    } catch {
      return; // busy or closing: the next tick reads the same rows
    }
    for (const c of rows) {
      last = c.id;
      for (const l of listeners.get(c.projectId) ?? []) {
        try {
          l(c);
        } catch (error) {
          console.error("live: a listener failed", error);
        }
      }
    }
    const now = Date.now();
    if (now - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = now;
      try {
        db.delete(liveChanges).where(lt(liveChanges.at, new Date(now - KEEP_MS).toISOString())).run();
      } catch {
        // another process is writing: prune next time
      }
    }
  };

  return {
    subscribe(projectId, listener) {
      if (count === 0) {
        last = (maxId.get() as { id: number }).id;
        lastPrune = Date.now();
        timer = setInterval(poll, pollMs);
        timer.unref?.();
      }
      let set = listeners.get(projectId);
      if (!set) listeners.set(projectId, (set = new Set()));
      // The same function twice is two subscriptions: wrap it.
      const own = (c: LiveChange) => listener(c);
      set.add(own);
      count++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        set.delete(own);
        if (set.size === 0) listeners.delete(projectId);
        count--;
        if (count === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    since(projectId, afterId, limit = 500) {
      return readProjectAfter.all(projectId, afterId, limit) as LiveChange[];
    },
    listenerCount: () => count,
    stop() {
      clearInterval(timer);
      timer = undefined;
      listeners.clear();
      count = 0;
    },
  };
}

let feed: LiveFeed | undefined;

/** This process's feed (SQLite, on the process's database), made on first use. */
export function liveFeed(): LiveFeed {
  feed ??= createSqliteFeed(getDb());
  return feed;
}

/** For tests and another deployment: put a different feed behind `subscribe`. */
export function useLiveFeed(next: LiveFeed | undefined): void {
  feed?.stop();
  feed = next;
}

/** Listen to one project's changes (all topics); returns the unsubscribe function. */
export function subscribe(projectId: number, listener: (c: LiveChange) => void): () => void {
  return liveFeed().subscribe(projectId, listener);
}

/**
 * The topic an audit entry's change is announced under (see audit.server.ts:
 * every project write writes one, so announcing there covers them all).
 */
export function topicOf(entry: { action: string; phaseId?: string | null; itemId?: string | null }): string {
  const [kind] = entry.action.split(".");
  if (kind === "answer" && entry.itemId) return `answer:${entry.itemId}`;
  if ((kind === "row" || entry.action === "selection.import") && entry.itemId) return `row:${entry.itemId}`;
  if (kind === "signoff" && entry.phaseId) return `signoff:${entry.phaseId}`;
  return "project";
}

/** Changes that are not the project's content: pages do not reload their data for them. */
export function isPresenceTopic(topic: string): boolean {
  return topic.startsWith("presence:");
}

// ---------------------------------------------------------------------------
// Presence

/** A connection not refreshed for this long has left. */
export const PRESENCE_TTL_MS = 30_000;
/** How often an open connection refreshes its row (well inside the TTL). */
export const PRESENCE_BEAT_MS = 10_000;

const PLACE = /^[a-z0-9][a-z0-9-]{0,79}\/[a-z0-9][a-z0-9.-]{0,119}$/;

/** A place a page may say it is on: `<phaseId>/<stepId>`, or '' for any other page of the project. */
export function validPlace(place: string): boolean {
  return place === "" || PLACE.test(place);
}

/** The presence file of a database file: beside it; none (in memory) for `:memory:`. */
export function presenceFile(databaseFile: string): string | null {
  return databaseFile === "" || databaseFile === ":memory:" ? null : `${databaseFile}-presence`;
}

const presenceStores = new WeakMap<Database.Database, Database.Database>();

/**
 * The presence store of a database connection, opened on first use: the file
 * beside the database (shared by every process on that database), or memory
 * when the database is in memory. Not durable by design (a restart loses at
 * most 30 s of who was where), and never backed up.
 */
export function presenceStore(db: Db): Database.Database {
  let store = presenceStores.get(db.$client);
  if (store?.open) return store;
  const file = presenceFile(db.$client.name);
  store = new Database(file ?? ":memory:");
  store.pragma("busy_timeout = 5000");
  if (file) store.pragma("journal_mode = WAL");
  store.pragma("synchronous = NORMAL");
  store.exec(
    "CREATE TABLE IF NOT EXISTS presence (client_id TEXT PRIMARY KEY, project_id INTEGER NOT NULL, user_id INTEGER NOT NULL, place TEXT NOT NULL, seen_at TEXT NOT NULL);" +
      "CREATE INDEX IF NOT EXISTS presence_project_place ON presence (project_id, place, seen_at);",
  );
  presenceStores.set(db.$client, store);
  // Closed with its database (closeDb, a test database's cleanup); the map's entry goes with the connection.
  const opened = store;
  closeWith(db, () => opened.close());
  return store;
}

type PresenceRow = { clientId: string; projectId: number; userId: number; place: string; seenAt: string };

/** Every presence row (for tests and diagnosis). */
export function presenceRows(db: Db): PresenceRow[] {
  return presenceStore(db).prepare("SELECT client_id AS clientId, project_id AS projectId, user_id AS userId, place, seen_at AS seenAt FROM presence").all() as PresenceRow[];
}

/**
 * Records that a connection is on `place` (or still is). A new arrival is
 * announced (`presence:<place>`), a refresh is not. Only the presence file is
 * written for a refresh: the project database is not touched.
 */
export function beHere(db: Db, p: { clientId: string; projectId: number; userId: number; place: string }, now = new Date()): void {
  const store = presenceStore(db);
  const at = now.toISOString();
  const arrived = store
    .transaction(() => {
      const known = store.prepare("SELECT 1 FROM presence WHERE client_id = ?").get(p.clientId);
      if (known) store.prepare("UPDATE presence SET seen_at = ?, place = ? WHERE client_id = ?").run(at, p.place, p.clientId);
      else store.prepare("INSERT INTO presence (client_id, project_id, user_id, place, seen_at) VALUES (?, ?, ?, ?, ?)").run(p.clientId, p.projectId, p.userId, p.place, at);
      return !known;
    })
    .immediate();
  if (arrived && p.place) writeTransaction(db, (tx) => announce(tx, { projectId: p.projectId, topic: `presence:${p.place}`, by: p.userId }));
}

/** A connection closed: its row goes, and those on its place hear of it. */
export function leave(db: Db, clientId: string): void {
  const store = presenceStore(db);
  const row = store
    .transaction(() => {
      const found = store.prepare("SELECT project_id AS projectId, user_id AS userId, place FROM presence WHERE client_id = ?").get(clientId) as
        | { projectId: number; userId: number; place: string }
        | undefined;
      if (found) store.prepare("DELETE FROM presence WHERE client_id = ?").run(clientId);
      // Rows of connections whose process stopped without saying so.
      store.prepare("DELETE FROM presence WHERE seen_at < ?").run(new Date(Date.now() - 4 * PRESENCE_TTL_MS).toISOString());
      return found;
    })
    .immediate();
  if (row?.place) writeTransaction(db, (tx) => announce(tx, { projectId: row.projectId, topic: `presence:${row.place}`, by: row.userId }));
}

/** Who is on `place` now (each person once), other than `exceptUserId`, by name. */
export function whoIsHere(db: Db, projectId: number, place: string, exceptUserId: number | null, now = new Date()): Array<{ userId: number; name: string }> {
  if (!place) return [];
  const fresh = new Date(now.getTime() - PRESENCE_TTL_MS).toISOString();
  const ids = (
    presenceStore(db).prepare("SELECT DISTINCT user_id AS userId FROM presence WHERE project_id = ? AND place = ? AND seen_at > ?").all(projectId, place, fresh) as Array<{ userId: number }>
  )
    .map((r) => r.userId)
    .filter((id) => id !== exceptUserId);
  if (ids.length === 0) return [];
  return db
    .select({ userId: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids))
    .orderBy(users.displayName)
    .all();
}
