import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { BUILT_IN_PACKS_DIR, allItems, loadPacks } from "../../methodology/load.ts";

export const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;

/** The URL path of the step holding an item, for a project id. */
export function stepOf(projectId: number | string, itemId: string): string {
  const found = allItems(pack).find((x) => x.item.id === itemId);
  if (!found) throw new Error(`no item ${itemId}`);
  return `/projects/${projectId}/phases/${found.phase.id}/steps/${found.step.id}`;
}

export const SCREENSHOTS = path.resolve("tests/.artifacts/screenshots");
fs.mkdirSync(SCREENSHOTS, { recursive: true });

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Switches the interface language with the header button. */
export async function switchLanguage(page: Page, to: "fa" | "en") {
  if ((await page.locator("html").getAttribute("lang")) === to) return;
  await page.getByTestId("language-switch").click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
}

/** Fails the test on any uncaught error or console error in the page. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * A browser context of its own, signed in as a demo account (the demo password works on loopback),
 * on the project list; in `lang` when given.
 */
export async function signedIn(browser: Browser, email: string, lang?: "fa" | "en"): Promise<Page> {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto("/login");
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill("gambegam-demo");
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/projects$/);
  if (lang) await switchLanguage(page, lang);
  return page;
}
