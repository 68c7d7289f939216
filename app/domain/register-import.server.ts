/**
 * Importing a register from a spreadsheet (decision 045). SHEET-CORE's reader
 * (`register-sheet.server.ts`) turns the bytes into typed rows with per-cell
 * problems and never touches the database; this module compares those rows
 * with the register as it is now and writes them, all or nothing, through the
 * same `addRow` / `updateRow` the forms use.
 *
 * What a row of the file becomes:
 * - no id → a row to add;
 * - an id of this register, same version, other values → a change (before → after per column);
 * - same values → unchanged (counted);
 * - an id of this register whose version here is newer and whose values here differ → a conflict:
 *   the file's value, the current one, who changed it and when; the current is kept unless the
 *   user ticks "use the file's";
 * - any cell that cannot be read or would not pass the form's validation, an id that is not (or no
 *   longer) in this register, a row twice, more rows than the register holds → refused, with the
 *   reason per cell. One refused row and nothing can be confirmed.
 * Rows of the register that the file does not list are kept.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { databasePath, writeTransaction } from "#db/client.ts";
import { registerRows } from "#db/schema.ts";
import { bothLanguages } from "#app/i18n.ts";
import type { Localized, Pack, RegisterItem } from "#methodology/schema.ts";
import { allItems } from "#methodology/load.ts";
import { fieldErrors, localDigits, msg, registerRowSchema, type CellValue, type RegisterCells } from "#methodology/values.ts";
import { addRow, updateRow } from "./answers.server.ts";
import type { Actor } from "./audit.server.ts";
import type { SheetCellProblem, SheetRow } from "./register-sheet.ts";
import { findRegister } from "./register-sheet.server.ts";

export type RowToAdd = { line: number; cells: RegisterCells };
export type CellChange = { column: string; before: CellValue; after: CellValue };
export type RowToChange = { line: number; rowId: number; version: number; cells: RegisterCells; changes: CellChange[] };
export type RefusedRow = { line: number; rowId: number | null; problems: SheetCellProblem[] };
export type ConflictRow = {
  line: number;
  rowId: number;
  /** The version the file was downloaded at, and the one here now. */
  fileVersion: number;
  currentVersion: number;
  /** The file's values (validated), written when the user chooses the file's. */
  cells: RegisterCells;
  /** The columns where the file and the register differ. */
  columns: Array<{ column: string; file: CellValue; current: CellValue }>;
  changedBy: string | null;
  changedAt: string;
};

export type ImportComparison = {
  itemId: string;
  adds: RowToAdd[];
  changes: RowToChange[];
  unchanged: number;
  refused: RefusedRow[];
  conflicts: ConflictRow[];
  /** Rows of the register the file does not list: kept as they are. */
  kept: number;
  /** The register's rows and versions when compared: a confirm against another state is refused as stale. */
  fingerprint: string;
};


/** Where a register lives in the method (its phase decides the lock). */
export function registerPlace(pack: Pack, itemId: string) {
  const found = allItems(pack).find((e) => e.item.id === itemId && e.item.kind === "register");
  return found ? { phase: found.phase, step: found.step, item: found.item as RegisterItem } : null;
}


/** A ref to a row the referenced register does not have: the value found, and the register. */
function refNotFound(id: number, target: { title: Localized } | undefined): Localized {
  return {
    en: `There is no row ${id} in ${target ? `“${target.title.en}”` : "the register it points to"}: give the row id or the exact name of one of its rows.`,
    fa: `ردیف ${localDigits(id, "fa")} در ${target ? `«${target.title.fa}»` : "جدولی که به آن اشاره دارد"} نیست: شناسه سطر یا نام دقیق یکی از ردیف‌های آن را بنویسید.`,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function registerNow(db: Db, projectId: number, itemId: string) {
  return db
    .select()
    .from(registerRows)
    .where(and(eq(registerRows.projectId, projectId), eq(registerRows.itemId, itemId)))
    .orderBy(asc(registerRows.position), asc(registerRows.id))
    .all();
}

function fingerprintOf(rows: Array<{ id: number; version: number }>): string {
  return createHash("sha256").update(rows.map((r) => `${r.id}:${r.version}`).join(",")).digest("hex").slice(0, 32);
}

/** Compares the rows read from a file with the register as it is now. Reads only. */
export function compareWithRegister(db: Db, args: { projectId: number; pack: Pack; item: RegisterItem; rows: readonly SheetRow[] }): ImportComparison {
  const { projectId, item } = args;
  const now = registerNow(db, projectId, item.id);
  const byId = new Map(now.map((r) => [r.id, r]));
  const schema = registerRowSchema(item);

  // Rows the ref columns may point at: rows of the referenced register in this project.
  const refTargets = new Map<string, Set<number>>();
  for (const col of item.columns) {
    if (col.type !== "ref" || refTargets.has(col.register)) continue;
    const ids = db
      .select({ id: registerRows.id })
      .from(registerRows)
      .where(and(eq(registerRows.projectId, projectId), eq(registerRows.itemId, col.register)))
      .all();
    refTargets.set(col.register, new Set(ids.map((r) => r.id)));
  }
  // Ids the file names that are not this register's: another register's or project's, or deleted since.
  const strangers = [...new Set(args.rows.flatMap((r) => (r.rowId !== null && !byId.has(r.rowId) ? [r.rowId] : [])))];
  const elsewhere = new Set<number>();
  for (let i = 0; i < strangers.length; i += 500) {
    for (const r of db.select({ id: registerRows.id }).from(registerRows).where(inArray(registerRows.id, strangers.slice(i, i + 500))).all()) elsewhere.add(r.id);
  }

  const out: ImportComparison = { itemId: item.id, adds: [], changes: [], unchanged: 0, refused: [], conflicts: [], kept: 0, fingerprint: fingerprintOf(now) };
  const seen = new Map<number, number>();
  for (const row of args.rows) {
    const problems = [...row.problems];
    const unreadable = new Set(problems.map((p) => p.column));
    // The reader already checked each cell against this schema (it has no rules across columns) and took invisible
    // characters out; the parse gives the cells their type and guards rows that other callers build.
    const parsed = schema.safeParse(row.cells);
    let cells: RegisterCells | null = null;
    if (parsed.success) {
      cells = parsed.data;
      // A row the file leaves as the register has it is unchanged, even if a row it points at has
      // been deleted since (the form would keep it too): only new or changed rows are checked.
      const stored = row.rowId !== null ? byId.get(row.rowId) : undefined;
      const untouched = stored !== undefined && item.columns.every((c) => same((stored.cells as RegisterCells)[c.id], cells![c.id]));
      for (const col of item.columns) {
        if (untouched || col.type !== "ref" || unreadable.has(col.id)) continue;
        const v = cells[col.id];
        if (v !== null && v !== undefined && !refTargets.get(col.register)?.has(Number(v))) problems.push({ column: col.id, message: refNotFound(Number(v), findRegister(args.pack, col.register)) });
      }
    } else {
      for (const [column, message] of Object.entries(fieldErrors(parsed.error))) if (!unreadable.has(column)) problems.push({ column, message: bothLanguages(message) });
    }

    if (row.rowId !== null) {
      const first = seen.get(row.rowId);
      // The reader already says so of a file's second row with an id; rows built by other callers are checked here.
      if (first !== undefined) {
        if (!unreadable.has("id")) problems.push({ column: "id", message: bothLanguages(msg("sheetImport.refused.twice", { line: first })) });
      } else seen.set(row.rowId, row.line);
      if (!byId.has(row.rowId)) {
        problems.push({ column: "id", message: bothLanguages(msg(elsewhere.has(row.rowId) ? "sheetImport.refused.foreignRow" : "sheetImport.refused.deletedRow", { id: row.rowId })) });
      } else if (row.version === null) {
        if (!unreadable.has("version")) problems.push({ column: "version", message: bothLanguages("sheetImport.refused.noVersion") });
      } else if (row.version > byId.get(row.rowId)!.version) {
        problems.push({ column: "version", message: bothLanguages("sheetImport.refused.futureVersion") });
      }
    }
    if (problems.length || !cells) {
      out.refused.push({ line: row.line, rowId: row.rowId, problems });
      continue;
    }
    if (row.rowId === null) {
      out.adds.push({ line: row.line, cells });
      continue;
    }
    const current = byId.get(row.rowId)!;
    const was = current.cells as RegisterCells;
    const differs = item.columns.filter((c) => !same(was[c.id], cells![c.id]));
    if (differs.length === 0) out.unchanged++;
    else if (row.version === current.version) {
      out.changes.push({ line: row.line, rowId: current.id, version: current.version, cells, changes: differs.map((c) => ({ column: c.id, before: was[c.id] ?? null, after: cells![c.id] ?? null })) });
    } else {
      out.conflicts.push({
        line: row.line,
        rowId: current.id,
        fileVersion: row.version!,
        currentVersion: current.version,
        cells,
        columns: differs.map((c) => ({ column: c.id, file: cells![c.id] ?? null, current: was[c.id] ?? null })),
        changedBy: current.updatedBy,
        changedAt: current.updatedAt,
      });
    }
  }
  // The register's limit, as the form keeps it: the rows to add beyond it are refused.
  const room = Math.max(0, item.maxRows - now.length);
  if (out.adds.length > room) {
    const over = out.adds.splice(room);
    const message = bothLanguages(msg("sheetImport.refused.full", { max: item.maxRows, now: now.length, room }));
    for (const a of over) out.refused.push({ line: a.line, rowId: null, problems: [{ column: "id", message }] });
    out.refused.sort((a, b) => a.line - b.line);
  }
  out.kept = now.filter((r) => !seen.has(r.id)).length;
  return out;
}

export type ImportResult =
  | { status: "written"; added: number; changed: number; comparison: ImportComparison }
  /** The register changed since the preview: nothing written; the new comparison is shown. */
  | { status: "stale"; comparison: ImportComparison }
  /** Refused rows (in the file, or found while writing): nothing written. */
  | { status: "refused"; comparison: ImportComparison };

class Rollback extends Error {}

/**
 * Writes the file's rows in one transaction, through addRow / updateRow (the
 * forms' validation, one history entry per row naming the file, the live
 * change announced). `fingerprint` is the comparison's the user saw: a register
 * changed since is not written. `useFile`: the conflicts the user chose to
 * settle with the file's values (the others keep the current).
 */
export function applyImport(
  db: Db,
  args: { projectId: number; pack: Pack; item: RegisterItem; rows: readonly SheetRow[]; fingerprint: string; useFile: readonly number[]; fileName: string; by: Actor },
): ImportResult {
  const { projectId, item, by, fileName } = args;
  try {
    return writeTransaction(db, () => {
      const comparison = compareWithRegister(db, args);
      if (comparison.fingerprint !== args.fingerprint) return { status: "stale", comparison } as const;
      if (comparison.refused.length) return { status: "refused", comparison } as const;
      const chosen = new Set(args.useFile);
      let changed = 0;
      for (const a of comparison.adds) {
        if (addRow(db, { projectId, item, raw: a.cells, by, fromSheet: fileName }).status !== "saved") throw new Rollback();
      }
      const updates = [
        ...comparison.changes.map((c) => ({ rowId: c.rowId, version: c.version, cells: c.cells })),
        ...comparison.conflicts.filter((c) => chosen.has(c.rowId)).map((c) => ({ rowId: c.rowId, version: c.currentVersion, cells: c.cells })),
      ];
      for (const u of updates) {
        if (updateRow(db, { projectId, item, rowId: u.rowId, baseVersion: u.version, raw: u.cells, by, fromSheet: fileName }).status !== "saved") throw new Rollback();
        changed++;
      }
      return { status: "written", added: comparison.adds.length, changed, comparison } as const;
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    // Something the comparison did not foresee refused a row: nothing was written; show the register as it is now.
    const comparison = compareWithRegister(db, args);
    return { status: comparison.fingerprint === args.fingerprint ? "refused" : "stale", comparison };
  }
}

// ---------------------------------------------------------------------------
// Carrying the upload from the preview to the confirmation (decision 045).
// Two server processes may share the database, so the file is kept beside it,
// not in one process's memory: `<database>.sheet-imports/<random id>.bin` with
// a `.json` naming the user, project, register, file name and format. It is
// removed when confirmed or cancelled, and any older than an hour at the next upload.

export const UPLOAD_TTL_MS = 60 * 60 * 1000;
export type StoredUpload = { id: string; userId: number; projectId: number; itemId: string; fileName: string; createdAt: number };

export function uploadDir(dbFile = databasePath()): string {
  return `${dbFile}.sheet-imports`;
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;

export function storeUpload(dir: string, meta: Omit<StoredUpload, "id" | "createdAt">, bytes: Uint8Array, now = Date.now()): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  sweepUploads(dir, now);
  const id = randomBytes(16).toString("hex");
  const record: StoredUpload = { ...meta, id, createdAt: now };
  fs.writeFileSync(path.join(dir, `${id}.bin`), bytes, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(record), { mode: 0o600 });
  return id;
}

/** The upload with this id, if it is this user's, for this register, and not older than an hour. */
export function loadUpload(dir: string, id: unknown, expected: { userId: number; projectId: number; itemId: string }, now = Date.now()): { meta: StoredUpload; bytes: Uint8Array } | null {
  if (typeof id !== "string" || !UPLOAD_ID.test(id)) return null;
  let meta: StoredUpload;
  let bytes: Uint8Array;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), "utf8")) as StoredUpload;
    bytes = new Uint8Array(fs.readFileSync(path.join(dir, `${id}.bin`)));
  } catch {
    return null;
  }
  if (meta.userId !== expected.userId || meta.projectId !== expected.projectId || meta.itemId !== expected.itemId) return null;
  if (now - meta.createdAt > UPLOAD_TTL_MS) {
    discardUpload(dir, id);
    return null;
  }
  return { meta, bytes };
}

export function discardUpload(dir: string, id: string): void {
  if (!UPLOAD_ID.test(id)) return;
  for (const ext of [".bin", ".json"]) fs.rmSync(path.join(dir, `${id}${ext}`), { force: true });
}

function sweepUploads(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    try {
      if (now - fs.statSync(path.join(dir, name)).mtimeMs > UPLOAD_TTL_MS) fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // Removed by the other process meanwhile.
    }
  }
}
