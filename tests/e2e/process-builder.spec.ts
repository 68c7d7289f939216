import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";

// Issue 19, item 5 (decision 042): a facilitator draws a process with the room as a list of
// steps, decisions and lanes; the map is drawn beside it (right to left in Persian) and saved as
// the diagram's mermaid code, whose lines read as isolated left-to-right lines.
const ITEM = "requirements.future-process-map";
const item = (page: Page) => page.locator(`#item-${ITEM.replace(/\./g, "\\.")}`);

test("a three-step map with a decision, built in Persian, is drawn right to left, saved, and read again after a reload", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(stepOf(1, ITEM));
  await switchLanguage(page, "fa");
  const builder = item(page).getByTestId("process-builder");
  await expect(builder).toBeVisible();

  await builder.getByRole("button", { name: "افزودن واحد" }).click();
  await builder.getByLabel("واحد ۱", { exact: true }).fill("فروش");
  await builder.getByRole("button", { name: "افزودن واحد" }).click();
  await builder.getByLabel("واحد ۲", { exact: true }).fill("انبار");

  await builder.getByRole("button", { name: "افزودن گام" }).click();
  // The new step's field has the focus: typed straight away, as a facilitator would.
  await page.keyboard.type("ثبت سفارش");
  await builder.getByRole("button", { name: "افزودن تصمیم" }).click();
  await page.keyboard.type("موجودی کافی است؟");
  await builder.getByRole("button", { name: "افزودن گام" }).click();
  await page.keyboard.type("صدور بارنامه");
  await builder.getByRole("button", { name: "افزودن گام" }).click();
  await page.keyboard.type("تماس با فروشگاه");

  const steps = builder.getByTestId("process-step");
  await expect(steps).toHaveCount(4);
  const lanes = ["l1", "l2", "l2", "l1"]; // فروش، انبار، انبار، فروش
  for (const [i, lane] of lanes.entries()) await steps.nth(i).getByLabel("واحد", { exact: true }).selectOption(lane);
  const ids = await steps.evaluateAll((els) => els.map((el) => el.getAttribute("data-step-id")!));
  // Options name the steps by number and label ("۳. صدور بارنامه"); chosen here by the step's id.
  await expect(steps.nth(1).getByLabel("می‌رود به").first().locator(`option[value="${ids[2]}"]`)).toHaveText(/۳\. .صدور بارنامه./);
  await steps.nth(1).getByLabel("می‌رود به").first().selectOption(ids[2]!);
  await steps.nth(1).getByLabel("می‌رود به").nth(1).selectOption(ids[3]!);
  // The invoice ends the process; the call goes back to the order.
  await steps.nth(2).getByLabel("سپس").selectOption({ label: "فرایند همین‌جا پایان می‌یابد" });
  await steps.nth(3).getByLabel("سپس").selectOption(ids[0]!);

  // Reordered with the keyboard: the call moves up and back down again.
  await steps.nth(3).getByRole("button", { name: "بالا بردن ۴. تماس با فروشگاه" }).press("Enter");
  await expect(steps.nth(2).getByLabel("گام ۳")).toHaveValue("تماس با فروشگاه");
  await expect(steps.nth(2).getByRole("button", { name: "بالا بردن ۳. تماس با فروشگاه" })).toBeFocused();
  await steps.nth(2).getByRole("button", { name: "پایین بردن ۳. تماس با فروشگاه" }).press("Enter");
  await expect(steps.nth(3).getByLabel("گام ۴")).toHaveValue("تماس با فروشگاه");

  // Drawn beside the list: lanes, the rhombus, the labelled branches; in Persian the first step is on the right.
  const drawn = item(page).getByTestId("diagram-drawn");
  for (const text of ["فروش", "انبار", "ثبت سفارش", "موجودی کافی است؟", "صدور بارنامه", "تماس با فروشگاه", "بله", "خیر"]) await expect(drawn).toContainText(text);
  await expect(drawn.locator("g.cluster")).toHaveCount(2);
  await expect(drawn.locator("g.node polygon")).toHaveCount(1);
  const box = async (label: string) => (await drawn.locator("g.node", { hasText: label }).boundingBox())!;
  expect((await box("ثبت سفارش")).x).toBeGreaterThan((await box("موجودی کافی است؟")).x);
  expect((await box("موجودی کافی است؟")).x).toBeGreaterThan((await box("صدور بارنامه")).x);
  await shot(page, "process-builder-fa");

  const status = item(page).getByTestId("save-status");
  await expect(status).toContainText("ذخیره شد", { timeout: 15_000 });
  await page.reload();
  const again = item(page).getByTestId("process-builder");
  const stepsAgain = again.getByTestId("process-step");
  await expect(stepsAgain).toHaveCount(4);
  await expect(stepsAgain.nth(0).getByLabel("گام ۱")).toHaveValue("ثبت سفارش");
  await expect(stepsAgain.nth(1).getByLabel("تصمیم ۲ (یک پرسش)")).toHaveValue("موجودی کافی است؟");
  await expect(stepsAgain.nth(1).getByLabel("می‌رود به").first()).toHaveValue(ids[2]!);
  await expect(stepsAgain.nth(1).getByLabel("می‌رود به").nth(1)).toHaveValue(ids[3]!);
  await expect(stepsAgain.nth(3).getByLabel("سپس")).toHaveValue(ids[0]!);
  await expect(stepsAgain.nth(3).getByLabel("واحد", { exact: true }).locator("option:checked")).toHaveText(/فروش/);
  await expect(item(page).getByTestId("diagram-drawn")).toContainText("تماس با فروشگاه");

  // The code, for those who want it: every line its own isolated left-to-right line, labels isolated inside it.
  await item(page).locator("details.diagram-code > summary").click();
  const lines = item(page).getByTestId("code-line");
  const definition = await item(page).locator("textarea[name=definition]").inputValue();
  await expect(lines).toHaveCount(definition.split("\n").length);
  const styles = await lines.evaluateAll((els) => els.map((el) => ({ dir: el.getAttribute("dir"), bidi: getComputedStyle(el).unicodeBidi, direction: getComputedStyle(el).direction, text: el.textContent })));
  for (const s of styles) expect(s).toMatchObject({ dir: "ltr", bidi: "isolate", direction: "ltr" });
  expect(styles.map((s) => s.text?.replace(/\u00A0/g, ""))).toEqual(definition.split("\n"));
  const label = lines.filter({ hasText: "ثبت سفارش" }).first();
  await expect(label.locator("bdi")).toHaveText("ثبت سفارش");
  // The label sits between its brackets on screen: `["` left of it, `"]` right of it.
  const [open, text, close] = await label.evaluate((li) => {
    const spans = [...li.childNodes] as HTMLElement[];
    const at = (i: number) => spans[i]!.getBoundingClientRect().x;
    const bdi = spans.findIndex((n) => n.nodeName === "BDI");
    return [at(bdi - 1), at(bdi), at(bdi + 1)];
  });
  expect(open).toBeLessThan(text!);
  expect(text).toBeLessThan(close!);
  await shot(page, "process-builder-code-fa");
  expect(errors).toEqual([]);
});

test("a hand-written diagram the builder cannot show stays editable as code, and the page says why", async ({ page }) => {
  await page.goto(stepOf(1, "goals.journey-map"));
  await switchLanguage(page, "en");
  // Nothing here is saved: the demo's journey map stays as other tests expect it.
  await page.route("**/*", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  const journey = page.locator("#item-goals\\.journey-map");
  page.once("dialog", (d) => void d.accept());
  await journey.getByRole("button", { name: "Customer journey with satisfaction scores (English)" }).click();
  await expect(journey.getByTestId("builder-unsupported")).toContainText("it is not a flowchart");
  await expect(journey.locator("details.diagram-code")).toHaveAttribute("open", "");
  await expect(journey.locator("textarea[name=definition]")).toBeVisible();
  await journey.locator("textarea[name=definition]").fill("flowchart LR\n  A[Order] --> B{Paid?}\n  B -- Yes --> C[Ship]");
  await expect(journey.getByTestId("process-builder").getByTestId("process-step")).toHaveCount(3);
});

for (const lang of ["fa", "en"] as const) {
  test(`the builder has no contrast or label problems and fits a phone (${lang})`, async ({ page }) => {
    await page.goto(stepOf(1, "requirements.current-process-map"));
    await switchLanguage(page, lang);
    const map = page.locator("#item-requirements\\.current-process-map");
    // The map the builder reads here is whatever earlier tests left (collaboration.spec starts it from a
    // template); the demo's own hand-written map being readable is process-map.test.ts's business.
    await expect(map.getByTestId("process-step").first()).toBeVisible();
    await expect(map.getByTestId("builder-unsupported")).toHaveCount(0);
    await map.locator("details.diagram-code > summary").click();
    const result = await new AxeBuilder({ page }).include("#item-requirements\\.current-process-map").withRules(["color-contrast", "label", "label-title-only", "select-name", "button-name", "form-field-multiple-labels"]).analyze();
    expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`))).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(map.getByTestId("process-step").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
}
