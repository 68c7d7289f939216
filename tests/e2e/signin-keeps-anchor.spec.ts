/** Review finding 9 (issue 20): the sign-off email's link `…#sign-off` keeps its anchor through sign-in. */
import { test, expect } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] } });

test("signing in from a link to #sign-off lands on the sign-off part of the phase", async ({ page }) => {
  await page.goto("/projects/1/phases/team#sign-off");
  await expect(page).toHaveURL(/\/login\?/);
  await page.locator("input[name=email]").fill("f.karimi@mehregan.example");
  await page.locator("input[name=password]").fill("gambegam-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/1\/phases\/team#sign-off$/);
});
