/**
 * Importing a register from a spreadsheet (decision 045): what the preview
 * says each row of the file becomes, and a write that is all or nothing.
 * Readings are built by hand here (the contract's `SheetRow`); the reader
 * itself is SHEET-CORE's and is tested beside it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { tempDatabase } from "#tests/setup/db.ts";
import { auditLog, registerRows } from "#db/schema.ts";
import { findItem } from "#methodology/load.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import { createProject, packOf } from "./projects.server.ts";
import { addRow, deleteRow, updateRow } from "./answers.server.ts";
import { applyImport, compareWithRegister, discardUpload, loadUpload, storeUpload, UPLOAD_TTL_MS } from "./register-import.server.ts";
import { isImportable, type SheetRow } from "./register-sheet.ts";
import { buildRegisterCsv, readRegisterFile } from "./register-sheet.server.ts";

const t = tempDatabase();
afterAll(() => t.cleanup());
const db = t.db;
const sara = { id: null, name: "Sara Ahmadi" };
const other = { id: null, name: "Omid Rahimi" };

function newProject(name: string) {
  const p = createProject(db, { name, clientOrganisation: "Client", deliverableLanguage: "en", startDate: "2026-01-10", description: "", pack: "crm-implementation@1.0.0" });
  return { id: p.id, pack: packOf(p)! };
}

let project: ReturnType<typeof newProject>;
let requirements: RegisterItem;
let goalId: number;
let rowA: number, rowB: number, rowC: number;

function add(cells: Record<string, unknown>, item = requirements, projectId = project.id) {
  const r = addRow(db, { projectId, item, raw: cells, by: sara });
  if (r.status !== "saved") throw new Error(JSON.stringify(r));
  return r.rowId!;
}
const row = (line: number, rowId: number | null, version: number | null, cells: Record<string, unknown>, problems: SheetRow["problems"] = []): SheetRow => ({ line, rowId, version, cells, problems });
const cellsOf = (id: number) => db.select().from(registerRows).where(eq(registerRows.id, id)).get()!.cells as Record<string, unknown>;
const count = () => db.select().from(registerRows).where(and(eq(registerRows.projectId, project.id), eq(registerRows.itemId, requirements.id))).all().length;
const base = { requirement: "", description: "", priority: null, goal: null, touchpoint: null, process: "", "crm-function": "", level: null };

beforeEach(() => {
  project = newProject(`P${Math.random()}`);
  requirements = findItem(project.pack, "requirements.register") as RegisterItem;
  const goals = findItem(project.pack, "goals.register") as RegisterItem;
  goalId = add({ goal: "Keep customers" }, goals);
  rowA = add({ ...base, requirement: "One customer record", priority: "must" });
  rowB = add({ ...base, requirement: "Quotes in one click", priority: "should" });
  rowC = add({ ...base, requirement: "Call scheduling", priority: "could" });
});

describe("the preview of an import", () => {
  test("rows to add, rows to change (before → after per column), unchanged rows counted, rows not in the file kept", () => {
    const cmp = compareWithRegister(db, {
      projectId: project.id,
      pack: project.pack,
      item: requirements,
      rows: [
        row(3, rowA, 1, { ...base, requirement: "One customer record", priority: "must" }),
        row(4, rowB, 1, { ...base, requirement: "Quotes in one click", priority: "must", goal: goalId }),
        row(5, null, null, { ...base, requirement: "Service tickets from email", priority: "could" }),
      ],
    });
    expect(cmp.unchanged).toBe(1);
    expect(cmp.changes).toEqual([
      expect.objectContaining({ line: 4, rowId: rowB, changes: [{ column: "priority", before: "should", after: "must" }, { column: "goal", before: null, after: goalId }] }),
    ]);
    expect(cmp.adds).toEqual([expect.objectContaining({ line: 5, cells: expect.objectContaining({ requirement: "Service tickets from email" }) })]);
    expect(cmp.refused).toEqual([]);
    expect(cmp.conflicts).toEqual([]);
    expect(cmp.kept).toBe(1);
  });

  test("a cell the form would refuse is refused with its reason in both languages, and the reader's own problems are kept", () => {
    const cmp = compareWithRegister(db, {
      projectId: project.id,
      pack: project.pack,
      item: requirements,
      rows: [
        row(3, null, null, { ...base, requirement: "", priority: "must" }),
        row(4, null, null, { ...base, requirement: "Ok", priority: "sometimes" }, [{ column: "priority", message: { fa: "گزینه نامعتبر", en: "Not one of the choices" } }]),
        row(5, null, null, { ...base, requirement: "Ok", goal: 999999 }),
      ],
    });
    expect(cmp.adds).toEqual([]);
    expect(cmp.refused).toEqual([
      { line: 3, rowId: null, problems: [{ column: "requirement", message: { en: "This field is required.", fa: expect.stringMatching(/\S/) } }] },
      { line: 4, rowId: null, problems: [{ column: "priority", message: { fa: "گزینه نامعتبر", en: "Not one of the choices" } }] },
      { line: 5, rowId: null, problems: [{ column: "goal", message: { en: "There is no row 999999 in “CRM programme goals and their priority”: give the row id or the exact name of one of its rows.", fa: expect.stringContaining("ردیف ۹۹۹۹۹۹ در «اهداف برنامه CRM و اولویت آن‌ها»") } }] },
    ]);
  });

  test("a row left as the register has it is unchanged even when the goal it points at was deleted since; the same row changed is checked as the form checks it", () => {
    const goals = findItem(project.pack, "goals.register") as RegisterItem;
    const rowD = add({ ...base, requirement: "Linked to a goal", goal: goalId });
    const d = db.select().from(registerRows).where(eq(registerRows.id, rowD)).get()!;
    const del = deleteRow(db, { projectId: project.id, item: goals, rowId: goalId, baseVersion: 1, by: sara });
    expect(del.status).toBe("deleted");
    const cmp = compareWithRegister(db, {
      projectId: project.id,
      pack: project.pack,
      item: requirements,
      rows: [row(4, rowD, d.version, { ...base, requirement: "Linked to a goal", goal: goalId })],
    });
    expect(cmp.refused).toEqual([]);
    expect(cmp.unchanged).toBe(1);
    const changed = compareWithRegister(db, { projectId: project.id, pack: project.pack, item: requirements, rows: [row(4, rowD, d.version, { ...base, requirement: "Linked to a goal, edited", goal: goalId })] });
    expect(changed.refused.map((r) => r.problems.map((p) => p.column))).toEqual([["goal"]]);
  });

  test("a row changed here since the download whose values differ is a conflict, with who changed it and when; one changed the same way is unchanged", () => {
    updateRow(db, { projectId: project.id, item: requirements, rowId: rowA, baseVersion: 1, raw: { ...base, requirement: "One customer record", priority: "should" }, by: other });
    updateRow(db, { projectId: project.id, item: requirements, rowId: rowB, baseVersion: 1, raw: { ...base, requirement: "Quotes in one click", priority: "must" }, by: other });
    const cmp = compareWithRegister(db, {
      projectId: project.id,
      pack: project.pack,
      item: requirements,
      rows: [
        row(3, rowA, 1, { ...base, requirement: "One customer record", priority: "could" }),
        row(4, rowB, 1, { ...base, requirement: "Quotes in one click", priority: "must" }),
      ],
    });
    expect(cmp.conflicts).toEqual([
      expect.objectContaining({ line: 3, rowId: rowA, fileVersion: 1, currentVersion: 2, changedBy: "Omid Rahimi", columns: [{ column: "priority", file: "could", current: "should" }] }),
    ]);
    expect(cmp.conflicts[0]!.changedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(cmp.unchanged).toBe(1);
    expect(cmp.changes).toEqual([]);
  });

  test("an id deleted since the download, an id of another project's register, a row twice and a version this row never had are refused with a clear reason", () => {
    const elsewhere = newProject("Elsewhere");
    const foreign = add({ ...base, requirement: "Not ours" }, findItem(elsewhere.pack, "requirements.register") as RegisterItem, elsewhere.id);
    deleteRow(db, { projectId: project.id, item: requirements, rowId: rowC, baseVersion: 1, by: other });
    const cmp = compareWithRegister(db, {
      projectId: project.id,
      pack: project.pack,
      item: requirements,
      rows: [
        row(3, rowC, 1, { ...base, requirement: "Call scheduling" }),
        row(4, foreign, 1, { ...base, requirement: "Not ours" }),
        row(5, rowA, 1, { ...base, requirement: "One customer record", priority: "must" }),
        row(6, rowA, 1, { ...base, requirement: "One customer record", priority: "must" }),
        row(7, rowB, 7, { ...base, requirement: "Quotes in one click", priority: "should" }),
      ],
    });
    const reasons = Object.fromEntries(cmp.refused.map((r) => [r.line, r.problems.map((p) => `${p.column}: ${p.message.en}`).join(" / ")]));
    expect(reasons[3]).toMatch(/^id: .*no longer in this register/);
    expect(reasons[4]).toMatch(/^id: .*another register or project/);
    expect(reasons[6]).toMatch(/^id: .*twice.*row 5/);
    expect(reasons[7]).toMatch(/^version: /);
    expect(Object.keys(reasons)).toEqual(["3", "4", "6", "7"]);
    expect(cmp.refused.every((r) => r.problems.every((p) => p.message.fa.length > 0 && p.message.fa !== p.message.en))).toBe(true);
  });

  test("a row whose id the file lists twice, read from a real file, is refused once for it (not once by the reader and again by the comparison)", async () => {
    const stored = db.select().from(registerRows).where(and(eq(registerRows.projectId, project.id), eq(registerRows.itemId, requirements.id))).all();
    const csv = buildRegisterCsv({ project: { id: project.id, name: "P" }, pack: project.pack, item: requirements, rows: stored, lang: "en", exportedAt: new Date() });
    const lines = csv.split("\r\n").filter(Boolean);
    const reading = await readRegisterFile(new TextEncoder().encode([...lines, lines[3]!].join("\r\n")), { projectId: project.id, item: requirements, pack: project.pack });
    if (!reading.ok) throw new Error(reading.refusal.message.en);
    const cmp = compareWithRegister(db, { projectId: project.id, pack: project.pack, item: requirements, rows: reading.rows });
    expect(cmp.refused).toHaveLength(1);
    expect(cmp.refused[0]!.problems.filter((p) => p.column === "id")).toHaveLength(1);
  });

  test("rows to add beyond the register's limit are refused, saying how many it may still take", () => {
    const small = { ...requirements, maxRows: 4 };
    const cmp = compareWithRegister(db, {
      projectId: project.id,
      pack: project.pack,
      item: small,
      rows: [row(3, null, null, { ...base, requirement: "One" }), row(4, null, null, { ...base, requirement: "Two" })],
    });
    expect(cmp.adds.map((a) => a.line)).toEqual([3]);
    expect(cmp.refused).toEqual([{ line: 4, rowId: null, problems: [{ column: "id", message: expect.objectContaining({ en: expect.stringMatching(/at most 4 rows.*3.*1/) }) }] }]);
  });

  test("registers edited in their own score grid are not importable; the others are", () => {
    expect(isImportable(findItem(project.pack, "goals.scores") as RegisterItem)).toBe(false);
    expect(isImportable(requirements)).toBe(true);
  });
});

describe("writing an import", () => {
  const rows = () => [
    row(3, rowA, 1, { ...base, requirement: "One customer record for all", priority: "must" }),
    row(4, rowB, 1, { ...base, requirement: "Quotes in one click", priority: "must" }),
    row(5, null, null, { ...base, requirement: "Service tickets from email", priority: "could" }),
  ];

  test("writes every row through the forms' functions, one history entry per row naming the file", () => {
    const before = compareWithRegister(db, { projectId: project.id, pack: project.pack, item: requirements, rows: rows() });
    const r = applyImport(db, { projectId: project.id, pack: project.pack, item: requirements, rows: rows(), fingerprint: before.fingerprint, useFile: [], fileName: "requirements.xlsx", by: sara });
    expect(r).toMatchObject({ status: "written", added: 1, changed: 2 });
    expect(cellsOf(rowA).requirement).toBe("One customer record for all");
    expect(count()).toBe(4);
    const entries = db.select().from(auditLog).where(and(eq(auditLog.projectId, project.id), eq(auditLog.subject, "requirements.xlsx"))).all();
    expect(entries.map((e) => e.action).sort()).toEqual(["row.add", "row.update", "row.update"]);
    expect(entries.every((e) => e.actorName === "Sara Ahmadi")).toBe(true);
  });

  test("a refused row anywhere in the file: nothing is written", () => {
    const bad = [...rows(), row(6, null, null, { ...base, requirement: "" })];
    const cmp = compareWithRegister(db, { projectId: project.id, pack: project.pack, item: requirements, rows: bad });
    const r = applyImport(db, { projectId: project.id, pack: project.pack, item: requirements, rows: bad, fingerprint: cmp.fingerprint, useFile: [], fileName: "f.csv", by: sara });
    expect(r.status).toBe("refused");
    expect(cellsOf(rowA).requirement).toBe("One customer record");
    expect(count()).toBe(3);
  });

  test("a failure while writing rolls back the rows written before it", () => {
    const file = [...rows(), row(6, null, null, { ...base, requirement: "Explode" })];
    const cmp = compareWithRegister(db, { projectId: project.id, pack: project.pack, item: requirements, rows: file });
    // The database refuses the last row (as a full disk would): the adds and changes before it must not stay.
    db.$client.exec("CREATE TEMP TRIGGER explode BEFORE INSERT ON register_rows WHEN NEW.cells LIKE '%Explode%' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    try {
      expect(() => applyImport(db, { projectId: project.id, pack: project.pack, item: requirements, rows: file, fingerprint: cmp.fingerprint, useFile: [], fileName: "f.xlsx", by: sara })).toThrow(/boom/);
    } finally {
      db.$client.exec("DROP TRIGGER explode");
    }
    expect(count()).toBe(3);
    expect(cellsOf(rowA).requirement).toBe("One customer record");
    expect(db.select().from(auditLog).where(eq(auditLog.subject, "f.xlsx")).all()).toEqual([]);
  });

  test("the register changed between the preview and the confirmation: nothing written, the new comparison returned", () => {
    const cmp = compareWithRegister(db, { projectId: project.id, pack: project.pack, item: requirements, rows: rows() });
    updateRow(db, { projectId: project.id, item: requirements, rowId: rowC, baseVersion: 1, raw: { ...base, requirement: "Call scheduling", priority: "must" }, by: other });
    const r = applyImport(db, { projectId: project.id, pack: project.pack, item: requirements, rows: rows(), fingerprint: cmp.fingerprint, useFile: [], fileName: "f.xlsx", by: sara });
    expect(r.status).toBe("stale");
    expect(r.comparison.fingerprint).not.toBe(cmp.fingerprint);
    expect(count()).toBe(3);
    expect(cellsOf(rowA).requirement).toBe("One customer record");
  });

  test("a conflict keeps the current values unless the user chose the file's", () => {
    updateRow(db, { projectId: project.id, item: requirements, rowId: rowA, baseVersion: 1, raw: { ...base, requirement: "Theirs", priority: "should" }, by: other });
    updateRow(db, { projectId: project.id, item: requirements, rowId: rowB, baseVersion: 1, raw: { ...base, requirement: "Theirs too", priority: "should" }, by: other });
    const file = [row(3, rowA, 1, { ...base, requirement: "Mine", priority: "must" }), row(4, rowB, 1, { ...base, requirement: "Mine too", priority: "must" })];
    const cmp = compareWithRegister(db, { projectId: project.id, pack: project.pack, item: requirements, rows: file });
    expect(cmp.conflicts.map((c) => c.rowId)).toEqual([rowA, rowB]);
    const r = applyImport(db, { projectId: project.id, pack: project.pack, item: requirements, rows: file, fingerprint: cmp.fingerprint, useFile: [rowB], fileName: "f.xlsx", by: sara });
    expect(r).toMatchObject({ status: "written", added: 0, changed: 1 });
    expect(cellsOf(rowA).requirement).toBe("Theirs");
    expect(cellsOf(rowB).requirement).toBe("Mine too");
  });
});

describe("the upload kept between preview and confirmation", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-sheet-uploads-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const who = { userId: 7, projectId: 3, itemId: "requirements.register" };

  test("read back by the same user for the same register (from any process: it is a file beside the database), never by another", () => {
    const id = storeUpload(dir, { ...who, fileName: "r.xlsx" }, new Uint8Array([1, 2, 3]));
    expect(loadUpload(dir, id, who)?.bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(loadUpload(dir, id, { ...who, userId: 8 })).toBeNull();
    expect(loadUpload(dir, id, { ...who, itemId: "goals.register" })).toBeNull();
    expect(loadUpload(dir, "../../etc/passwd", who)).toBeNull();
    discardUpload(dir, id);
    expect(loadUpload(dir, id, who)).toBeNull();
  });

  test("gone after an hour", () => {
    const id = storeUpload(dir, { ...who, fileName: "r.csv" }, new Uint8Array([1]), Date.now() - UPLOAD_TTL_MS - 1000);
    expect(loadUpload(dir, id, who)).toBeNull();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(id))).toEqual([]);
  });
});

describe("download names (review of issue 20)", () => {
  test("a Persian name keeps no zero-width non-joiner, which Chromium turns into '_': a space stands in its place", async () => {
    const { contentDisposition, sheetFileName } = await import("./downloads.server.ts");
    const name = sheetFileName("پیاده‌سازی CRM: مهرگان", "ثبت نیازمندی‌ها", new Date("2026-12-05T09:00:00Z"), "xlsx");
    expect(name).toBe("پیاده‌سازی CRM مهرگان - ثبت نیازمندی‌ها - 2026-12-05.xlsx");
    const header = contentDisposition(name);
    expect(header).not.toContain("%E2%80%8C");
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe("پیاده سازی CRM مهرگان - ثبت نیازمندی ها - 2026-12-05.xlsx");
    expect(contentDisposition("برگه پاسخ - پیاده‌سازی.xlsx")).not.toContain("%E2%80%8C");
  });
});
