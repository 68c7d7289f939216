/**
 * Software and partner selection, end to end (issue 18, "Done when"): the
 * project manager of a project whose earlier phases are signed builds the
 * short list, downloads the RFP and its response sheets, fills two sheets as
 * vendors would (with a spreadsheet library, not by editing XML), imports
 * them, scores demos, reads the ranking and the fit-gap matrix, exports the
 * selection report and has the phase signed off by the sponsor.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { shot, signedIn as signedInAs, switchLanguage, watchConsole } from "./helpers.ts";

/** The English demo engagement (seeded second on a fresh database): every earlier phase signed. */
const PROJECT = 2;
const PM = "d.osei@alderfinch.example";
const SPONSOR = "m.ellis@alderfinch.example";
const NEW_PRODUCT = "Northwind Field CRM";
const SHORT_LISTED = "Keystone CRM";

const signedIn = (browser: Browser, email: string) => signedInAs(browser, email, "en");

/** Saves a download to a file of its own and returns its path. */
async function download(page: Page, click: () => Promise<void>): Promise<{ file: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-e2e-")), d.suggestedFilename());
  await d.saveAs(file);
  return { file, name: d.suggestedFilename() };
}

/** A vendor fills the sheet in a spreadsheet program: fit from the list's words, effort, cost, comment. */
async function fillAsVendor(file: string, answer: (n: string, priority: string) => [string, number, number, string] | null, edit?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Requirements")!;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const a = answer(String(row.getCell(1).value), String(row.getCell(4).value ?? ""));
    if (!a) continue;
    [row.getCell(6).value, row.getCell(7).value, row.getCell(8).value, row.getCell(9).value] = a;
  }
  edit?.(ws);
  const out = file.replace(/\.xlsx$/, "-filled.xlsx");
  await wb.xlsx.writeFile(out);
  return out;
}

function importRow(page: Page, vendor: string) {
  return page.getByTestId("vendor-sheets").locator(`tr[data-vendor="${vendor}"]`);
}

async function importSheet(page: Page, vendor: string, file: string) {
  const row = importRow(page, vendor);
  await row.locator("input[type=file]").setInputFiles(file);
  await row.getByRole("button", { name: "Import" }).click();
}

test("a new user is told when it is too early, when the phase is locked, and gets the project's language first", async ({ page, browser }) => {
  // Mehregan (the demo PM's project): the requirements are not signed, so the page says to finish them first.
  await page.goto("/projects/1/selection");
  await switchLanguage(page, "en");
  await expect(page.getByTestId("selection-too-early")).toContainText(/Requirements analysis is not signed \(\d+\/\d+\): finish and sign it first/);
  await expect(page.getByTestId("read-only")).toHaveCount(0);
  // One starting point on the phase page: the selection page, as the primary button; no "0 of 0".
  await page.goto("/projects/1/phases/selection");
  await expect(page.locator(".button.primary", { hasText: "Open the selection page" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Start with the first step" })).toHaveCount(0);
  await expect(page.locator(".step-cards")).not.toContainText("0 of 0");
  // The health check: the selection's factors are not "OK" before a product is chosen.
  await page.goto("/projects/1/health");
  await expect(page.locator('[data-concern="factor-7"] .concern-status')).toHaveText("Not yet checked: no product chosen");
  // Alder & Finch (English deliverables, selection signed): the lock is said, English is the primary download.
  const pm = await signedIn(browser, PM);
  await pm.goto(`/projects/${PROJECT}/selection`);
  await expect(pm.getByTestId("selection-too-early")).toHaveCount(0);
  await expect(pm.getByTestId("read-only")).toContainText("signed off and locked");
  await expect(pm.getByRole("group", { name: "Request for proposal" }).locator("button").first()).toHaveText("Download in English");
  await expect(pm.getByRole("group", { name: "Request for proposal" }).locator("button.primary")).toHaveText("Download in English");
});

test("a short list, the RFP and its response sheets, two vendors' sheets imported, demos scored, the ranking, the report and the sponsor's sign-off", async ({ browser }) => {
  test.setTimeout(180_000);
  const pm = await signedIn(browser, PM);
  const errors = watchConsole(pm);

  // The completed engagement has the selection signed: the PM reopens it for a new candidate.
  await pm.goto(`/projects/${PROJECT}/phases/selection`);
  if (await pm.locator(".gate-head [data-gate=signed]").count()) {
    await pm.getByLabel("Reason for reopening").fill("A new vendor asked to be considered.");
    await pm.getByRole("button", { name: "Reopen for changes" }).click();
    await expect(pm.locator(".gate-head [data-gate=reopened]")).toBeVisible();
  }
  await pm.getByRole("link", { name: "Open the selection page" }).click();
  await pm.waitForURL(new RegExp(`/projects/${PROJECT}/selection$`));
  await expect(pm.getByTestId("vendor-sheets")).toBeVisible();

  // The short list: a new product, short-listed, with why.
  const details = pm.locator("#item-selection\\.candidates details.new-row");
  if ((await details.getAttribute("open")) === null) await details.locator("> summary").click();
  const newRow = pm.locator("form[id^='new-row-selection.candidates']");
  await newRow.getByLabel("Name").fill(NEW_PRODUCT);
  await newRow.getByLabel("Kind").selectOption("product");
  await newRow.getByLabel("Status").selectOption("short-list");
  await newRow.getByLabel(/^Reason/).fill("Field-service module with offline tablets; asked to respond after the long list was cut.");
  await newRow.getByLabel("Total cost over the comparison period").fill("450000");
  await newRow.getByLabel("Reference checks (1–5)").selectOption("5");
  await newRow.getByLabel("Implementation partner strength (1–5)").selectOption("5");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(pm.locator("#item-selection\\.candidates .register-table")).toContainText(NEW_PRODUCT);
  await pm.goto(`/projects/${PROJECT}/selection`);
  await expect(importRow(pm, NEW_PRODUCT)).toContainText("Short list");

  // The RFP (Word) and a response sheet for each of the two vendors.
  const rfp = await download(pm, () => pm.getByRole("group", { name: "Request for proposal" }).getByRole("button", { name: "Download in English" }).click());
  expect(rfp.name).toMatch(/\.docx$/);
  expect(fs.statSync(rfp.file).size).toBeGreaterThan(10_000);
  const sheetNew = await download(pm, () => importRow(pm, NEW_PRODUCT).getByRole("link", { name: "Download (.xlsx)" }).click());
  const sheetOld = await download(pm, () => importRow(pm, SHORT_LISTED).getByRole("link", { name: "Download (.xlsx)" }).click());
  expect(sheetNew.name).toContain(NEW_PRODUCT);
  const requirements = await pm.getByTestId("fit-gap").locator("tbody tr").count();
  expect(requirements).toBeGreaterThan(3);

  // A sheet whose requirement numbers were edited is refused, with the differences, and nothing is written.
  const edited = await fillAsVendor(sheetNew.file, () => ["Standard (out of the box)", 1, 100, ""], (ws) => {
    ws.getCell("A3").value = "R99";
  });
  const answeredBefore = await importRow(pm, NEW_PRODUCT).locator("td").nth(1).innerText();
  await importSheet(pm, NEW_PRODUCT, edited);
  const refusal = importRow(pm, NEW_PRODUCT).getByTestId("import-error");
  await expect(refusal).toContainText("no longer match the register");
  await expect(refusal).toContainText("Missing: R2");
  await expect(refusal).toContainText("Added: R99");
  // Each line in the interface's direction, each value in its own <bdi>.
  await expect(refusal.locator("li").first()).toHaveAttribute("dir", "ltr");
  await expect(refusal.locator("li").first().locator("bdi").first()).toHaveText("R2");
  await expect(importRow(pm, NEW_PRODUCT).locator("td").nth(1)).toHaveText(answeredBefore);

  // The new vendor: everything standard or by configuration. The short-listed one answers again, weaker.
  const filledNew = await fillAsVendor(sheetNew.file, (n) => [n === "R3" ? "By configuration" : "Standard (out of the box)", 2, 800, `Delivered in the ${n} workshop.`]);
  await importSheet(pm, NEW_PRODUCT, filledNew);
  await expect(importRow(pm, NEW_PRODUCT).getByTestId("import-done")).toContainText(`${NEW_PRODUCT}'s sheet imported: ${requirements} answers added, 0 changed, 0 removed.`);
  await expect(importRow(pm, NEW_PRODUCT)).toContainText(`${requirements} of ${requirements}`);
  const filledOld = await fillAsVendor(sheetOld.file, (_n, priority) => [priority === "Must" ? "By customisation (development)" : "With a third-party add-on", 5, 2000, "Revised answer."]);
  await importSheet(pm, SHORT_LISTED, filledOld);
  await expect(importRow(pm, SHORT_LISTED).getByTestId("import-done")).toContainText(`${SHORT_LISTED}'s sheet imported`);

  // The fit-gap matrix reads the answers as words.
  const matrix = pm.getByTestId("fit-gap");
  await expect(matrix.locator("thead")).toContainText(NEW_PRODUCT);
  const col = (await matrix.locator("thead th").allInnerTexts()).indexOf(NEW_PRODUCT);
  await expect(matrix.locator("tbody tr").nth(2).locator("td, th").nth(col)).toHaveText("By configuration");
  await expect(matrix.locator("tbody tr").nth(0).locator("td, th").nth(col)).toHaveText("Standard (out of the box)");

  // Demos: the PM scores the new product on every script.
  const grid = pm.getByTestId("demo-grid");
  const scripts = await grid.locator("tbody tr").count();
  expect(scripts).toBeGreaterThan(0);
  for (let i = 0; i < scripts; i++) {
    const row = grid.locator("tbody tr").nth(i);
    const name = (await row.locator("th").innerText()).trim();
    await pm.getByRole("combobox", { name: `${name} ${NEW_PRODUCT}`, exact: true }).selectOption("5");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText("Saved");
  }
  await pm.goto(`/projects/${PROJECT}/selection`);

  // The ranking: each criterion's contribution, the knock-outs last, and what the weights decide.
  const ranking = pm.getByTestId("selection-ranking");
  await expect(ranking.locator(`tr[data-product="${NEW_PRODUCT}"]`)).toBeVisible();
  await expect(ranking.locator("tbody tr").first()).toHaveAttribute("data-product", NEW_PRODUCT);
  await expect(pm.getByTestId("sensitivity")).toContainText("Fit to the requirements");
  await shot(pm, "selection-en");
  await switchLanguage(pm, "fa");
  await expect(pm.getByTestId("selection-ranking")).toContainText("رتبه");
  await expect(pm.getByTestId("fit-gap").locator("tbody tr").first()).toContainText("R۱");
  await shot(pm, "selection-fa");
  await switchLanguage(pm, "en");

  // The selection report (Word).
  const report = await download(pm, () => pm.getByRole("group", { name: "Software and partner selection report" }).getByRole("button", { name: "Download in English" }).click());
  expect(report.name).toMatch(/\.docx$/);

  // History says where the answers came from.
  await pm.goto(`/projects/${PROJECT}/history`);
  await expect(pm.locator('[data-action="selection.import"]').first()).toContainText(`from ${SHORT_LISTED}'s response sheet`);

  // Sign-off: the PM requests it, the sponsor signs.
  await pm.goto(`/projects/${PROJECT}/phases/selection`);
  await pm.getByRole("button", { name: "Request sign-off" }).click();
  await expect(pm.getByRole("button", { name: "Withdraw the request" })).toBeVisible();
  const sponsor = await signedIn(browser, SPONSOR);
  await sponsor.goto(`/projects/${PROJECT}/phases/selection`);
  await sponsor.getByRole("button", { name: "Sign off this phase" }).click();
  await expect(sponsor.locator(".gate-head [data-gate=signed]")).toBeVisible();
  // Signed: nothing more can be imported.
  await pm.goto(`/projects/${PROJECT}/selection`);
  await expect(importRow(pm, NEW_PRODUCT).locator("input[type=file]")).toHaveCount(0);
  // The one refused import answered 400 on purpose; nothing else may complain.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  expect(errors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
});
