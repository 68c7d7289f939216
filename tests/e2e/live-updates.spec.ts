/**
 * Live updates (decision 037): two people on the same step page, each in
 * their own browser. One saves; the other sees the value appear without a
 * reload, within a second. When the other is typing in that very field, their
 * text stays and the field says who changed it. Each sees who else is on the step.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PM_STATE } from "./global-setup.ts";
import { shot, signedIn, stepOf, switchLanguage, watchConsole } from "./helpers.ts";

const URL = stepOf(1, "vision.value-proposition");
const X = "#item-vision\\.value-proposition textarea";
const Y = "#item-vision\\.loyalty-value textarea";
const PM_NAME = "سارا احمدی";
const TEAM_NAME = "نرگس رحیمی";

test("a saved answer appears on another person's open step; a field being edited keeps its text and says who changed it; each sees the other", async ({ browser }) => {
  const a = await (await browser.newContext({ storageState: PM_STATE })).newPage();
  const b = await signedIn(browser, "n.rahimi@mehregan.example");
  const errors = [...watchConsole(a), ...watchConsole(b)];
  for (const p of [a, b]) {
    await p.goto(URL);
    await switchLanguage(p, "en");
  }

  // Presence: each sees the other by name, never themselves.
  // (Names are isolated with FSI…PDI, so a Persian name does not reorder an English sentence.)
  await expect(b.getByTestId("presence")).toContainText(new RegExp(`Also on this step now: \u2068?${PM_NAME}`));
  await expect(a.getByTestId("presence")).toContainText(TEAM_NAME);
  await expect(a.getByTestId("presence")).not.toContainText(PM_NAME);

  // A saves an answer: it is in B's field within a second, without a reload.
  const first = `Faster deliveries to the twelve chains (${Date.now()})`;
  await b.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await a.locator(Y).fill(first);
  await a.locator("#item-vision\\.loyalty-value").getByRole("button", { name: "Save" }).click();
  await expect(a.locator("#item-vision\\.loyalty-value [data-testid=save-status]")).toContainText("Saved");
  await expect(b.locator(Y)).toHaveValue(first, { timeout: 1000 });
  expect(await b.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await shot(b, "live-value-arrived-en");

  // B is typing in X when A saves X: B's text stays, B is told who changed it and can see theirs.
  const theirs = `Same-day delivery for top segments (${Date.now()})`;
  const mine = "Mine: loyalty through service visits";
  await b.locator(X).click();
  await b.keyboard.press("Control+A");
  const typing = b.locator(X).pressSequentially(mine, { delay: 80 });
  await a.locator(X).fill(theirs);
  await a.locator("#item-vision\\.value-proposition").getByRole("button", { name: "Save" }).click();
  await expect(a.locator("#item-vision\\.value-proposition [data-testid=save-status]")).toContainText("Saved");
  await typing;
  const notice = b.getByTestId("remote-change");
  await expect(notice).toContainText(new RegExp(`${PM_NAME}\u2069? saved a change to this while you were editing it`));
  await expect(notice).toContainText(theirs);
  await expect(b.locator(X)).toHaveValue(mine);
  // Nothing of B's was sent over A's (autosave waits for B's choice).
  await b.waitForTimeout(1500);
  await expect(b.locator(X)).toHaveValue(mine);
  await expect(a.locator(X)).toHaveValue(theirs);
  await shot(b, "live-changed-while-editing-en");

  // B keeps their own: it is saved, and A's page follows.
  await notice.getByRole("button", { name: "Keep mine" }).click();
  await expect(b.locator("#item-vision\\.value-proposition [data-testid=save-status]")).toContainText("Saved");
  await expect(notice).toBeHidden();
  await expect(a.locator(X)).toHaveValue(mine, { timeout: 1000 });

  // In Persian too.
  await switchLanguage(b, "fa");
  await expect(b.getByTestId("presence")).toContainText(new RegExp(`هم‌اکنون در این گام: \u2068?${PM_NAME}`));
  await shot(b, "live-presence-fa");

  // A leaves: B's presence line empties.
  await a.close();
  await expect(b.getByTestId("presence")).toBeHidden({ timeout: 5000 });
  expect(errors).toEqual([]);
});

test("a register row: replaced in place when the reader is not editing it; kept, with who changed it, when they are", async ({ browser }) => {
  const a = await (await browser.newContext({ storageState: PM_STATE })).newPage();
  const b = await signedIn(browser, "n.rahimi@mehregan.example");
  const url = stepOf(1, "vision.segments");
  for (const p of [a, b]) {
    await p.goto(url);
    await switchLanguage(p, "en");
  }
  const rowOf = (p: Page) => p.locator("#item-vision\\.segments .row-editor").nth(1);
  for (const p of [a, b]) await rowOf(p).locator("summary").click();

  // B looks at the row (not typing in it): A's saved text replaces it.
  const first = `About 700 shops, ordering through visitors (${Date.now()})`;
  await rowOf(a).getByLabel("Description").fill(first);
  await expect(rowOf(a).locator("[data-testid=save-status]")).toContainText("Saved");
  await expect(rowOf(b).getByLabel("Description")).toHaveValue(first, { timeout: 1000 });

  // B types in the row while A saves it: B's text stays, and B is told who changed it.
  const theirs = `Visits on a fixed weekday (${Date.now()})`;
  const mine = "Mine: phone orders without waiting";
  await rowOf(b).getByLabel("Rationale").click();
  await b.keyboard.press("Control+A");
  const typing = rowOf(b).getByLabel("Rationale").pressSequentially(mine, { delay: 80 });
  await rowOf(a).getByLabel("Rationale").fill(theirs);
  await expect(rowOf(a).locator("[data-testid=save-status]")).toContainText("Saved");
  await typing;
  const notice = rowOf(b).getByTestId("remote-change");
  await expect(notice).toContainText(new RegExp(`${PM_NAME}\\u2069? saved a change to this while you were editing it`));
  await expect(notice).toContainText(theirs);
  await expect(rowOf(b).getByLabel("Rationale")).toHaveValue(mine);
  await shot(b, "live-row-changed-while-editing-en");
  await notice.getByRole("button", { name: "Use theirs" }).click();
  await expect(rowOf(b).getByLabel("Rationale")).toHaveValue(theirs);
  await expect(notice).toBeHidden();
});
