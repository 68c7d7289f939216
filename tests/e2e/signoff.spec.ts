import { expect, test, type Browser, type Page } from "@playwright/test";
import { PM_STATE } from "./global-setup.ts";
import { shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";

/** A browser of someone who has not signed in (the config's default is the demo PM). */
async function anonymousPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
}

async function pmPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: PM_STATE })).newPage();
}

async function addTeamMember(page: Page, name: string, role: string) {
  const details = page.locator("#item-team\\.members details.new-row");
  // The form stays open after adding a row, ready for the next one.
  if ((await details.getAttribute("open")) === null) await details.locator("> summary").click();
  const newRow = page.locator("form[id^='new-row-team.members']");
  await newRow.getByLabel("Name").fill(name);
  await newRow.getByLabel("Role").selectOption(role);
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(page.locator("#item-team\\.members .register-table")).toContainText(name);
  // The form is cleared once the save is acknowledged; typing before that would be lost.
  await expect(newRow.getByLabel("Name")).toHaveValue("");
}

test("invitation, sign-off, reopening with a diff, signing again — all in the audit trail", async ({ browser }) => {
  const pm = await pmPage(browser);
  const pmErrors = watchConsole(pm);

  // The PM invites a new executive sponsor and copies the one-time link.
  await pm.goto("/projects/1/members");
  await switchLanguage(pm, "en");
  await pm.locator("#invite-role").selectOption("executive-sponsor");
  await pm.getByLabel("Who is it for?").fill("Parisa Sohrabi, board");
  await pm.getByRole("button", { name: "Create invitation link" }).click();
  const link = await pm.getByTestId("invitation-link").inputValue();
  expect(link).toMatch(/\/invitations\/[\w-]{20,}$/);
  await shot(pm, "members-invite-en");

  // The executive opens it in their own browser, creates an account and joins.
  const exec = await anonymousPage(browser);
  const execErrors = watchConsole(exec);
  await exec.goto(link);
  await switchLanguage(exec, "en");
  await expect(exec.getByText("as Executive sponsor")).toBeVisible();
  await exec.getByLabel("Your name").fill("Parisa Sohrabi");
  await exec.getByLabel("Email").fill("p.sohrabi@mehregan.example");
  await exec.locator("#password").fill("a long sponsor passphrase");
  await exec.locator("#confirm").fill("a long sponsor passphrase");
  await exec.getByRole("button", { name: "Create account and join" }).click();
  await expect(exec).toHaveURL(/\/projects\/1$/);
  await expect(exec.getByTestId("my-role")).toHaveText("Executive sponsor");
  // The link worked once.
  const again = await anonymousPage(browser);
  await again.goto(link);
  await expect(again.locator("h1")).toContainText(/already been used|پیش‌تر به کار رفته/);

  // The PM completes the team phase (two more members) and requests sign-off.
  await pm.goto(stepOf(1, "team.members"));
  await addTeamMember(pm, "Mina Sadeghi", "production-technical");
  await addTeamMember(pm, "Omid Jafari", "hr-support");
  await pm.goto("/projects/1/phases/team");
  await pm.getByRole("button", { name: "Request sign-off" }).click();
  await expect(pm.locator(".gate-panel [data-gate=awaiting]")).toBeVisible();
  // While awaiting sign-off the phase cannot be edited.
  await pm.goto(stepOf(1, "team.members"));
  await expect(pm.getByTestId("read-only")).toContainText("awaiting sign-off");

  // The executive sees the request, reviews the content and signs.
  await exec.goto("/projects/1");
  await expect(exec.locator(".awaiting-banner")).toContainText("waiting for your sign-off");
  await exec.locator(".awaiting-banner a").click();
  await expect(exec.locator(".gate-content")).toContainText("Omid Jafari");
  const signedFingerprint = await exec.getByTestId("fingerprint").innerText();
  expect(signedFingerprint).toMatch(/^[0-9a-f]{64}$/);
  await exec.getByRole("button", { name: "Sign off this phase" }).click();
  await expect(exec.locator(".gate-head [data-gate=signed]")).toBeVisible();
  await expect(exec.locator(".gate-signed-state")).toContainText("Signed off by Parisa Sohrabi");
  await expect(exec.getByTestId("fingerprint")).toHaveText(signedFingerprint);
  await shot(exec, "phase-signed-en");

  // The PM reopens with a reason and edits a row.
  await pm.goto("/projects/1/phases/team");
  await expect(pm.locator(".gate-head [data-gate=signed]")).toBeVisible();
  await pm.getByLabel("Reason for reopening").fill("Omid's surname was misspelt.");
  await pm.getByRole("button", { name: "Reopen for changes" }).click();
  await expect(pm.locator(".gate-head [data-gate=reopened]")).toBeVisible();
  await pm.goto(stepOf(1, "team.members"));
  await expect(pm.getByTestId("read-only")).toHaveCount(0);
  const omid = pm.locator("#item-team\\.members .row-editor").filter({ hasText: "Omid Jafari" });
  await omid.locator("summary").click();
  await omid.getByLabel("Name").fill("Omid Jafarian");
  await expect(omid.locator("[data-testid=save-status]")).toContainText("Saved");
  await expect(pm.locator("#item-team\\.members ~ .last-change, #item-team\\.members + .last-change")).toContainText("Last changed by \u2068سارا احمدی\u2069");

  // The phase shows "changed since sign-off" with the diff.
  await pm.goto("/projects/1/phases/team");
  await expect(pm.locator(".gate-head [data-gate=changed]")).toBeVisible();
  const diff = pm.getByTestId("gate-changes");
  await expect(diff.locator("del")).toContainText("Omid Jafari");
  await expect(diff.locator("ins")).toContainText("Omid Jafarian");
  await shot(pm, "phase-changed-en");
  await switchLanguage(pm, "fa");
  await expect(pm.locator(".gate-head [data-gate=changed]")).toContainText("تغییر پس از امضا");
  await shot(pm, "phase-changed-fa");
  await switchLanguage(pm, "en");
  await pm.getByRole("button", { name: "Request sign-off" }).click();
  // The badge said "changed" before the request too; the request has landed once it can be withdrawn.
  await expect(pm.getByRole("button", { name: "Withdraw the request" })).toBeVisible();
  await expect(pm.locator(".gate-head [data-gate=changed]")).toBeVisible();

  // The executive signs again: the phase is signed, and the diff is gone.
  await exec.goto("/projects/1/phases/team");
  await expect(exec.getByTestId("gate-changes")).toContainText("Omid Jafarian");
  await exec.getByRole("button", { name: "Sign off this phase" }).click();
  await expect(exec.locator(".gate-head [data-gate=signed]")).toBeVisible();
  await expect(exec.getByTestId("gate-changes")).toHaveCount(0);
  await expect(exec.getByTestId("fingerprint")).not.toHaveText(signedFingerprint);

  // The audit trail shows all of it.
  await pm.goto("/projects/1/history");
  const history = pm.getByTestId("history");
  for (const action of ["invitation.create", "invitation.accept", "member.add", "row.add", "row.update", "signoff.requested", "signoff.approved", "signoff.reopened"]) {
    await expect(history.locator(`[data-action="${action}"]`).first(), action).toBeVisible();
  }
  await expect(history.locator('[data-action="signoff.approved"]')).toHaveCount(2);
  await expect(history.locator('[data-action="signoff.approved"]').first()).toContainText("Parisa Sohrabi signed off “Forming the project team”");
  await expect(history.locator('[data-action="row.update"]').first()).toContainText("Omid Jafarian");
  await expect(history.locator('[data-action="signoff.reopened"]')).toContainText("Omid's surname was misspelt.");
  await pm.getByLabel("Kind of change").selectOption("signoff");
  await pm.getByRole("button", { name: "Filter" }).click();
  await expect(history.locator(".history-entry")).toHaveCount(5);
  await shot(pm, "history-en");
  await switchLanguage(pm, "fa");
  await shot(pm, "history-fa");

  expect(pmErrors).toEqual([]);
  expect(execErrors).toEqual([]);
});

test("a viewer sees the project read-only, and a stranger's link to it is a 404", async ({ browser }) => {
  const viewer = await anonymousPage(browser);
  const errors = watchConsole(viewer);
  await viewer.goto("/projects/1");
  await expect(viewer).toHaveURL(/\/login\?returnTo=%2Fprojects%2F1$/);
  await switchLanguage(viewer, "fa");
  await shot(viewer, "login-fa");
  await viewer.locator("input[name=email]").fill("h.nazari@mehregan.example");
  await viewer.locator("input[name=password]").fill("gambegam-demo");
  await viewer.getByRole("button", { name: "ورود" }).last().click();
  await expect(viewer).toHaveURL(/\/projects\/1$/);
  await viewer.goto(stepOf(1, "vision.why-crm"));
  await expect(viewer.getByTestId("read-only")).toBeVisible();
  await expect(viewer.locator("#item-vision\\.why-crm textarea")).toBeDisabled();
  await shot(viewer, "step-viewer-fa");
  expect(errors).toEqual([]);
});
