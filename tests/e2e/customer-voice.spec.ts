import { expect, test } from "@playwright/test";
import { shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";

/** Decision 033: what customers said is shown beside the answer it informs, and nowhere else. */
test.describe("the customers' own voice", () => {
  test("an answer research informs shows what customers said, with a link to the research; an answer without none", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(stepOf(1, "vision.value-proposition"));
    await switchLanguage(page, "fa");
    const voice = page.locator('[data-testid="customer-voice"][data-item="vision.value-proposition"]');
    await expect(voice).toContainText("آنچه مشتریان گفتند");
    await expect(voice).toContainText("مصاحبه · ۸ مشتری");
    await expect(voice).toContainText("کسری بار را دیر می‌فهمند");
    // The panel sits right after the answer it informs.
    const follows = await page.evaluate(() => document.querySelector('[data-item="vision.value-proposition"]')?.previousElementSibling?.querySelector("#item-vision\\.value-proposition") != null);
    expect(follows).toBe(true);
    await expect(page.locator('[data-testid="customer-voice"][data-item="vision.customisation"]')).toHaveCount(0);
    await shot(page, "customer-voice-step-fa");
    await page.setViewportSize({ width: 390, height: 844 });
    await voice.scrollIntoViewIfNeeded();
    const box = await voice.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "tests/.artifacts/screenshots/customer-voice-phone-fa.png" });
    await page.setViewportSize({ width: 1366, height: 900 });

    await voice.getByRole("link").click();
    await expect(page).toHaveURL(/steps\/vision-customer-research/);
    await expect(page.locator("#item-vision\\.customer-research")).toBeVisible();

    await page.goto("/projects/1/strategy");
    await switchLanguage(page, "en");
    const onStrategy = page.locator('[data-testid="customer-voice"][data-item="vision.value-proposition"]');
    await expect(onStrategy).toContainText("What customers said");
    await expect(onStrategy).toContainText("Interview · 8 customers");
    await shot(page, "customer-voice-strategy-en");
    await page.locator("#item-vision\\.value-proposition").locator("..").locator("..").screenshot({ path: "tests/.artifacts/screenshots/customer-voice-answer-en.png" });
    expect(errors).toEqual([]);
  });
});
