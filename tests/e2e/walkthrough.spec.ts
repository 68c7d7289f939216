import { expect, test, type Page } from "@playwright/test";
import { shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";

test("a project manager creates a project, answers a vision question in Persian, reloads and switches to English", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto("/projects");
  await switchLanguage(page, "fa");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: "پروژه‌ها" })).toBeVisible();
  await shot(page, "projects-fa");

  await page.getByRole("link", { name: "پروژه جدید" }).first().click();
  await page.getByLabel("نام پروژه").fill("پیاده‌سازی CRM شرکت آزمون");
  await page.getByLabel("سازمان کارفرما").fill("شرکت آزمون پارس");
  await page.getByLabel("تاریخ شروع").fill("۱۴۰۵/۰۹/۰۲");
  await page.getByRole("button", { name: "ساخت پروژه" }).click();

  await expect(page).toHaveURL(/\/projects\/\d+$/);
  const projectId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "پیاده‌سازی CRM شرکت آزمون" })).toBeVisible();
  await expect(page.getByText("شروع: ۲ آذر ۱۴۰۵")).toBeVisible();
  await expect(page.locator(".phase-card")).toHaveCount(8);

  await page.goto(stepOf(projectId, "vision.why-crm"));
  const answer = page.locator("#item-vision\\.why-crm textarea");
  const text = "می‌خواهیم مشتری را یکپارچه بشناسیم؛ ریزش ۱۸٪ است و باید به ۱۰٪ برسد.";
  await answer.fill(text);
  const status = page.locator("#item-vision\\.why-crm [data-testid=save-status]");
  await expect(status).toContainText("ذخیره شد");

  await page.reload();
  await expect(page.locator("#item-vision\\.why-crm textarea")).toHaveValue(text);
  await expect(page.locator("#item-vision\\.why-crm .badge-ok")).toHaveText("پاسخ داده شده");
  // The tab's title names the step and the project in the reader's language.
  await expect(page).toHaveTitle(/ · \u2068پیاده‌سازی CRM شرکت آزمون\u2069 · گام‌به‌گام$/);

  await switchLanguage(page, "en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page).toHaveTitle(/ · \u2068پیاده‌سازی CRM شرکت آزمون\u2069 · Gambegam$/);
  // Moving to the next step in the page (no reload) retitles the tab.
  await page.getByRole("link", { name: /^Next:/ }).click();
  await expect(page).toHaveTitle(/^[A-Z][^·]+ · \u2068پیاده‌سازی CRM شرکت آزمون\u2069 · Gambegam$/);
  await page.goBack();
  await expect(page.locator("#item-vision\\.why-crm textarea")).toHaveValue(text);
  await expect(page.locator("#item-vision\\.why-crm .badge-ok")).toHaveText("Answered");
  await expect(page.getByRole("link", { name: /^Next:/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test("the demo project's home shows progress and what is missing, in both languages", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto("/projects/1");
  for (const lang of ["fa", "en"] as const) {
    await switchLanguage(page, lang);
    await expect(page.locator(".phase-card")).toHaveCount(8);
    await expect(page.locator(".status-warning").first()).toBeVisible();
    await shot(page, `project-home-${lang}`);
    // Nothing wider than the window: no horizontal scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.goto(stepOf(1, "vision.why-crm"));
  for (const lang of ["fa", "en"] as const) {
    await switchLanguage(page, lang);
    await shot(page, `step-vision-${lang}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  expect(errors).toEqual([]);
});

test("the team view shows the unfilled roles, and adding a member fills one", async ({ page }) => {
  await page.goto("/projects/1/team");
  await switchLanguage(page, "en");
  await expect(page.locator(".role-unfilled")).toHaveCount(2);
  await shot(page, "team-en");
  await page.goto(stepOf(1, "team.members"));
  await page.locator(".new-row > summary").click();
  const newRow = page.locator("form[id^='new-row-team.members']");
  await newRow.getByLabel("Name").fill("Mina Sadeghi");
  await newRow.getByLabel("Role").selectOption("production-technical");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(page.locator(".register-table")).toContainText("Mina Sadeghi");
  await expect(page.locator(".team-coverage")).toContainText("1 of the 6 recommended roles is unfilled.");
  await switchLanguage(page, "fa");
  await shot(page, "step-team-fa");
});

test("a wrong date is refused next to the field, and the typed text stays", async ({ page }) => {
  await page.goto(stepOf(1, "vision.workshop-date"));
  await switchLanguage(page, "fa");
  const field = page.locator("#item-vision\\.workshop-date input[name=value]");
  await field.fill("۱۴۰۵/۱۴/۴۰");
  await expect(page.locator("#item-vision\\.workshop-date .field-error")).toContainText("تاریخ معتبری وارد کنید");
  await expect(field).toHaveValue("۱۴۰۵/۱۴/۴۰");
  await field.fill("۱۴۰۵/۰۸/۱۳");
  await expect(page.locator("#item-vision\\.workshop-date [data-testid=save-status]")).toContainText("ذخیره شد");
  await expect(page.locator("#item-vision\\.workshop-date .field-error")).toHaveCount(0);
});

test("text typed just before a reload is restored from the device and saved", async ({ page }) => {
  await page.goto(stepOf(1, "vision.staff-image"));
  await switchLanguage(page, "en");
  const box = page.locator("#item-vision\\.staff-image textarea");
  // Typing before the page is interactive is not seen by the draft keeper.
  await page.waitForSelector("html[data-hydrated]");
  // Hold back the save so the reload happens with the text unsaved.
  await page.route("**/*.data*", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await box.fill("Polite, informed, and on time.");
  await page.waitForTimeout(200);
  await page.unroute("**/*.data*");
  await page.reload();
  await expect(page.locator("#item-vision\\.staff-image textarea")).toHaveValue("Polite, informed, and on time.");
  await expect(page.locator("#item-vision\\.staff-image [data-testid=save-status]")).toContainText("Saved");
  await page.reload();
  await expect(page.locator("#item-vision\\.staff-image textarea")).toHaveValue("Polite, informed, and on time.");
});

test("creating a project with missing fields shows each message next to its field, typed text kept", async ({ page }) => {
  for (const lang of ["fa", "en"] as const) {
    await page.goto("/projects/new");
    await switchLanguage(page, lang);
    const name = lang === "fa" ? "نام پروژه" : "Project name";
    await page.getByLabel(name).fill(lang === "fa" ? "پروژه ناقص" : "Half-filled project");
    await page.getByLabel(lang === "fa" ? "تاریخ شروع" : "Start date").fill("");
    await page.getByRole("button", { name: lang === "fa" ? "ساخت پروژه" : "Create project" }).click();
    await expect(page.locator(".banner-error")).toBeVisible();
    const clientField = page.locator(".field", { has: page.locator("#clientOrganisation") });
    await expect(clientField.locator(".field-error")).toHaveText(lang === "fa" ? "⚠ پر کردن این خانه الزامی است.".slice(2) : "This field is required.");
    await expect(page.getByLabel(name)).toHaveValue(lang === "fa" ? "پروژه ناقص" : "Half-filled project");
    await expect(page).toHaveURL(/\/projects\/new$/);
    await shot(page, `new-project-errors-${lang}`);
  }
});

test("text typed before the page has become interactive is kept and saved, over an empty or an existing answer", async ({ page }) => {
  for (const [itemId, text] of [
    ["vision.relationship-mission", "Partners for every store."],
    ["vision.why-stay", "Fresh products on the shelf every morning."],
  ] as const) await typeBeforeInteractive(page, itemId, text);
});

async function typeBeforeInteractive(page: Page, itemId: string, text: string) {
  // Hold the page's scripts back, so the text is typed into the server-rendered form.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(stepOf(1, itemId), { waitUntil: "domcontentloaded" });
  const selector = `#item-${itemId.replace(".", "\\.")} textarea`;
  await page.locator(selector).fill(text);
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 200, { timeout: 15_000 });
  release();
  await page.waitForSelector("html[data-hydrated]");
  await expect(page.locator(selector)).toHaveValue(text);
  await saved;
  await page.unroute(/\/assets\/.*\.js$/);
  await page.reload();
  await expect(page.locator(selector)).toHaveValue(text);
}
