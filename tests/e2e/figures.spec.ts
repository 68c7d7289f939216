import { expect, test, type Locator, type Page } from "@playwright/test";
import { shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";
import { DEMO_ANSWERS } from "../../db/demo-content.ts";

/**
 * Figures a room can read (issue 19, item 4). Sizes are measured in the
 * browser as drawn: a label's height is its font size times the scale the
 * picture is shown at on screen (the em box's height in CSS pixels), not the
 * SVG's font-size attribute.
 */

/** The smallest and the largest label of the pictures under `scope`, in CSS pixels on screen. */
async function labelSizes(scope: Locator): Promise<{ min: number; max: number; count: number }> {
  return scope.evaluate((root) => {
    const sizes: number[] = [];
    for (const svg of root.querySelectorAll("svg")) {
      const box = svg.getBoundingClientRect();
      if (box.width < 50 || box.height < 30) continue;
      // SVG text, and mermaid's labels (HTML inside foreignObject), each scaled as the picture is.
      for (const el of svg.querySelectorAll("text, foreignObject span, foreignObject p")) {
        if (!el.textContent?.trim() || el.querySelector("span, p")) continue;
        const carrier = (el.closest("text") ?? el.closest("foreignObject")) as SVGGraphicsElement | null;
        const ctm = carrier?.getScreenCTM();
        if (!ctm || el.getBoundingClientRect().width === 0) continue;
        sizes.push(parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b));
      }
    }
    return { min: Math.min(...sizes), max: Math.max(...sizes), count: sizes.length };
  });
}

const picture = (page: Page) => page.locator(".figure-full[open] .figure-full-picture");

/** Opens a figure full screen from the keyboard, checks what a room needs, and closes it with Esc. */
async function openFullScreen(page: Page, figure: Locator, name: string, minLabel: number, hasTable: boolean) {
  const button = figure.getByRole("button", { name: /Full screen|تمام‌صفحه/ });
  await button.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(picture(page).locator("svg")).toBeVisible();
  // The picture takes the screen: most of its width or most of its height.
  const [shown, viewport] = [await picture(page).locator("svg").first().boundingBox(), page.viewportSize()!];
  expect(Math.max(shown!.width / viewport.width, shown!.height / viewport.height)).toBeGreaterThan(0.6);
  const sizes = await labelSizes(picture(page));
  expect(sizes.count).toBeGreaterThan(2);
  expect(sizes.min, `${name}: smallest label full screen at ${viewport.width}×${viewport.height}`).toBeGreaterThanOrEqual(minLabel);
  // A process map is laid out anew for the screen and fits it: the demo's map (in a project of this spec's
  // own, which no other spec changes) needs no scrolling. A figure that still cannot fit at a readable size
  // scrolls, and the view says so.
  const overflow = await picture(page).evaluate((a) => ({ x: a.scrollWidth - a.clientWidth, y: a.scrollHeight - a.clientHeight }));
  if (name.startsWith("process-map")) {
    await expect(picture(page)).toContainText("ویزیتور سفارش را روی کاغذ");
    expect(overflow, `${name}: scrolls full screen at ${viewport.width}×${viewport.height}`).toEqual({ x: 0, y: 0 });
  }
  await expect(dialog.getByTestId("figure-full-scrolls")).toBeVisible({ visible: overflow.x > 0 || overflow.y > 0 });
  // The table alternative goes with it (a process map's alternative is its code, on the step).
  const table = dialog.locator("details.diagram-table");
  if (hasTable) {
    await table.locator("summary").click();
    await expect(table.locator("table")).toBeVisible();
  } else await expect(table).toHaveCount(0);
  await shot(page, `figure-full-${name}-${viewport.width}`);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
}

/**
 * A project of this spec's own holding the demo's process map (the e2e run shares one database, and an
 * earlier spec puts a template's map in the demo project): its step's path, made once per worker.
 */
let ownMap: Promise<string> | undefined;
function ownMapStep(page: Page): Promise<string> {
  ownMap ??= (async () => {
    const created = await page.request.post("/projects/new", {
      form: { name: `Figures ${Date.now()}`, clientOrganisation: "Mehregan", deliverableLanguage: "fa", startDate: "2026-11-23", pack: "crm-implementation@1.0.0" },
      maxRedirects: 0,
    });
    const step = stepOf(created.headers()["location"]!.split("/").pop()!, "requirements.current-process-map");
    const map = DEMO_ANSWERS["requirements.current-process-map"] as { definition: string };
    const saved = await page.request.post(step, { form: { intent: "answer", itemId: "requirements.current-process-map", version: "0", definition: map.definition } });
    expect(saved.status()).toBe(200);
    return step;
  })();
  return ownMap;
}

const FIGURES: Array<{ name: string; path: string | ((p: Page) => Promise<string>); lang: "fa" | "en"; figure: (p: Page) => Locator; table?: false }> = [
  { name: "roadmap-fa", path: "/projects/1", lang: "fa", figure: (p) => p.locator("section[aria-labelledby=roadmap-heading] .generated-diagram") },
  { name: "roadmap-en", path: "/projects/1/roadmap", lang: "en", figure: (p) => p.locator(".generated-diagram").first() },
  { name: "matrix-en", path: "/projects/1/prioritisation", lang: "en", figure: (p) => p.getByTestId("value-effort") },
  { name: "radar-fa", path: "/projects/1/change-management", lang: "fa", figure: (p) => p.getByTestId("readiness-chart") },
  { name: "team-en", path: "/projects/1/team", lang: "en", figure: (p) => p.locator(".generated-diagram").first() },
  { name: "process-map-fa", path: ownMapStep, lang: "fa", figure: (p) => p.locator("#item-requirements\\.current-process-map"), table: false },
];

test.describe("figures a room can read", () => {
  test("the roadmap's labels are readable on the home page, laptop and tablet, both languages", async ({ page }) => {
    for (const lang of ["fa", "en"] as const) {
      for (const width of [1366, 820]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto("/projects/1");
        await switchLanguage(page, lang);
        const sizes = await labelSizes(page.locator("section[aria-labelledby=roadmap-heading]"));
        expect(sizes.min, `${lang} at ${width} px`).toBeGreaterThanOrEqual(13);
      }
    }
  });

  test("on a phone a chart keeps labels of 10 px or more and scrolls inside its card, not the page", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/projects/1/prioritisation");
    await switchLanguage(page, "en");
    const figure = page.getByTestId("value-effort");
    await expect(figure.locator("svg")).toBeVisible();
    expect((await labelSizes(figure)).min).toBeGreaterThanOrEqual(10);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
    test(`every figure opens full screen from the keyboard at ${viewport.width}×${viewport.height}, labels of 18 px or more, with its table; Esc closes`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.setViewportSize(viewport);
      for (const f of FIGURES) {
        await page.goto(typeof f.path === "string" ? f.path : await f.path(page));
        await switchLanguage(page, f.lang);
        const figure = f.figure(page);
        await expect(figure.locator("svg").first()).toBeVisible();
        await openFullScreen(page, figure, f.name, 18, f.table !== false);
      }
      expect(errors).toEqual([]);
    });
  }

  test("large-text mode makes a chart's labels larger and its column no narrower", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const measure = async () => {
      const out: Record<string, { min: number; width: number }> = {};
      for (const [name, path, figure] of [
        ["radar", "/projects/1/change-management", (p: Page) => p.getByTestId("readiness-chart")],
        ["roadmap", "/projects/1", (p: Page) => p.locator("section[aria-labelledby=roadmap-heading] .generated-diagram")],
      ] as const) {
        await page.goto(path);
        const f = figure(page);
        await expect(f.locator("svg").first()).toBeVisible();
        out[name] = { min: (await labelSizes(f)).min, width: (await f.boundingBox())!.width };
      }
      return out;
    };
    await page.goto("/projects/1");
    await switchLanguage(page, "en");
    const normal = await measure();
    await page.getByRole("button", { name: "Large text" }).click();
    await expect(page.locator("html")).toHaveClass(/large/);
    const large = await measure();
    await shot(page, "figure-large-text-home");
    for (const name of ["radar", "roadmap"]) {
      expect(large[name]!.min, `${name}: smallest label, large text against normal`).toBeGreaterThan(normal[name]!.min * 1.1);
      expect(large[name]!.width, `${name}: the figure's column`).toBeGreaterThanOrEqual(normal[name]!.width - 1);
    }
  });
});
