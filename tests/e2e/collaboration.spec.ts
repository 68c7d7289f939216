import { expect, test } from "@playwright/test";
import { PM_STATE } from "./global-setup.ts";
import { shot, stepOf, switchLanguage } from "./helpers.ts";

test("two people editing the same answer: the second sees both versions and chooses, nothing is lost", async ({ browser }) => {
  const laptop = await (await browser.newContext({ storageState: PM_STATE })).newPage();
  const tablet = await (await browser.newContext({ storageState: PM_STATE })).newPage();
  const url = stepOf(1, "vision.customer-delight");
  for (const p of [laptop, tablet]) {
    // Without live updates (a proxy that drops the stream, decision 037): the conflict is the safety net.
    await p.route((u) => u.pathname.endsWith("/live"), (r) => r.abort());
    await p.goto(url);
    await switchLanguage(p, "en");
  }
  const selector = "#item-vision\\.customer-delight";
  await laptop.locator(`${selector} textarea`).fill("Fast delivery (laptop)");
  await expect(laptop.locator(`${selector} [data-testid=save-status]`)).toContainText("Saved");

  await tablet.locator(`${selector} textarea`).fill("Fresh products (tablet)");
  const conflict = tablet.locator(`${selector} .conflict`);
  await expect(conflict).toContainText("Someone else changed this");
  await expect(conflict).toContainText("Fast delivery (laptop)");
  await expect(conflict).toContainText("Fresh products (tablet)");

  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(tablet.locator(`${selector} [data-testid=save-status]`)).toContainText("Saved");
  await laptop.reload();
  await expect(laptop.locator(`${selector} textarea`)).toHaveValue("Fresh products (tablet)");
});

test("a diagram starts from a template and shows a live preview", async ({ page }) => {
  await page.goto(stepOf(1, "requirements.current-process-map"));
  await switchLanguage(page, "en");
  const item = page.locator("#item-requirements\\.current-process-map");
  page.once("dialog", (d) => d.accept());
  await item.locator(".diagram-templates button").first().click();
  await expect(item.locator(".diagram-svg svg")).toBeVisible({ timeout: 20_000 });
  await expect(item.locator("[data-testid=save-status]")).toContainText("Saved");
  await shot(page, "step-diagram-en");
  await switchLanguage(page, "fa");
  await expect(item.locator(".diagram-svg svg")).toBeVisible({ timeout: 20_000 });
  // A Persian user starts from the Persian version of the template.
  page.once("dialog", (d) => d.accept());
  await item.locator(".diagram-templates button").nth(1).click();
  await expect(item.locator(".diagram-svg svg")).toContainText("مشتری", { timeout: 20_000 });
  await expect(item.locator("[data-testid=save-status]")).toContainText("ذخیره شد");
  await shot(page, "step-diagram-fa");
});

test("a register row changed elsewhere: choosing their version replaces the local edit", async ({ browser }) => {
  const a = await (await browser.newContext({ storageState: PM_STATE })).newPage();
  const b = await (await browser.newContext({ storageState: PM_STATE })).newPage();
  const url = stepOf(1, "vision.segments");
  for (const p of [a, b]) {
    // Without live updates (a proxy that drops the stream, decision 037): the conflict is the safety net.
    await p.route((u) => u.pathname.endsWith("/live"), (r) => r.abort());
    await p.goto(url);
    await switchLanguage(p, "en");
  }
  const rowOf = (p: typeof a) => p.locator("#item-vision\\.segments .row-editor").first();
  for (const p of [a, b]) await rowOf(p).locator("summary").click();
  await rowOf(a).getByLabel("Description").fill("Twelve chains, 38% of sales (edited on A)");
  await expect(rowOf(a).locator("[data-testid=save-status]")).toContainText("Saved");

  await rowOf(b).getByLabel("Description").fill("Edited on B");
  const conflict = rowOf(b).locator(".conflict");
  await expect(conflict).toContainText("edited on A");
  await expect(conflict).toContainText("Edited on B");
  await conflict.getByRole("button", { name: "Use theirs" }).click();
  await expect(rowOf(b).getByLabel("Description")).toHaveValue("Twelve chains, 38% of sales (edited on A)");
  await expect(rowOf(b).locator(".conflict")).toHaveCount(0);
  // B's next edit is based on A's version and saves without a conflict.
  await rowOf(b).getByLabel("Rationale").fill("Most profitable; competitors target it.");
  await expect(rowOf(b).locator("[data-testid=save-status]")).toContainText("Saved");
  await a.reload();
  await rowOf(a).locator("summary").click();
  await expect(rowOf(a).getByLabel("Description")).toHaveValue("Twelve chains, 38% of sales (edited on A)");
  await expect(rowOf(a).getByLabel("Rationale")).toHaveValue("Most profitable; competitors target it.");
});
