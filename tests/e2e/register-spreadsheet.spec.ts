import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { findSoffice } from "../setup/docx.ts";
import { pack, shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";
import type { RegisterItem } from "../../methodology/schema.ts";

/**
 * Issue 20, item 1 (decision 045): a register goes out as a spreadsheet and
 * comes back. The requirements register is downloaded from its step, two rows
 * are changed and one added in a real spreadsheet library (exceljs, not by
 * editing XML) — and once more through LibreOffice's CSV — then imported: the
 * preview says what would change, the confirmation writes it, the register
 * and the history show it. A file downloaded before someone else's change
 * comes back as a conflict, never silently over it; a register changed
 * between the preview and the confirmation is not written.
 */

const DATABASE = "tests/.artifacts/e2e.sqlite";
const ITEM = "requirements.register";
const requirements = pack.phases.flatMap((p) => p.steps).flatMap((s) => s.items).find((i) => i.id === ITEM) as RegisterItem;
/** Sheet columns: row id, version, then the register's columns in order (line 3 is the header, rows from line 4). */
const COL = Object.fromEntries(requirements.columns.map((c, i) => [c.id, i + 3])) as Record<string, number>;
const FIRST_ROW = 4;
const priorityLabel = (id: string, lang: "fa" | "en") => {
  const col = requirements.columns.find((c) => c.id === "priority")!;
  return col.type === "choice" ? col.options.find((o) => o.id === id)!.label[lang] : id;
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-e2e-sheet-"));
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project of its own with three requirements, in the language given. */
async function projectWithRequirements(page: Page, lang: "fa" | "en"): Promise<{ projectId: string; rows: number[] }> {
  const created = await page.request.post("/projects/new", {
    form: { name: lang === "fa" ? `صفحه‌گسترده ${Date.now()}` : `Spreadsheets ${Date.now()}`, clientOrganisation: "Sheet Ltd", deliverableLanguage: lang, startDate: "2026-11-23", pack: "crm-implementation@1.0.0" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const projectId = created.headers()["location"]!.split("/").pop()!;
  const texts = lang === "fa" ? ["پرونده واحد مشتری", "پیش‌فاکتور با یک کلیک", "زمان‌بندی تماس‌ها"] : ["One customer record", "Quotes in one click", "Call scheduling"];
  for (const [i, requirement] of texts.entries()) {
    const r = await page.request.post(stepOf(projectId, ITEM), { form: { intent: "row-add", itemId: ITEM, "c.requirement": requirement, "c.priority": ["must", "should", "could"][i]! } });
    expect(r.status()).toBe(200);
  }
  return { projectId, rows: storedRows(projectId).map((r) => r.id) };
}

function storedRows(projectId: string): Array<{ id: number; version: number; cells: Record<string, unknown> }> {
  const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT id, version, cells FROM register_rows WHERE project_id = ? AND item_id = ? ORDER BY position, id").all(Number(projectId), ITEM) as Array<{ id: number; version: number; cells: string }>).map((r) => ({ ...r, cells: JSON.parse(r.cells) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

async function download(page: Page, projectId: string, format: "xlsx" | "csv"): Promise<string> {
  await page.goto(stepOf(projectId, ITEM));
  const register = page.locator(`[data-item-id="${ITEM}"]`);
  const [file] = await Promise.all([page.waitForEvent("download"), register.getByTestId(`sheet-${format}`).click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
  const where = path.join(tmp, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(where);
  return where;
}

/** Opens the downloaded workbook with exceljs, lets `edit` change it, and saves it as a new file. */
async function editWorkbook(file: string, edit: (ws: ExcelJS.Worksheet, rowOf: (id: number) => ExcelJS.Row) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rowOf = (id: number) => {
    for (let r = FIRST_ROW; r <= ws.rowCount; r++) if (Number(ws.getRow(r).getCell(1).value) === id) return ws.getRow(r);
    throw new Error(`row ${id} is not in the sheet`);
  };
  edit(ws, rowOf);
  const out = file.replace(/\.xlsx$/, "-edited.xlsx");
  await wb.xlsx.writeFile(out);
  return out;
}

async function upload(page: Page, projectId: string, file: string) {
  await page.goto(stepOf(projectId, ITEM));
  await page.locator(`[data-item-id="${ITEM}"]`).getByTestId("sheet-import").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/registers/${ITEM.replace(".", "\\.")}/import$`));
  await page.locator("#sheet-file").setInputFiles(file);
  await page.getByRole("button", { name: /Show what would change|نمایش آنچه تغییر می‌کند/ }).click();
  await expect(page.getByTestId("sheet-preview")).toBeVisible();
}

test.describe("a register to a spreadsheet and back", () => {
  test("download as .xlsx, change two rows and add one with exceljs, import: preview, confirm, the register and the history", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects");
    await switchLanguage(page, "en");
    const { projectId, rows } = await projectWithRequirements(page, "en");
    const xlsx = await download(page, projectId, "xlsx");
    const edited = await editWorkbook(xlsx, (ws, rowOf) => {
      rowOf(rows[0]!).getCell(COL.requirement!).value = "One customer record, shared with service";
      rowOf(rows[1]!).getCell(COL.priority!).value = priorityLabel("must", "en");
      const added = ws.getRow(ws.rowCount + 1);
      added.getCell(COL.requirement!).value = "Service tickets from email";
      added.getCell(COL.priority!).value = priorityLabel("could", "en");
    });
    await upload(page, projectId, edited);

    await expect(page.getByTestId("import-summary")).toHaveText("1 row to add · 2 rows to change · 1 row unchanged");
    const changes = page.getByTestId("import-changes");
    await expect(changes.locator(`tr[data-row-id="${rows[0]}"]`)).toContainText("One customer record, shared with service");
    await expect(changes.locator(`tr[data-row-id="${rows[0]}"] .change-before`)).toHaveText("One customer record");
    await expect(changes.locator(`tr[data-row-id="${rows[1]}"] .change-before`)).toHaveText("Should");
    await expect(changes.locator(`tr[data-row-id="${rows[1]}"] .change-after`)).toHaveText("Must");
    await expect(page.getByTestId("import-adds")).toContainText("Service tickets from email");
    // Nothing is written before the confirmation.
    expect(storedRows(projectId).map((r) => r.cells.requirement)).toEqual(["One customer record", "Quotes in one click", "Call scheduling"]);
    await shot(page, "sheet-import-preview-en");
    // On a phone every column's name fits its cell (the first column is not squeezed until "Requirement" runs into the value beside it).
    await page.setViewportSize({ width: 390, height: 844 });
    const overflowing = await page.locator(".sheet-change th[scope=row]").evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
    expect(overflowing).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByRole("button", { name: "Write these changes into the register" }).click();
    await expect(page.getByTestId("import-written")).toContainText("1 added, 2 changed");
    const after = storedRows(projectId);
    expect(after.map((r) => [r.cells.requirement, r.cells.priority])).toEqual([
      ["One customer record, shared with service", "must"],
      ["Quotes in one click", "must"],
      ["Call scheduling", "could"],
      ["Service tickets from email", "could"],
    ]);

    await page.getByRole("link", { name: "See the register" }).click();
    await expect(page.locator(`[data-item-id="${ITEM}"]`)).toContainText("Service tickets from email");
    await expect(page.locator(`[data-item-id="${ITEM}"]`)).toContainText("One customer record, shared with service");

    await page.goto(`/projects/${projectId}/history?category=registers`);
    const fromSheet = page.getByTestId("from-sheet");
    await expect(fromSheet).toHaveCount(3);
    await expect(fromSheet.first()).toContainText(`imported from the spreadsheet “\u2068${path.basename(edited)}\u2069”`);
    expect(errors).toEqual([]);
  });

  test("the same through LibreOffice: a Persian .xlsx edited with exceljs, saved as CSV by soffice --convert-to csv, imported", async ({ page }) => {
    const soffice = findSoffice();
    test.skip(!soffice, "LibreOffice is not installed");
    const errors = watchConsole(page);
    await page.goto("/projects");
    await switchLanguage(page, "fa");
    const { projectId, rows } = await projectWithRequirements(page, "fa");
    const xlsx = await download(page, projectId, "xlsx");
    const edited = await editWorkbook(xlsx, (ws, rowOf) => {
      rowOf(rows[0]!).getCell(COL.description!).value = "فروش و خدمات هر دو از آن استفاده می‌کنند";
      rowOf(rows[2]!).getCell(COL.priority!).value = priorityLabel("should", "fa");
      const added = ws.getRow(ws.rowCount + 1);
      added.getCell(COL.requirement!).value = "یادآوری پیش‌فاکتور پس از ۳ روز";
      added.getCell(COL.priority!).value = priorityLabel("must", "fa");
    });
    // Saved as CSV in UTF-8, comma-separated (filter options 44,34,76): LibreOffice's bare `--convert-to csv` writes
    // the system's default character set, which here turns every Persian letter into "?" — the import refuses such a
    // file and says to save it as UTF-8 (see the README's "Spreadsheets").
    execFileSync(soffice!, ["-env:UserInstallation=file:///tmp/lo-sheetflow", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", tmp, edited], { stdio: "ignore", timeout: 120_000 });
    const csv = edited.replace(/\.xlsx$/, ".csv");
    expect(fs.existsSync(csv)).toBe(true);
    await upload(page, projectId, csv);

    await expect(page.getByTestId("import-summary")).toHaveText("۱ ردیف افزودنی · ۲ ردیف با تغییر · ۱ ردیف بدون تغییر");
    await expect(page.getByTestId("import-changes")).toContainText("فروش و خدمات هر دو از آن استفاده می‌کنند");
    await expect(page.getByTestId("import-adds")).toContainText("یادآوری پیش‌فاکتور پس از ۳ روز");
    await shot(page, "sheet-import-preview-fa");
    await page.getByRole("button", { name: "ثبت این تغییرها در جدول" }).click();
    await expect(page.getByTestId("import-written")).toBeVisible();
    const after = storedRows(projectId);
    expect(after).toHaveLength(4);
    expect(after[0]!.cells.description).toBe("فروش و خدمات هر دو از آن استفاده می‌کنند");
    expect(after[2]!.cells.priority).toBe("should");
    expect(after[3]!.cells).toMatchObject({ requirement: "یادآوری پیش‌فاکتور پس از ۳ روز", priority: "must" });
    await page.goto(`/projects/${projectId}/history?category=registers`);
    await expect(page.getByTestId("from-sheet").first()).toContainText(`درون‌ریزی‌شده از صفحه‌گسترده «\u2068${path.basename(csv)}\u2069»`);
    expect(errors).toEqual([]);
  });

  test("a stale file: rows changed since the download are conflicts (current kept unless chosen); a register changed after the preview is not written", async ({ page }) => {
    await page.goto("/projects");
    await switchLanguage(page, "en");
    const { projectId, rows } = await projectWithRequirements(page, "en");
    const xlsx = await download(page, projectId, "xlsx");
    const edited = await editWorkbook(xlsx, (_ws, rowOf) => {
      rowOf(rows[0]!).getCell(COL.requirement!).value = "From the file A";
      rowOf(rows[1]!).getCell(COL.requirement!).value = "From the file B";
      rowOf(rows[2]!).getCell(COL.requirement!).value = "From the file C";
    });
    // Meanwhile someone changes the first two rows on the step page.
    for (const [i, id] of rows.slice(0, 2).entries()) {
      const r = await page.request.post(stepOf(projectId, ITEM), { form: { intent: "row-save", itemId: ITEM, rowId: String(id), version: "1", "c.requirement": `Changed meanwhile ${i + 1}`, "c.priority": "must" } });
      expect(r.status()).toBe(200);
    }
    await upload(page, projectId, edited);
    const conflicts = page.getByTestId("import-conflicts");
    await expect(conflicts.locator("fieldset")).toHaveCount(2);
    const first = conflicts.locator(`fieldset[data-row-id="${rows[0]}"]`);
    await expect(first).toContainText("From the file A");
    await expect(first).toContainText("Changed meanwhile 1");
    await expect(first.locator("legend")).toContainText("Changed by \u2068سارا احمدی\u2069");
    await expect(first.getByLabel("Keep the current values")).toBeChecked();
    await expect(page.getByTestId("import-summary")).toHaveText("1 row to change · 2 rows changed here since the download");
    await shot(page, "sheet-import-conflicts-en");
    // Use the file's values for the second conflict only.
    await conflicts.locator(`fieldset[data-row-id="${rows[1]}"]`).getByLabel("Use the file's values").check();

    // Before confirming, the third row changes too: the confirmation is refused and the preview shown again.
    const r = await page.request.post(stepOf(projectId, ITEM), { form: { intent: "row-save", itemId: ITEM, rowId: String(rows[2]), version: "1", "c.requirement": "Changed after the preview", "c.priority": "could" } });
    expect(r.status()).toBe(200);
    await page.getByRole("button", { name: "Write these changes into the register" }).click();
    await expect(page.getByTestId("import-stale")).toBeVisible();
    expect(storedRows(projectId).map((row) => row.cells.requirement)).toEqual(["Changed meanwhile 1", "Changed meanwhile 2", "Changed after the preview"]);
    await expect(page.getByTestId("import-summary")).toHaveText("3 rows changed here since the download");

    await conflicts.locator(`fieldset[data-row-id="${rows[1]}"]`).getByLabel("Use the file's values").check();
    await page.getByRole("button", { name: "Write these changes into the register" }).click();
    await expect(page.getByTestId("import-written")).toContainText("0 added, 1 changed");
    expect(storedRows(projectId).map((row) => row.cells.requirement)).toEqual(["Changed meanwhile 1", "From the file B", "Changed after the preview"]);
  });
});
