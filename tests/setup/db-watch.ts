/**
 * Watches a running server's SQLite file from the test process, read-only,
 * between requests: what every table holds, to tell whether a request wrote
 * anything. The server is another process; `PRAGMA data_version` changes
 * whenever it commits, so an unchanged version reuses the last snapshot.
 */
import Database from "better-sqlite3";

export type Row = Record<string, unknown>;
/** Every table's rows, each also as a canonical JSON string (blobs as hex). */
export type Snapshot = { version: number; tables: Map<string, Array<{ row: Row; key: string }>> };

const canonical = (row: Row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString("hex")}` : v));

export class DbWatcher {
  readonly db: Database.Database;
  private last: Snapshot | null = null;

  /** `ignoreColumns`: columns left out of every snapshot (e.g. a session's last-seen time). */
  constructor(file: string, private readonly ignoreColumns: Record<string, readonly string[]> = {}) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  private version(): number {
    return this.db.pragma("data_version", { simple: true }) as number;
  }

  snapshot(): Snapshot {
    const version = this.version();
    if (this.last && this.last.version === version) return this.last;
    const tables = new Map<string, Array<{ row: Row; key: string }>>();
    const names = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name").pluck().all() as string[];
    for (const name of names) {
      const skip = this.ignoreColumns[name] ?? [];
      const rows = (this.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Row[]).map((r) => {
        const row = Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k)));
        return { row, key: canonical(row) };
      });
      tables.set(name, rows);
    }
    this.last = { version, tables };
    return this.last;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * What differs between two snapshots, table by table (rows added and removed,
 * compared as whole rows), leaving out the tables in `skipTables` and the rows
 * `ignore` says may change. Empty when nothing was written.
 */
export function differences(
  before: Snapshot,
  after: Snapshot,
  opts: { skipTables?: readonly string[]; ignore?: (table: string, row: Row) => boolean } = {},
): string[] {
  const out: string[] = [];
  const names = new Set([...before.tables.keys(), ...after.tables.keys()]);
  for (const name of [...names].sort()) {
    if (opts.skipTables?.includes(name)) continue;
    const keep = (rows: Array<{ row: Row; key: string }> | undefined) => (rows ?? []).filter((r) => !opts.ignore?.(name, r.row)).map((r) => r.key);
    const a = keep(before.tables.get(name));
    const b = keep(after.tables.get(name));
    if (a.length === b.length && a.every((k, i) => k === b[i])) continue;
    const counts = new Map<string, number>();
    for (const k of a) counts.set(k, (counts.get(k) ?? 0) + 1);
    const added: string[] = [];
    for (const k of b) {
      const n = counts.get(k) ?? 0;
      if (n > 0) counts.set(k, n - 1);
      else added.push(k);
    }
    const removed = [...counts].flatMap(([k, n]) => Array<string>(n).fill(k));
    const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);
    if (!added.length && !removed.length) {
      out.push(`${name}: rows reordered`);
      continue;
    }
    // A row that was there before and after (same first column, e.g. its id): only what changed in it.
    const first = (k: string) => Object.values(JSON.parse(k) as Row)[0];
    const pairs = added.flatMap((k) => {
      const was = removed.find((r) => first(r) === first(k));
      if (!was) return [];
      const a = JSON.parse(was) as Row;
      const b = JSON.parse(k) as Row;
      return [`${String(first(k))}: ${Object.keys(b).filter((c) => JSON.stringify(a[c]) !== JSON.stringify(b[c])).map((c) => `${c} ${cut(JSON.stringify(a[c]) ?? "")} → ${cut(JSON.stringify(b[c]) ?? "")}`).join(", ")}`];
    });
    out.push(
      `${name}: ${added.length} row(s) added or changed, ${removed.length} removed or changed` +
        (pairs.length ? `; changed row ${pairs[0]}` : `${added[0] ? `; now ${cut(added[0])}` : ""}${removed[0] ? `; was ${cut(removed[0])}` : ""}`),
    );
  }
  return out;
}
