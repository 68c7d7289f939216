/**
 * npm run backup -- --out <file> [--force]
 *
 * An online backup of the database (SQLite's backup API, through
 * better-sqlite3) taken while the app keeps serving: writers are not
 * stopped, and the copy is a consistent snapshot. The copy is checked with
 * `PRAGMA integrity_check` before it is put in place.
 *
 * Restore: stop the server, put the backup file at DATABASE_PATH (removing
 * any `-wal`, `-shm` and `-presence*` files beside the old one), start the server.
 * The presence file (who has which step open, decision 037) is not backed up.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { databasePath } from "./client.ts";

export type BackupResult = { file: string; bytes: number; ms: number; projects: number };

export async function backupDatabase(source: string, out: string, opts: { force?: boolean } = {}): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new Error(`there is no database at ${source}`);
  if (fs.existsSync(out) && !opts.force) throw new Error(`${out} already exists (add --force to replace it)`);
  const started = performance.now();
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.${process.pid}.partial`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(tmp);
  } finally {
    db.close();
  }
  const copy = new Database(tmp, { fileMustExist: true });
  let projects = 0;
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
    // The copy stands alone: no write-ahead log beside it.
    copy.pragma("journal_mode = DELETE");
    projects = (copy.prepare("SELECT count(*) AS n FROM projects").get() as { n: number }).n;
  } catch (error) {
    copy.close();
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  copy.close();
  fs.renameSync(tmp, out);
  return { file: out, bytes: fs.statSync(out).size, ms: performance.now() - started, projects };
}

const USAGE = "Usage: npm run backup -- --out <file> [--force]   (the database is DATABASE_PATH, default data/gambegam.sqlite)";

async function main() {
  let values: { out?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" }, force: { type: "boolean", default: false }, help: { type: "boolean", default: false } } }));
  } catch (error) {
    console.error(`backup: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) return console.log(USAGE);
  if (!values.out) {
    console.error(`backup: --out is required\n${USAGE}`);
    process.exit(2);
  }
  try {
    const r = await backupDatabase(databasePath(), values.out, { force: values.force });
    console.log(`${r.file}: ${(r.bytes / 1024).toFixed(0)} KiB, ${r.projects} project(s), integrity ok, ${Math.round(r.ms)} ms`);
  } catch (error) {
    console.error(`backup: ${(error as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
