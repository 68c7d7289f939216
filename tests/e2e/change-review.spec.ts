import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { shot, switchLanguage, watchConsole } from "./helpers.ts";

/** Opens a register's new-row form (it is already open while the register is empty) and returns it. */
async function newRow(page: Page, itemId: string): Promise<Locator> {
  const details = page.locator(`#item-${itemId.replace(/\./g, "\\.")} .new-row`);
  if ((await details.getAttribute("open")) === null) await details.locator("> summary").click();
  return page.locator(`form[id='new-row-${itemId}']`);
}

async function addRow(page: Page, itemId: string, fill: (form: Locator) => Promise<void>) {
  const form = await newRow(page, itemId);
  await fill(form);
  await form.getByRole("button", { name: "Add row" }).click();
}

test.describe("change management and post-launch review", () => {
  test("score readiness, add an impacted group, a communication and a training item, enter two periods of adoption, see the charts, download both documents", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/change-management");
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { name: "Change management", level: 2 })).toBeVisible();

    // The demo's readiness radar is drawn on the server; one topic is still unscored.
    const chart = page.getByTestId("readiness-chart").locator("svg");
    await expect(chart).toBeVisible();
    await expect(chart).toContainText("not scored");
    await expect(page.getByTestId("readiness-verdict")).toContainText("8 of 9 topics scored");
    const topic = page.locator("#item-team\\.readiness-celebrate-excellence");
    await topic.locator('input[name=score][value="1"]').check();
    await topic.locator("textarea[name=evidence]").fill("Nobody has defined excellence yet.");
    await expect(topic.getByTestId("save-status")).toContainText("Saved");
    await expect(page.getByTestId("readiness-verdict")).toContainText("9 of 9 topics scored");
    await expect(chart).not.toContainText("not scored");
    await expect(chart).toContainText("Celebrating excellence");
    await expect(page.getByTestId("readiness-verdict")).toContainText("Outside help is advised");

    // An impacted group with large change and high resistance, but no sponsor, is flagged.
    await addRow(page, "requirements.impacted-groups", async (f) => {
      await f.getByLabel("Group").fill("Partner call centre");
      await f.getByLabel("Change to processes").selectOption("4");
      await f.getByLabel("Change to tools").selectOption("5");
      await f.getByLabel("Expected resistance").selectOption("high");
    });
    await expect(page.getByTestId("impact-table")).toContainText("Partner call centre");
    await expect(page.getByTestId("impact-attention")).toContainText("Partner call centre: large change met with high resistance");
    await expect(page.getByTestId("impact-attention")).toContainText("Partner call centre: its work changes but no sponsor answers for it.");

    await addRow(page, "requirements.communication-plan", async (f) => {
      await f.getByLabel("Audience").fill("Partner call centre");
      await f.getByLabel("Message").fill("What changes for you on 1 May, and where to get help");
      await f.getByLabel("Channel").selectOption("video");
    });
    await expect(page.locator("#item-requirements\\.communication-plan")).toContainText("What changes for you on 1 May");
    await addRow(page, "requirements.training-scope", async (f) => {
      await f.locator("[name='c.audience']").fill("Partner call centre agents");
      await f.getByLabel("Audience type").selectOption("third-party");
      await f.getByLabel("Trainer").fill("Leila Tehrani");
    });
    await expect(page.locator("#item-requirements\\.training-scope")).toContainText("Partner call centre agents");
    await shot(page, "change-management-en");
    await switchLanguage(page, "fa");
    await expect(page.getByTestId("readiness-chart").locator("svg")).toContainText("۱ از ۵");
    await shot(page, "change-management-fa");

    // Post-launch review: two periods of adoption for two groups.
    await page.goto("/projects/1/post-launch-review");
    await switchLanguage(page, "en");
    await expect(page.getByTestId("adoption-chart")).toContainText("No adoption figures yet");
    const periods = [
      ["2027-06-20", "Sales reps", "20", "45"],
      ["2027-06-20", "Call centre", "9", "12"],
      ["2027-07-20", "Sales reps", "36", "45"],
      ["2027-07-20", "Call centre", "11", "12"],
    ] as const;
    for (const [period, group, active, licensed] of periods) {
      await addRow(page, "review.adoption", async (f) => {
        await f.getByLabel("Period ending").fill(period);
        await f.getByLabel("User group").fill(group);
        await f.getByLabel("Active users").fill(active);
        await f.getByLabel("Licensed users").fill(licensed);
      });
      await expect(page.locator("#item-review\\.adoption .register-table")).toContainText(group);
    }
    const adoption = page.getByTestId("adoption-chart").locator("svg");
    await expect(adoption).toBeVisible();
    await expect(adoption).toContainText("Sales reps");
    await expect(adoption).toContainText("All groups");
    await expect(adoption).toContainText("80%, six months after go-live");
    // 47 of 57 in the second period: 82.5%; there is no go-live date yet to compare it with.
    await expect(page.getByTestId("adoption-verdict")).toContainText("Latest overall adoption: 82.5%");
    await expect(page.getByTestId("adoption-verdict")).toContainText("Record the go-live date");
    await page.getByTestId("adoption-chart").getByText("Show as a table").click();
    await expect(page.getByTestId("adoption-chart").locator("table")).toContainText("80% (36 of 45)");
    await shot(page, "post-launch-review-en");
    await switchLanguage(page, "fa");
    await expect(page.getByTestId("adoption-chart").locator("svg")).toContainText("همه گروه‌ها");
    await shot(page, "post-launch-review-fa");

    // Both documents download, with the charts as pictures.
    await page.goto("/projects/1/documents");
    await switchLanguage(page, "en");
    await expect(page.locator("[data-deliverable]")).toHaveCount(7);
    for (const id of ["change-management-plan", "post-launch-review"]) {
      const card = page.locator(`[data-deliverable="${id}"]`);
      const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "Download in English" }).click()]);
      expect(download.suggestedFilename()).toBe(`${id}-شرکت-صنایع-غذایی-مهرگان-v1-en.docx`);
      const parts = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
      const xml = strFromU8(parts["word/document.xml"]!);
      expect(Object.keys(parts).filter((p) => /^word\/media\/.+\.png$/.test(p)).length, id).toBeGreaterThanOrEqual(1);
      expect(xml).toContain(id === "change-management-plan" ? "Partner call centre" : "Sales reps");
    }
    expect(errors).toEqual([]);
  });
});
