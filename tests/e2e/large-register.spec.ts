import { expect, test, type Page } from "@playwright/test";
import { PM_STATE } from "./global-setup.ts";
import { shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";

/**
 * A register longer than one page (25 rows), in a project of its own so that
 * the demo project the other scenarios read stays as it is.
 */
async function projectWithDecisions(page: Page, count: number): Promise<string> {
  const created = await page.request.post("/projects/new", {
    form: { name: `Large register ${Date.now()}`, clientOrganisation: "Paging Ltd", deliverableLanguage: "en", startDate: "2026-11-23", pack: "crm-implementation@1.0.0" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const projectId = created.headers()["location"]!.split("/").pop()!;
  for (let i = 1; i <= count; i++) {
    const r = await page.request.post(stepOf(projectId, "vision.decisions"), { form: { intent: "row-add", itemId: "vision.decisions", "c.decision": `Decision ${i}` } });
    expect(r.status()).toBe(200);
  }
  return projectId;
}

const decisions = (page: Page) => page.locator("#item-vision\\.decisions");
/** A row by its title (the first column), matched whole. */
const rowNamed = (page: Page, title: string) => decisions(page).locator(".row-editor").filter({ has: page.locator(".row-title", { hasText: new RegExp(`^${title.replace(/[()]/g, "\\$&")}$`) }) });

test("a register of 30 rows: the pager moves between pages, a row on page 2 opens, saves and keeps its place, all without reloading", async ({ page }) => {
  const errors = watchConsole(page);
  const projectId = await projectWithDecisions(page, 30);
  await page.goto(stepOf(projectId, "vision.decisions"));
  await switchLanguage(page, "en");
  await expect(decisions(page).locator(".register-count")).toContainText("30 rows");
  await expect(decisions(page).locator(".row-pager").first()).toContainText("Rows 1–25 of 30");
  // Marks this page load: a full reload would lose it.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same page"));

  await decisions(page).locator(".row-pager").first().getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page\.vision\.decisions=2/);
  await expect(decisions(page).locator(".row-pager").first()).toContainText("Rows 26–30 of 30");
  await expect(decisions(page).locator(".row-editor")).toHaveCount(5);

  // A closed row carries no form until it is opened.
  // By its id: the title changes as the row is edited.
  const row = page.locator(`#${await rowNamed(page, "Decision 28").getAttribute("id")}`);
  await expect(row.locator("form.row-form")).toHaveCount(0);
  await row.locator("summary").click();
  const field = row.locator("[name='c.decision']");
  await expect(field).toHaveValue("Decision 28");
  await field.fill("Decision 28, agreed with the sales director");
  await expect(row.locator("[data-testid=save-status]")).toContainText("Saved");
  await shot(page, "register-page-2-en");

  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same page");
  await page.reload();
  await expect(rowNamed(page, "Decision 28, agreed with the sales director")).toHaveCount(1);
  await expect(decisions(page).locator(".row-index").first()).toHaveText("26");

  // The tabs navigate inside the page too, and mark where the reader is.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same page"));
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Documents" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents$`));
  await expect(page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Documents" })).toHaveAttribute("aria-current", "page");
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same page");
  expect(errors).toEqual([]);
});

test("without JavaScript, a row opens through its link and its form saves", async ({ browser }) => {
  const context = await browser.newContext({ storageState: PM_STATE, javaScriptEnabled: false });
  const page = await context.newPage();
  const projectId = await projectWithDecisions(page, 3);
  await page.goto(stepOf(projectId, "vision.decisions"));
  const row = page.locator(`#${await rowNamed(page, "Decision 2").getAttribute("id")}`);
  await expect(row.locator("form")).toHaveCount(0);
  await row.locator("summary").click();
  await row.locator("a[href*='edit.vision.decisions=']").click();
  await expect(page).toHaveURL(/edit\.vision\.decisions=\d+#row-\d+$/);
  const opened = page.locator(`#${await rowNamed(page, "Decision 2").getAttribute("id")}`);
  await expect(opened.locator("details")).toHaveAttribute("open", "");
  const field = opened.locator("[name='c.decision']");
  await expect(field).toHaveValue("Decision 2");
  await field.fill("Decision 2 (edited without JavaScript)");
  // Without JavaScript the form posts as a navigation; going elsewhere before its answer would cancel it.
  const saved = page.waitForResponse((r) => r.request().method() === "POST");
  await opened.locator("form.row-form button[type=submit]").click();
  expect((await saved).status()).toBe(200);
  await page.goto(stepOf(projectId, "vision.decisions"));
  await expect(rowNamed(page, "Decision 2 (edited without JavaScript)")).toHaveCount(1);
  await shot(page, "register-no-js");
  await context.close();
});
