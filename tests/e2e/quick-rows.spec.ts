import Database from "better-sqlite3";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PM_STATE } from "./global-setup.ts";
import { stepOf, switchLanguage, watchConsole } from "./helpers.ts";

/**
 * Issue 16, item 10: rows added one after another, as fast as a person tabs
 * through them, on a connection slow enough that the next row is being typed
 * while the previous one is still being saved. Every stored row must hold
 * exactly what was typed for it: nothing carried over from the row before.
 */

const DATABASE = "tests/.artifacts/e2e.sqlite";
const ITEM = "requirements.register";

/** What a person types for one requirement; "" = the field is left as it is (not touched). */
type Typed = { requirement: string; description: string; priority: string; goal: string; touchpoint: string; process: string; crmFunction: string; level: string };

const TYPED: Typed[] = [
  { requirement: "One customer record", description: "Sales and service share it.", priority: "Must", goal: "Faster quotes", touchpoint: "Quote follow-up", process: "Lead to order", crmFunction: "Customer database", level: "Organisational" },
  { requirement: "Quote reminder", description: "After three days without follow-up.", priority: "Should", goal: "Fewer lost complaints", touchpoint: "Complaint intake", process: "Quote follow-up", crmFunction: "Alerts", level: "User" },
  { requirement: "Complaints from every channel", description: "", priority: "Could", goal: "", touchpoint: "", process: "", crmFunction: "", level: "" },
  { requirement: "Visit planning", description: "Weekly route per rep.", priority: "Won't (this time)", goal: "Better visit coverage", touchpoint: "Store visit", process: "Field visits", crmFunction: "Calendar", level: "User" },
  { requirement: "Credit limit warning", description: "Shown on the order.", priority: "", goal: "Faster quotes", touchpoint: "", process: "", crmFunction: "Finance link", level: "Organisational" },
  { requirement: "Returns tracking", description: "From pickup to credit note.", priority: "Must", goal: "Fewer lost complaints", touchpoint: "Complaint intake", process: "Returns", crmFunction: "Case management", level: "" },
  { requirement: "Distributor portal", description: "", priority: "Should", goal: "", touchpoint: "Store visit", process: "Distributor orders", crmFunction: "", level: "Organisational" },
  { requirement: "Monthly sales report", description: "By region and product line.", priority: "Could", goal: "Better visit coverage", touchpoint: "Quote follow-up", process: "Reporting", crmFunction: "Reports", level: "User" },
  { requirement: "Birthday greetings", description: "", priority: "", goal: "", touchpoint: "", process: "", crmFunction: "", level: "" },
];

/** A project of its own, with the goals and journey gaps the requirements refer to. */
async function projectWithGoals(page: Page): Promise<string> {
  const created = await page.request.post("/projects/new", {
    form: { name: `Quick rows ${Date.now()}`, clientOrganisation: "Quick Ltd", deliverableLanguage: "en", startDate: "2026-11-23", pack: "crm-implementation@1.0.0" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const projectId = created.headers()["location"]!.split("/").pop()!;
  for (const goal of ["Faster quotes", "Fewer lost complaints", "Better visit coverage"]) {
    expect((await page.request.post(stepOf(projectId, "goals.register"), { form: { intent: "row-add", itemId: "goals.register", "c.goal": goal } })).status()).toBe(200);
  }
  for (const touchpoint of ["Quote follow-up", "Complaint intake", "Store visit"]) {
    expect((await page.request.post(stepOf(projectId, "goals.touchpoints"), { form: { intent: "row-add", itemId: "goals.touchpoints", "c.touchpoint": touchpoint } })).status()).toBe(200);
  }
  return projectId;
}

/** The requirements stored for a project, read from the database, as the labels a person chose. */
function stored(projectId: string): Typed[] {
  const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    const title = (id: unknown) => {
      if (id === null || id === undefined || id === "") return "";
      const r = db.prepare("SELECT cells FROM register_rows WHERE id = ? AND project_id = ?").get(Number(id), Number(projectId)) as { cells: string } | undefined;
      if (!r) return `?${String(id)}`;
      const cells = JSON.parse(r.cells) as Record<string, unknown>;
      return String(cells.goal ?? cells.touchpoint ?? "");
    };
    const label = (map: Record<string, string>, v: unknown) => (v === null || v === undefined || v === "" ? "" : (map[String(v)] ?? `?${String(v)}`));
    const priorities = { must: "Must", should: "Should", could: "Could", wont: "Won't (this time)" };
    const levels = { organisational: "Organisational", user: "User" };
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    const rows = db.prepare("SELECT cells FROM register_rows WHERE project_id = ? AND item_id = ? ORDER BY position").all(Number(projectId), ITEM) as Array<{ cells: string }>;
    return rows.map((r) => {
      const c = JSON.parse(r.cells) as Record<string, unknown>;
      return {
        requirement: text(c.requirement),
        description: text(c.description),
        priority: label(priorities, c.priority),
        goal: title(c.goal),
        touchpoint: title(c.touchpoint),
        process: text(c.process),
        crmFunction: text(c["crm-function"]),
        level: label(levels, c.level),
      };
    });
  } finally {
    db.close();
  }
}

/** Answers to the register's saves arrive `delays` ms late, in turn: a slow connection. */
async function slowSaves(page: Page, delays: number[]) {
  let n = 0;
  await page.route("**/*.data*", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, delays[n++ % delays.length]));
    await route.fulfill({ response });
  });
}

/** Types one row the way a person does: field by field with Tab, then Tab to the add button (Enter is the caller's). */
async function typeRow(page: Page, row: Typed) {
  const form = page.locator(`form#new-row-${ITEM.replace(/\./g, "\\.")}`);
  // Where the next row starts (after an add the form offers its first field again).
  await form.locator("[name='c.requirement']").click();
  const steps: Array<["text" | "select", string]> = [
    ["text", row.requirement],
    ["text", row.description],
    ["select", row.priority],
    ["select", row.goal],
    ["select", row.touchpoint],
    ["text", row.process],
    ["text", row.crmFunction],
    ["select", row.level],
  ];
  for (const [i, [kind, value]] of steps.entries()) {
    if (i > 0) await page.keyboard.press("Tab");
    if (value === "") continue; // Not typed: whatever the field shows is not this person's doing.
    if (kind === "text") {
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type(value, { delay: 8 });
    } else {
      await page.locator(":focus").selectOption({ label: value });
    }
  }
  await page.keyboard.press("Tab");
}

async function expectEveryRowAsTyped(page: Page, projectId: string, typed: Typed[]) {
  // All saves answered (the test does not wait between rows, only at the end).
  await expect.poll(() => stored(projectId).length, { timeout: 20_000 }).toBe(typed.length).catch(() => undefined);
  await expect(page.locator(".new-row [data-testid=pending-row]")).toHaveCount(0);
  expect(stored(projectId)).toEqual(typed);
}

test("nine requirements typed one after another on a slow connection are each stored exactly as typed", async ({ page }) => {
  const errors = watchConsole(page);
  const projectId = await projectWithGoals(page);
  await page.goto(stepOf(projectId, ITEM));
  await switchLanguage(page, "en");
  await page.waitForSelector("html[data-hydrated]");
  await slowSaves(page, [700, 300, 800, 450, 600]);
  for (const row of TYPED) {
    await typeRow(page, row);
    await page.keyboard.press("Enter");
  }
  await expectEveryRowAsTyped(page, projectId, TYPED);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  // What a person sees after a reload: every row, in the order it was typed.
  await page.reload();
  await expect(page.locator(`#item-${ITEM.replace(/\./g, "\\.")} .register-table tbody tr`)).toHaveCount(TYPED.length);
  await expect(page.locator(`#item-${ITEM.replace(/\./g, "\\.")} .row-title`)).toHaveText(TYPED.map((r) => r.requirement));
  expect(errors).toEqual([]);
});

test("a row refused while the next is being typed comes back as its own form, with its error and only its own values", async ({ page }) => {
  const errors = watchConsole(page);
  const projectId = await projectWithGoals(page);
  await page.goto(stepOf(projectId, ITEM));
  await switchLanguage(page, "en");
  await page.waitForSelector("html[data-hydrated]");
  await slowSaves(page, [800]);
  // The requirement (required) is forgotten on the first row.
  const forgotten: Typed = { ...TYPED[0]!, requirement: "" };
  await typeRow(page, forgotten);
  await page.keyboard.press("Enter");
  await typeRow(page, { ...TYPED[2]!, process: "" });
  // The first row's refusal arrives while the second row is typed but not yet added.
  const refused = page.getByTestId("refused-row");
  await expect(refused).toHaveCount(1);
  await expect(refused.locator(".field", { has: page.locator("[name='c.requirement']") }).locator(".field-error")).toHaveText("This field is required.");
  await expect(refused.locator("[name='c.process']")).toHaveValue("Lead to order");
  // The form being typed is untouched by the refusal.
  const form = page.locator(`form#new-row-${ITEM.replace(/\./g, "\\.")}`);
  await expect(form.locator("[name='c.requirement']")).toHaveValue(TYPED[2]!.requirement);
  await expect(form.locator("[name='c.process']")).toHaveValue("");
  await page.keyboard.press("Enter");
  await refused.locator("[name='c.requirement']").fill("Shared customer record");
  await refused.getByRole("button", { name: "Add row" }).click();
  await expectEveryRowAsTyped(page, projectId, [{ ...TYPED[2]!, process: "" }, { ...TYPED[0]!, requirement: "Shared customer record" }]);
  await expect(refused).toHaveCount(0);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  // The refusal is a 400 answer, which the browser notes in its console.
  expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
});

test("without JavaScript, rows added one after another are each stored exactly as typed", async ({ browser }: { browser: Browser }) => {
  const context = await browser.newContext({ storageState: PM_STATE, javaScriptEnabled: false });
  const page = await context.newPage();
  const projectId = await projectWithGoals(page);
  await page.goto(stepOf(projectId, ITEM));
  await switchLanguage(page, "en");
  const rows = TYPED.slice(0, 4);
  for (const row of rows) {
    // The form is open while the register is empty, and after an add the page comes back with it closed.
    const details = page.locator(`#item-${ITEM.replace(/\./g, "\\.")} details.new-row`);
    if ((await details.getAttribute("open")) === null) await details.locator("> summary").click();
    await typeRow(page, row);
    await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
    await page.waitForLoadState("load");
  }
  expect(stored(projectId)).toEqual(rows);
  await context.close();
});
