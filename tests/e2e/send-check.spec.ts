import { expect, test } from "@playwright/test";
import { shot, switchLanguage, watchConsole } from "./helpers.ts";

test.describe("Ready to send?", () => {
  test("the Documents page shows each deliverable's check, and an open item's link leads to the item", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/documents");
    await switchLanguage(page, "fa");
    const scope = page.locator('[data-deliverable="scope-document"]');
    const check = scope.locator("[data-send-check]");
    await expect(check).toContainText("آماده ارسال؟");
    await expect(check).toHaveAttribute("data-send-check", /^(open-items|contradictions)$/);
    // The check comes before the download buttons.
    const checkBox = (await check.boundingBox())!;
    const buttonBox = (await scope.getByRole("button", { name: "دریافت به فارسی" }).boundingBox())!;
    expect(checkBox.y).toBeLessThan(buttonBox.y);

    const open = check.getByTestId("open-items");
    if (!(await open.evaluate((d) => (d as HTMLDetailsElement).open))) await open.locator("summary").click();
    const budget = open.locator('[data-item="requirements.budget"] a');
    await expect(budget).toHaveText("بودجه پروژه");
    await budget.click();
    await expect(page).toHaveURL(/\/projects\/1\/phases\/requirements\/steps\/requirements-scope#item-requirements\.budget$/);
    await expect(page.locator('[id="item-requirements.budget"]')).toBeInViewport();

    await page.goto("/projects/1/documents");
    await switchLanguage(page, "en");
    await expect(page.locator('[data-deliverable="scope-document"] [data-send-check]')).toContainText("Ready to send?");
    await expect(page.locator('[data-deliverable="scope-document"]').getByLabel("Draft (show open items in place)")).not.toBeChecked();
    expect(errors).toEqual([]);
  });

  for (const lang of ["fa", "en"] as const)
    for (const [width, height] of [
      [1366, 800],
      [820, 1180],
      [390, 844],
    ] as const)
      test(`screenshot of the Documents page, ${lang}, ${width}×${height}: nothing wider than the screen`, async ({ page }) => {
        await page.setViewportSize({ width, height });
        await page.goto("/projects/1/documents");
        await switchLanguage(page, lang);
        await expect(page.locator("[data-send-check]").first()).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await shot(page, `send-check-${lang}-${width}x${height}`);
      });
});
