import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { PM_STATE } from "./global-setup.ts";
import { readPdf, lineText } from "../setup/pdf-checks.ts";
import { stepOf, switchLanguage, watchConsole } from "./helpers.ts";

/**
 * "Print every row" (decision 048, amended): a register longer than a page prints its page of 25
 * rows and says so; "Print all N rows" asks for the same page with `print.<id>=all`, whose printed
 * copy holds every row while the screen keeps its page of 25 row editors. In a project of its own,
 * so that the demo data other specs change does not matter.
 */
const PDFS = path.resolve("tests/.artifacts/print");
fs.mkdirSync(PDFS, { recursive: true });
const ROWS = 30;
const title = (i: number) => `Paged decision ${String(i).padStart(2, "0")}`;

async function projectWithDecisions(page: Page): Promise<string> {
  const created = await page.request.post("/projects/new", {
    form: { name: `Print all ${Date.now()}`, clientOrganisation: "Printing Ltd", deliverableLanguage: "en", startDate: "2026-11-23", pack: "crm-implementation@1.0.0" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const projectId = created.headers()["location"]!.split("/").pop()!;
  for (let i = 1; i <= ROWS; i++) {
    const r = await page.request.post(stepOf(projectId, "vision.decisions"), { form: { intent: "row-add", itemId: "vision.decisions", "c.decision": title(i) } });
    expect(r.status()).toBe(200);
  }
  return projectId;
}

async function printedText(page: Page, name: string): Promise<string> {
  const file = path.join(PDFS, `${name}.pdf`);
  await page.pdf({ path: file, format: "A4", printBackground: true });
  return readPdf(file)
    .flatMap((p) => p.blocks.flatMap((b) => b.lines))
    .map(lineText)
    .join("\n")
    .replace(/\s+/g, " ");
}

const decisions = (page: Page) => page.locator("#item-vision\\.decisions");

test("a register of 30 rows prints its first page and the note; 'Print all 30 rows' opens the print dialog and prints every row, the screen keeping 25 editors", async ({ page }) => {
  const errors = watchConsole(page);
  const projectId = await projectWithDecisions(page);
  await page.goto(stepOf(projectId, "vision.decisions"));
  await switchLanguage(page, "en");
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");

  const firstPage = await printedText(page, "print-page-of-rows-en");
  expect(firstPage).toContain(title(1));
  expect(firstPage).toContain(title(25));
  expect(firstPage).not.toContain(title(26));
  expect(firstPage).not.toContain(title(ROWS));
  expect(firstPage).toContain(`This print shows rows 1–25 of ${ROWS}`);

  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await decisions(page).getByRole("link", { name: `Print all ${ROWS} rows` }).click();
  await expect(page).toHaveURL(/[?&]print\.vision\.decisions=all/);
  const notice = decisions(page).getByTestId("print-all-notice");
  await expect(notice).toContainText(`All ${ROWS} rows of this register will print.`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await expect(decisions(page).locator(".row-editor")).toHaveCount(25);
  await notice.getByRole("button", { name: "Print now" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);

  const all = await printedText(page, "print-all-rows-en");
  for (let i = 1; i <= ROWS; i++) expect(all).toContain(title(i));
  expect(all).toContain(`This print shows all ${ROWS} rows of the register.`);
  expect(all).not.toContain("will print");

  await notice.getByRole("link", { name: "Back to the usual view" }).click();
  await expect(page).not.toHaveURL(/print\.vision\.decisions/);
  await expect(decisions(page).getByTestId("print-all-notice")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
  expect(errors).toEqual([]);
});

test("without JavaScript the 'print all' link alone gives a page whose print holds every row; in Persian, with Persian digits", async ({ browser }) => {
  const context = await browser.newContext({ storageState: PM_STATE, javaScriptEnabled: false });
  const page = await context.newPage();
  const projectId = await projectWithDecisions(page);
  await page.goto(stepOf(projectId, "vision.decisions"));
  await decisions(page).getByTestId("print-all-rows").click();
  await expect(page).toHaveURL(/[?&]print\.vision\.decisions=all/);
  await expect(decisions(page).getByTestId("print-all-notice")).toBeVisible();
  await expect(decisions(page).locator(".row-editor")).toHaveCount(25);
  const all = await printedText(page, "print-all-rows-nojs");
  expect(all).toContain(title(ROWS));
  await context.close();

  const fa = await browser.newPage({ storageState: PM_STATE });
  await fa.goto(stepOf(projectId, "vision.decisions"));
  await switchLanguage(fa, "fa");
  await expect(decisions(fa).getByTestId("print-all-rows")).toHaveText("چاپ همه ۳۰ ردیف");
  await fa.goto(`${stepOf(projectId, "vision.decisions")}?print.vision.decisions=all`);
  await expect(decisions(fa).getByTestId("print-all-notice")).toContainText("همه ۳۰ ردیف این جدول چاپ می‌شود.");
  expect(await printedText(fa, "print-all-rows-fa")).toContain(title(ROWS));
  await fa.close();
});
