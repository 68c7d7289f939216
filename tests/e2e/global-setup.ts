/**
 * Signs the demo project manager in once, through the real sign-in page in
 * Chromium, and saves the session for the tests that act as that person.
 * Tests about other people open their own browser contexts and sign in.
 * The browser and the server share this computer (127.0.0.1, no proxy), the
 * only place where the published demo password works (decision 016).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type FullConfig } from "@playwright/test";

export const PM_STATE = path.resolve("tests/.artifacts/pm-state.json");

export default async function globalSetup(config: FullConfig) {
  const use = config.projects[0]!.use;
  const browser = await chromium.launch({ executablePath: use.launchOptions?.executablePath, args: use.launchOptions?.args });
  const page = await browser.newPage({ baseURL: use.baseURL });
  await page.goto("/login");
  await page.locator("input[name=email]").fill("s.ahmadi@mehregan.example");
  await page.locator("input[name=password]").fill("gambegam-demo");
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/projects$/);
  fs.mkdirSync(path.dirname(PM_STATE), { recursive: true });
  await page.context().storageState({ path: PM_STATE });
  await browser.close();
}
