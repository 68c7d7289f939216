import { expect, test } from "@playwright/test";
import { shot, switchLanguage, watchConsole } from "./helpers.ts";

test.describe("method settings", () => {
  test("the roadmap names its thresholds as Gambegam's; the project sets its own and the roadmap follows; a reset goes back", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/roadmap");
    await switchLanguage(page, "en");
    const note = page.getByTestId("threshold-note");
    await expect(note.locator('[data-threshold="overnight-window-days"]')).toContainText("31 days (Gambegam's default, not from the sources)");
    await note.getByRole("link", { name: /Method settings/ }).click();
    await expect(page.getByRole("heading", { name: "Method settings", level: 2 })).toBeVisible();

    const card = page.locator('[data-threshold="overnight-window-days"]');
    await expect(card.getByTestId("origin")).toHaveText("Gambegam's default (not from the sources)");
    await card.getByLabel("Value for this project").fill("400");
    await card.getByRole("button", { name: "Save" }).click();
    await expect(card.getByRole("alert")).toContainText("Must be at most 365.");
    await card.getByLabel("Value for this project").fill("14");
    await card.getByRole("button", { name: "Save" }).click();
    await expect(card.getByRole("status")).toContainText("Saved");
    await expect(card.getByTestId("project-value")).toContainText("14 days");
    await shot(page, "method-settings-en");

    await page.goto("/projects/1/roadmap");
    await expect(page.getByTestId("threshold-note").locator('[data-threshold="overnight-window-days"]')).toContainText("14 days (set for this project; Gambegam's default, not from the sources, is 31 days)");

    await page.goto("/projects/1/method-settings");
    await switchLanguage(page, "fa");
    const fa = page.locator('[data-threshold="overnight-window-days"]');
    await expect(fa.getByTestId("project-value")).toContainText("۱۴ روز");
    await shot(page, "method-settings-fa");
    await fa.getByRole("button", { name: /بازگشت به پیش‌فرض/ }).click();
    await expect(fa.getByRole("status")).toContainText("به پیش‌فرض بازگشت");
    await expect(fa.getByTestId("project-value")).toContainText("۳۱ روز");
    // The one refusal above (400, by design) is the only failed request.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  });
});
