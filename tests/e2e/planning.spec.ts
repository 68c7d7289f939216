import { expect, test, type Locator, type Page } from "@playwright/test";
import { shot, switchLanguage, watchConsole } from "./helpers.ts";

/** Opens a register row's form (rows are folded) by its title, and returns the form. */
async function openRow(page: Page, itemId: string, title: string): Promise<Locator> {
  const item = page.locator(`#item-${itemId.replace(/\./g, "\\.")}`);
  const row = item.locator("details.register-row, details").filter({ has: page.locator("summary", { hasText: title }) }).first();
  if ((await row.getAttribute("open")) === null) await row.locator("> summary").click();
  return row.locator("form.row-form");
}

/** A score cell, named by the goal's row header and the criterion's column header. */
async function scoreOf(page: Page, goal: string, criterion: string) {
  return page.getByRole("combobox", { name: `${goal} ${criterion}`, exact: true });
}

const CHANNELS = "افزایش کانال‌های ارتباط با مشتری";
const CHURN = "کاهش نرخ ریزش مشتری";
const [VALUE, EFFORT, RISK] = ["ارزش برای مشتری و کسب‌وکار", "میزان تلاش", "ریسک"];

test.describe("strategy before software", () => {
  test("scoring goals reorders the ranking; ties are shown as ties; MoSCoW ranks by class", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/prioritisation");
    await switchLanguage(page, "en");
    const ranking = page.getByTestId("ranking");
    const firstGoal = () => ranking.locator("tbody tr").first().locator("th");
    await expect(firstGoal()).toHaveText(CHURN);
    await expect(ranking.locator(`tr[data-goal="${CHANNELS}"] .rank-cell`)).toHaveText("4");

    // Value 5 for the channels goal: (3·5 + 2·0 + 1·1) / 6 = 2.67, equal to the wallet-share goal — a tie for third.
    await (await scoreOf(page, CHANNELS, VALUE)).selectOption("5");
    await expect(ranking.locator(`tr[data-goal="${CHANNELS}"] .rank-cell`)).toHaveText("3tie");
    await expect(ranking.locator(`tr[data-goal="افزایش سهم از کیف پول مشتری"] .rank-cell`)).toHaveText("3tie");
    // Then 0 on effort and risk: (3·5 + 2·5 + 1·5) / 6 = 5, first place.
    await (await scoreOf(page, CHANNELS, EFFORT)).selectOption("0");
    await (await scoreOf(page, CHANNELS, RISK)).selectOption("0");
    await expect(firstGoal()).toHaveText(CHANNELS);
    await expect(ranking.locator(`tr[data-goal="${CHANNELS}"]`)).toContainText("5");

    // Churn raised to the same 5: a tie for first place, and the next goal is third.
    await (await scoreOf(page, CHURN, EFFORT)).selectOption("0");
    await (await scoreOf(page, CHURN, RISK)).selectOption("0");
    await expect(ranking.locator(`tr[data-goal="${CHURN}"] .rank-cell`)).toContainText("1");
    await expect(ranking.locator(`tr[data-goal="${CHURN}"] .tie-badge`)).toHaveText("tie");
    await expect(ranking.locator(`tr[data-goal="${CHANNELS}"] .tie-badge`)).toHaveText("tie");
    await expect(ranking.locator("tbody tr").nth(2).locator(".rank-cell")).toHaveText("3");

    // The value/effort matrix is drawn on the server, each goal a numbered point.
    await expect(page.getByTestId("value-effort").locator("svg")).toContainText("Quick win");

    // The other method ranks by MoSCoW class: both "must" goals share first place.
    await page.getByText("The same goals ranked by MoSCoW").click();
    await expect(page.getByTestId("ranking-other").locator(".tie-badge")).toHaveCount(2);
    await shot(page, "prioritisation-en");
    await switchLanguage(page, "fa");
    await expect(page.getByTestId("ranking").locator(".tie-badge").first()).toHaveText("هم‌رتبه");
    // A criterion's weight is written in Persian digits too.
    await expect(page.getByTestId("score-grid").locator("thead")).toContainText("وزن ۳");
    await shot(page, "prioritisation-fa");
    await switchLanguage(page, "en");

    // Put the scores back as the demo had them.
    for (const [goal, criterion, score] of [[CHANNELS, VALUE, "3"], [CHANNELS, EFFORT, "5"], [CHANNELS, RISK, "4"], [CHURN, EFFORT, "2"], [CHURN, RISK, "1"]] as const) {
      await (await scoreOf(page, goal, criterion)).selectOption(score);
      await expect(await scoreOf(page, goal, criterion)).toHaveValue(score);
    }
    await expect(firstGoal()).toHaveText(CHURN);
    await expect(ranking.locator(`tr[data-goal="${CHANNELS}"] .rank-cell`)).toHaveText("4");
    expect(errors).toEqual([]);
  });

  test("a goal given a target date appears on the drawn roadmap", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/roadmap");
    await switchLanguage(page, "en");
    const gantt = page.locator(".generated-diagram .diagram-svg svg");
    await expect(gantt).toBeVisible();
    // A goal's target date is a marker on its stage's bar, named by its tooltip.
    const marker = (goal: string) => gantt.locator("polygon.goal", { has: page.locator("title", { hasText: goal }) });
    await expect(marker(CHURN)).toHaveCount(1);
    await expect(marker(CHANNELS)).toHaveCount(0);
    const form = await openRow(page, "goals.register", CHANNELS);
    await form.getByLabel("Target date").fill("2028-03-01");
    await form.getByLabel("Target date").blur();
    await expect(marker(CHANNELS)).toHaveCount(1, { timeout: 15_000 });
    // Stage 1 of the demo: one low-tech goal (churn) and one mid-tech (complaints).
    const stage1 = page.getByTestId("spectrum").locator("tbody tr").first().locator("td");
    await expect(stage1.nth(2)).toHaveText("1");
    await expect(stage1.nth(3)).toHaveText("1");
    await expect(stage1.nth(4)).toHaveText("0");
    await shot(page, "roadmap-en");
    await switchLanguage(page, "fa");
    const persian = page.locator(".generated-diagram .diagram-svg svg");
    await expect(persian.locator("polygon.goal title", { hasText: CHANNELS })).toHaveCount(1);
    // Time runs right to left: the first stage's bar is right of the last one's; ticks on Jalali month starts, named.
    const xs = await persian.locator("rect.bar").evaluateAll((bars) => bars.map((b) => Number(b.getAttribute("x"))));
    expect(xs[0]).toBeGreaterThan(xs.at(-1)!);
    await expect(persian.locator('line.tick[data-date="2027-03-21"]')).toHaveCount(1);
    await expect(persian).toContainText("فروردین");
    expect(await persian.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await shot(page, "roadmap-fa");
    expect(errors).toEqual([]);
  });

  test("a peril warning appears when the first stage goes high-tech, and disappears once it is fixed", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/health");
    await switchLanguage(page, "en");
    const finding = page.locator('[data-rule="first-stage-high-tech"]');
    await expect(page.getByTestId("health-count")).toBeVisible();
    await expect(finding).toHaveCount(0);

    await page.goto("/projects/1/roadmap");
    const stage = await openRow(page, "goals.roadmap", "مرحله ۱");
    await stage.getByLabel("Technology level").selectOption({ label: "High-tech" });
    await expect(stage.getByLabel("Technology level")).toHaveValue("high-tech");
    await expect(page.locator("#item-goals\\.roadmap").getByTestId("save-status").first()).toContainText("Saved");

    await page.goto("/projects/1/health");
    await expect(finding).toBeVisible();
    await expect(finding).toContainText("The roadmap's first stage starts with high technology");
    await expect(finding.getByRole("link", { name: /roadmap/ })).toHaveAttribute("href", /\/projects\/1\/roadmap#item-goals\.roadmap/);
    await expect(page.locator('[data-concern="peril-3"]')).toContainText("Finding");
    await page.goto("/projects/1");
    await expect(page.getByTestId("home-health")).toBeVisible();

    // The fix: back to a low-tech start.
    await page.goto("/projects/1/roadmap");
    const again = await openRow(page, "goals.roadmap", "مرحله ۱");
    await again.getByLabel("Technology level").selectOption({ label: "Low-tech" });
    await expect(page.locator("#item-goals\\.roadmap").getByTestId("save-status").first()).toContainText("Saved");
    await page.goto("/projects/1/health");
    await expect(finding).toHaveCount(0);
    await expect(page.locator('[data-concern="peril-3"]')).toContainText("OK");
    await shot(page, "health-en");
    await switchLanguage(page, "fa");
    await shot(page, "health-fa");
    expect(errors).toEqual([]);
  });

  test("journey map, strategy and traceability pages draw the project's data; a gap becomes a requirement", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/journey");
    await switchLanguage(page, "en");
    const map = page.getByTestId("journey-map").locator(".diagram-svg svg");
    await expect(map).toBeVisible();
    await expect(map).toContainText("Gap");
    const gaps = page.getByTestId("gaps");
    const delivery = gaps.locator('li[data-touchpoint="تحویل کالا"]');
    await delivery.getByRole("button", { name: "Turn into a requirement" }).click();
    await expect(delivery).toContainText("Closed by the requirement");
    await shot(page, "journey-en");
    await switchLanguage(page, "fa");
    await expect(page.getByTestId("journey-map").locator(".diagram-svg svg")).toContainText("شکاف");
    await shot(page, "journey-fa");

    await page.goto("/projects/1/traceability");
    await switchLanguage(page, "en");
    const table = page.getByTestId("trace-table");
    await expect(table).toContainText(CHURN);
    await expect(table).toContainText("from 18 to 10 ٪");
    // The new requirement serves no goal and has no acceptance scenario yet.
    await expect(page.locator('[data-orphans="requirementsWithoutGoal"]')).toContainText("بازخورد راننده ثبت نمی‌شود");
    await expect(page.locator('[data-orphans="gapsWithoutRequirement"]')).toHaveCount(0);
    await shot(page, "traceability-en");
    await switchLanguage(page, "fa");
    await shot(page, "traceability-fa");

    await page.goto("/projects/1/strategy");
    await expect(page.getByTestId("decision-summary")).toContainText("۳۸٪");
    await shot(page, "strategy-fa");
    await switchLanguage(page, "en");
    await expect(page.getByTestId("segments-table")).toContainText("Invest to grow");
    await shot(page, "strategy-en");
    expect(errors).toEqual([]);
  });

  test("the portfolio sorts by each column", async ({ page }) => {
    await page.goto("/projects");
    await switchLanguage(page, "en");
    const table = page.getByTestId("portfolio");
    await expect(table).toContainText("پیاده‌سازی CRM مهرگان");
    await table.getByRole("link", { name: "Health findings" }).click();
    await expect(page).toHaveURL(/sort=health&dir=desc/);
    await expect(table.locator("th[aria-sort=descending]")).toContainText("Health findings");
    await table.getByRole("link", { name: "Health findings" }).click();
    await expect(table.locator("th[aria-sort=ascending]")).toContainText("Health findings");
    await shot(page, "portfolio-en");
  });
});
