/**
 * A live workshop (issue 19, decision 039) with three browser contexts: the
 * facilitator (the demo project manager, signed in, with the projector open in
 * a second tab) and two phones (390 × 844, not signed in). The room joins by
 * code and by the QR code's link, sends ideas, scores the goals; the
 * projector follows without a reload; the facilitator reveals the votes and
 * adopts the medians into the score grid; the session is in the vision
 * workshop minutes.
 */
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { documentText } from "../setup/docx.ts";
import { shot, watchConsole } from "./helpers.ts";

const STEP = "/projects/1/phases/vision/steps/vision-workshop";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: { cookies: [], origins: [] } };

async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext(PHONE);
  return context.newPage();
}

/** Fails if the page was reloaded since `mark` was called: the projector must update in place. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
}
async function stayed(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed === true), "the projector reloaded").toBe(true);
}

test("a workshop: join by code and by link, ideas, goal scores, the projector live, reveal, adopt, the minutes", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);

  // The facilitator starts a session on the vision workshop step.
  await page.goto(STEP);
  await page.waitForSelector("html[data-hydrated]");
  const panel = page.getByTestId("workshop-panel");
  await panel.getByTestId("workshop-start").click();
  const code = (await panel.getByTestId("workshop-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);

  // An ideas activity for one of the step's questions, opened.
  const ideasForm = panel.getByTestId("workshop-add-ideas");
  await ideasForm.locator("select[name=itemId]").selectOption({ index: 1 });
  await ideasForm.locator("input[name=question]").fill("What should customers notice first?");
  await ideasForm.getByRole("button").click();
  await panel.getByTestId("workshop-activity-ideas").getByTestId("workshop-open").click();
  await expect(panel.getByTestId("workshop-activity-ideas")).toHaveAttribute("data-state", "open");

  // The projector, in a second tab of the facilitator's browser: the code and the QR code of the join link.
  const projector = await page.context().newPage();
  await projector.goto((await panel.getByTestId("workshop-projector-link").getAttribute("href"))!);
  await projector.waitForSelector("html[data-hydrated]");
  await expect(projector.getByTestId("projector-code")).toHaveText(code);
  await expect(projector.getByTestId("projector-qr").locator("path")).toHaveAttribute("d", /^M\d/);
  const joinUrl = (await projector.getByTestId("projector-qr").getAttribute("aria-label"))!;
  expect(joinUrl).toMatch(/\/w\/[A-Za-z0-9_-]{22,}$/);
  await mark(projector);

  // Phone A types the code; phone B opens the QR code's link. A name only.
  const a = await phone(browser);
  await a.goto("/w");
  await a.locator("#code").fill(code.toLowerCase());
  await a.locator("#name").fill("مینا");
  await a.getByTestId("phone-join").click();
  await expect(a.getByTestId("phone-form")).toBeVisible();
  const b = await phone(browser);
  await b.goto(joinUrl);
  await b.locator("#name").fill("Omid");
  await b.getByTestId("phone-join").click();
  await expect(b.getByTestId("phone-form")).toBeVisible();
  // A phone speaks the project's language (Persian here), whatever its own settings; the switch stays.
  await expect(b.locator("html")).toHaveAttribute("lang", "fa");
  await expect(b.getByTestId("phone-language")).toBeVisible();
  // The phone page is not the app: no React bundle, no app stylesheet.
  expect(await b.locator("script[src*='/assets/']").count()).toBe(0);
  expect(await b.locator("link[rel=stylesheet]").count()).toBe(0);

  await a.locator("#text").fill("یک نمای واحد از هر مشتری");
  await a.getByTestId("phone-submit").click();
  await expect(a.getByTestId("phone-saved")).toBeVisible();
  await b.locator("#text").fill("Faster answers to complaints");
  await b.getByTestId("phone-submit").click();
  await expect(b.getByTestId("phone-saved")).toBeVisible();

  // The projector shows both ideas and both people, without a reload.
  await expect(projector.getByTestId("projector-ideas")).toContainText("یک نمای واحد از هر مشتری");
  await expect(projector.getByTestId("projector-ideas")).toContainText("Faster answers to complaints");
  await expect(projector.getByTestId("projector-participants")).toContainText(/2|۲/);
  await stayed(projector);

  // Goal scoring, opened: the phones move on to it by themselves.
  await panel.locator(".ws-add > summary").click();
  await panel.getByTestId("workshop-add-goal-scores").getByRole("button").click();
  const scoring = panel.getByTestId("workshop-activity-goal-scores");
  await scoring.getByTestId("workshop-open").click();
  await expect(scoring).toHaveAttribute("data-state", "open");
  for (const [p, score] of [[a, "4"], [b, "2"]] as const) {
    await expect(p.locator("input[type=radio][name^='s:']").first()).toBeAttached({ timeout: 5000 });
    const names = await p.locator("input[type=radio][name^='s:']").evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
    expect(names.length).toBeGreaterThan(0);
    // The big buttons of the 0–5 scale are the radio buttons' labels: tap them.
    for (const name of names) {
      await p.locator("label", { has: p.locator(`input[name="${name}"][value="${score}"]`) }).click();
      await expect(p.locator(`input[name="${name}"][value="${score}"]`)).toBeChecked();
    }
    await p.getByTestId("phone-submit").click();
    await expect(p.getByTestId("phone-saved")).toBeVisible();
  }
  await shot(a, "workshop-phone");

  // The projector counts the votes but keeps them hidden until revealed.
  await expect(projector.getByTestId("projector-voted")).toContainText(/2|۲/);
  await expect(projector.getByTestId("projector-hidden")).toBeVisible();
  await stayed(projector);
  await scoring.getByTestId("workshop-reveal").click();
  await expect(projector.getByTestId("projector-result").locator("svg")).toBeVisible();
  // The chart reads as a table too: median 3 for every goal (4 and 2).
  const table = projector.getByTestId("projector-result").locator("table");
  const medians = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.children[2]?.textContent?.trim()));
  expect(medians.length).toBeGreaterThan(0);
  for (const m of medians) expect(m).toMatch(/^(3|۳)$/);
  await stayed(projector);
  // Readable from the back of the room: at 1920 × 1080 the chart spans the width and its smallest label is 20 px or more.
  await projector.setViewportSize({ width: 1920, height: 1080 });
  const chart = projector.getByTestId("projector-result").locator(".chart-svg svg");
  expect((await chart.boundingBox())!.width).toBeGreaterThan(1920 * 0.9);
  const smallest = await chart.evaluate((svg) =>
    Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM()!.a, t.getScreenCTM()!.b))),
  );
  expect(smallest, "the smallest chart label in px at 1920 × 1080").toBeGreaterThanOrEqual(20);
  await projector.setViewportSize({ width: 1280, height: 720 });
  await shot(projector, "workshop-projector");

  // Close, then adopt: the confirmation says what it writes.
  await scoring.getByTestId("workshop-close").click();
  await expect(scoring).toHaveAttribute("data-state", "closed");
  await scoring.getByTestId("workshop-adopt").locator("summary").click();
  await expect(scoring.getByTestId("workshop-adopt-lines").locator("tbody tr")).toHaveCount(medians.length);
  await scoring.getByTestId("workshop-adopt-confirm").click();
  await expect(scoring).toContainText(/Adopted|پذیرفته شد/);
  // The page stays at the panel: the confirmation is in view (no jump to the register).
  await expect(scoring.getByTestId("workshop-adopted")).toBeInViewport();

  // The ideas activity, closed when scoring opened: reopening it is a secondary button; the adopt
  // panel lists exactly the ticked ideas (review findings 6 and 8).
  const ideas = panel.getByTestId("workshop-activity-ideas");
  await expect(ideas).toHaveAttribute("data-state", "closed");
  await expect(ideas.getByTestId("workshop-open")).not.toHaveClass(/primary/);
  await ideas.locator(".ws-adopt > summary").click();
  await expect(ideas.getByTestId("workshop-adopt-ideas")).toHaveCount(0);
  await ideas.getByTestId("workshop-idea-tick").nth(0).check();
  await expect(ideas.getByTestId("workshop-adopt-ideas").locator("li")).toHaveCount(1);
  await ideas.getByTestId("workshop-idea-tick").nth(1).check();
  await expect(ideas.getByTestId("workshop-adopt-ideas").locator("li")).toHaveCount(2);
  await expect(ideas).not.toContainText(/Tick the ideas to adopt first|نخست ایده‌هایی را/);

  // The score grid holds the medians.
  await page.goto("/projects/1/prioritisation");
  const grid = page.getByTestId("score-grid");
  const values = await grid.locator("tbody select").evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  expect(values.length).toBeGreaterThanOrEqual(medians.length);
  expect(values.filter((v) => v === "3").length).toBe(medians.length);

  // A participant the facilitator removes is told so, and may join again.
  const c = await phone(browser);
  await c.goto(`/w/${code}`);
  await c.locator("#name").fill("Sara");
  await c.getByTestId("phone-join").click();
  await expect(c.getByTestId("phone-waiting")).toBeVisible();
  await page.goto(STEP);
  await panel.getByRole("button", { name: /: Sara$/ }).click();
  await expect(panel.getByRole("button", { name: /: Sara$/ })).toHaveCount(0);
  await c.reload();
  await expect(c.getByTestId("phone-removed")).toBeVisible();
  await expect(c.getByTestId("phone-join")).toBeVisible();

  // Ending the session: the phones are told (the one that joined by code too), the link stops working.
  await panel.locator(".ws-end > summary").click();
  await panel.getByTestId("workshop-end").click();
  await expect(panel.getByTestId("workshop-start")).toBeVisible();
  await expect(b.getByTestId("phone-ended")).toBeVisible({ timeout: 5000 });
  await expect(a.getByTestId("phone-ended")).toBeVisible({ timeout: 5000 });
  await expect(a.getByTestId("phone-ended")).toContainText("پایان");
  const after = await b.request.get(joinUrl);
  expect(after.status()).toBe(410);

  // The vision workshop minutes record the session: who took part and what was adopted.
  await page.goto("/projects/1/documents");
  const minutes = page.locator('[data-deliverable="vision-minutes"]');
  const [download] = await Promise.all([page.waitForEvent("download"), minutes.getByRole("button").first().click()]);
  const text = documentText(new Uint8Array(fs.readFileSync((await download.path())!)));
  expect(text).toContain("مینا");
  expect(text).toContain("Omid");
  expect(text).toContain("یک نمای واحد از هر مشتری");

  expect(errors).toEqual([]);
});
