/**
 * The response sheet against real projects (both completed engagements):
 * LibreOffice Calc reads the same rows as the register, and importing a
 * vendor's filled sheet replaces that vendor's answers, keeps the team's
 * remedies, says so in the history, and writes nothing when it refuses.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { useCompletedEngagements } from "#tests/fixtures/completed-engagements.ts";
import { findSoffice } from "#tests/setup/docx.ts";
import { findItem } from "#methodology/load.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import { getProject, loadProjectData } from "./projects.server.ts";
import { updateRow } from "./answers.server.ts";
import { buildResponseSheet, importVendorSheet } from "./response-sheet.server.ts";
import { productCandidates } from "./response-sheet.ts";
import { responseSheetInput } from "#app/views/selection-views.ts";
import { localDigits } from "#app/views/format.ts";

const engagements = useCompletedEngagements();

/** RFC 4180 rows (quoted fields, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe("LibreOffice Calc reads the response sheet", () => {
  const soffice = findSoffice();
  test.skipIf(!soffice)("converted to CSV, its requirements sheet has the register's rows: number, requirement and priority, in both languages", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-sheet-csv-"));
    const expected: Record<string, string[][]> = {};
    const files: string[] = [];
    for (const lang of ["en", "fa"] as const) {
      const { db, id, pack, data } = engagements.get(lang);
      const project = getProject(db, id)!;
      const input = responseSheetInput(pack, project, data, lang, null)!;
      const priorities = findItem(pack, "requirements.register") as RegisterItem;
      const priorityCol = priorities.columns.find((c) => c.id === "priority")!;
      const words = new Map(priorityCol.type === "choice" ? priorityCol.options.map((o) => [o.id, o.label[lang]]) : []);
      expected[lang] = (data.rows.get("requirements.register") ?? []).map((r, i) => [localDigits(`R${i + 1}`, lang), String(r.cells.requirement), words.get(String(r.cells.priority)) ?? ""]);
      expect(expected[lang]!.length).toBeGreaterThan(3);
      const file = path.join(dir, `sheet-${lang}.xlsx`);
      fs.writeFileSync(file, await buildResponseSheet(input));
      files.push(file);
    }
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-lo-calc-"));
    // Sheet 2 (the requirements), UTF-8, comma-separated, quoted where needed.
    execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2", "--outdir", dir, ...files], { stdio: "ignore", timeout: 120_000 });
    for (const lang of ["en", "fa"] as const) {
      const csv = fs.readdirSync(dir).find((f) => f.startsWith(`sheet-${lang}`) && f.endsWith(".csv"));
      expect(csv, `no CSV for the ${lang} sheet`).toBeDefined();
      const rows = parseCsv(fs.readFileSync(path.join(dir, csv!), "utf8"));
      expect(rows[0]!.slice(0, 2)).toEqual(lang === "en" ? ["No.", "Requirement"] : ["شماره", "نیازمندی"]);
      expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(expected[lang]);
    }
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("importing a vendor's filled sheet", () => {
  const by = { id: null, name: "Test" };

  async function filled(lang: "en" | "fa", vendorRowId: number, edit?: (ws: ExcelJS.Worksheet) => void) {
    const { db, id, pack } = engagements.get(lang);
    const data = loadProjectData(db, id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildResponseSheet(responseSheetInput(pack, getProject(db, id)!, data, lang, vendorRowId)!)) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[1]!;
    const configuration = (findItem(pack, "selection.vendor-responses") as RegisterItem).columns.find((c) => c.id === "fit")!;
    const word = configuration.type === "choice" ? configuration.options.find((o) => o.id === "configuration")!.label[lang] : "";
    for (let r = 2; r <= ws.rowCount; r++) [ws.getCell(r, 6).value, ws.getCell(r, 7).value, ws.getCell(r, 8).value, ws.getCell(r, 9).value] = [word, 3, 1200, "From the sheet"];
    edit?.(ws);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test("replaces that vendor's answers in one go, keeps the team's remedies, and the history names the vendor and the file", async () => {
    const { db, id, pack } = engagements.get("en");
    const item = findItem(pack, "selection.vendor-responses") as RegisterItem;
    const before = loadProjectData(db, id);
    const vendor = productCandidates(before.rows).find((c) => c.status === "short-list")!;
    const theirs = before.rows.get("selection.vendor-responses")!.filter((r) => Number(r.cells.vendor) === vendor.rowId);
    expect(theirs.length).toBeGreaterThan(0);
    // The team wrote a remedy on one of the vendor's answers.
    const first = theirs[0]!;
    const saved = updateRow(db, { projectId: id, item, rowId: first.id, baseVersion: first.version, raw: { ...first.cells, remedy: "Workshop with the vendor in week 2." }, by });
    expect(saved.status).toBe("saved");
    const others = before.rows.get("selection.vendor-responses")!.filter((r) => Number(r.cells.vendor) !== vendor.rowId);

    const bytes = await filled("en", vendor.rowId);
    const outcome = await importVendorSheet(db, { projectId: id, project: getProject(db, id)!, pack, data: loadProjectData(db, id), vendorRowId: vendor.rowId, bytes, fileName: "keystone-answers.xlsx", by, locked: false });
    const requirements = before.rows.get("requirements.register")!.length;
    expect(outcome).toMatchObject({ ok: true, vendor: vendor.name });
    const after = loadProjectData(db, id).rows.get("selection.vendor-responses")!;
    const mine = after.filter((r) => Number(r.cells.vendor) === vendor.rowId);
    expect(mine).toHaveLength(requirements);
    expect(mine.every((r) => r.cells.fit === "configuration" && r.cells.comment === "From the sheet" && r.cells.cost === 1200)).toBe(true);
    expect(mine.find((r) => r.id === first.id)?.cells.remedy).toBe("Workshop with the vendor in week 2.");
    // Other vendors' answers are untouched.
    expect(after.filter((r) => Number(r.cells.vendor) !== vendor.rowId).map((r) => [r.id, r.version])).toEqual(others.map((r) => [r.id, r.version]));
    const entry = db.$client.prepare("SELECT subject, after FROM audit_log WHERE project_id = ? AND action = 'selection.import' ORDER BY id DESC").get(id) as { subject: string; after: string };
    expect(entry.subject).toBe(vendor.name);
    expect(JSON.parse(entry.after)).toMatchObject({ source: { file: "keystone-answers.xlsx", vendor: vendor.name } });
  });

  test("a refused sheet writes nothing: edited numbers, another vendor's sheet, a bad cell, a locked phase", async () => {
    const { db, id, pack } = engagements.get("fa");
    const data = loadProjectData(db, id);
    const [a, b] = productCandidates(data.rows);
    const snapshot = () => JSON.stringify([db.$client.prepare("SELECT id, version, cells FROM register_rows WHERE project_id = ? ORDER BY id").all(id), db.$client.prepare("SELECT count(*) AS n FROM audit_log").get()]);
    const start = snapshot();
    const run = async (bytes: Uint8Array, vendorRowId: number, locked = false) =>
      importVendorSheet(db, { projectId: id, project: getProject(db, id)!, pack, data: loadProjectData(db, id), vendorRowId, bytes, fileName: "x.xlsx", by, locked });
    const renumbered = await run(await filled("fa", a!.rowId, (ws) => (ws.getCell("A2").value = "R۹۹")), a!.rowId);
    expect(renumbered).toMatchObject({ ok: false, status: 400, refusal: "mismatch" });
    expect(await run(await filled("fa", a!.rowId), b!.rowId)).toMatchObject({ ok: false, refusal: "other-vendor" });
    const badCell = await run(await filled("fa", a!.rowId, (ws) => (ws.getCell("F3").value = "شاید")), a!.rowId);
    expect(badCell).toMatchObject({ ok: false, refusal: "cells", problems: [{ key: "cell.fit", params: { number: "R2", value: "شاید" } }] });
    expect(await run(await filled("fa", a!.rowId), a!.rowId, true)).toMatchObject({ ok: false, status: 409, refusal: "locked" });
    expect(snapshot()).toBe(start);
  });
});
