import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { shot, switchLanguage, watchConsole } from "./helpers.ts";

test.describe("Word deliverables", () => {
  test("download the scope document in Persian and English, with real diagrams, and set the project's branding", async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto("/projects/1/documents");
    await switchLanguage(page, "fa");
    await expect(page.getByRole("heading", { name: "اسناد", level: 2 })).toBeVisible();
    await expect(page.locator("[data-deliverable]")).toHaveCount(7);
    await shot(page, "documents-fa");

    const scope = page.locator('[data-deliverable="scope-document"]');
    const [download] = await Promise.all([page.waitForEvent("download"), scope.getByRole("button", { name: "دریافت به فارسی" }).click()]);
    expect(download.suggestedFilename()).toBe("scope-document-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx");
    const file = await download.path();
    const parts = unzipSync(new Uint8Array(fs.readFileSync(file!)));
    // The team structure and the current process map, drawn by the server's Chromium (SVG with a PNG
    // fallback); the roadmap Gambegam draws goes in as a PNG only (decision 027).
    const svgs = Object.keys(parts).filter((p) => /^word\/media\/.+\.svg$/.test(p));
    expect(svgs.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(parts).filter((p) => /^word\/media\/.+\.png$/.test(p)).length).toBeGreaterThanOrEqual(3);
    expect(strFromU8(parts["word/document.xml"]!)).toContain("<w:bidi/>");

    // The page now shows the version and who downloaded it.
    await page.reload();
    await expect(scope.locator("[data-version]")).toContainText("نسخه ۱");

    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { name: "Documents", level: 2 })).toBeVisible();
    const [english] = await Promise.all([page.waitForEvent("download"), scope.getByRole("button", { name: "Download in English" }).click()]);
    expect(english.suggestedFilename()).toBe("scope-document-شرکت-صنایع-غذایی-مهرگان-v1-en.docx");
    // The buttons post a form (a download records a version): the page stays where it was.
    await expect(page).toHaveURL(/\/projects\/1\/documents$/);

    // The project's data, by its button too.
    const [data] = await Promise.all([page.waitForEvent("download"), page.getByTestId("project-data").getByRole("button", { name: "Export project data (JSON)" }).click()]);
    expect(data.suggestedFilename()).toMatch(/^project-data-شرکت-صنایع-غذایی-مهرگان-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(fs.readFileSync((await data.path())!, "utf8")).format).toBe("gambegam-project");
    await expect(page).toHaveURL(/\/projects\/1\/documents$/);

    // A bad colour is refused next to the field, keeping the firm name typed.
    await page.getByLabel("Firm name").fill("Arman Advisory");
    await page.locator("#primaryColor").fill("blue");
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.locator("#primaryColor-error")).toContainText("six hex digits");
    await expect(page.getByLabel("Firm name")).toHaveValue("Arman Advisory");
    await page.locator("#primaryColor").fill("#7A1F5C");
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByText("Branding saved.")).toBeVisible();
    await expect(page.locator(".brand-preview")).toContainText("Arman Advisory");
    await shot(page, "documents-en");
    // The refused colour is the one expected 400; nothing else may be logged.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    expect(errors.filter((e) => e.includes("status of 400"))).toHaveLength(1);
  });

  test("a document being made says so and cannot be asked for twice; it arrives as a file and the page shows its version (Persian and English)", async ({ page }) => {
    const errors = watchConsole(page);
    let posts = 0;
    // The answer is held back a moment, so the wait can be seen however fast the server is.
    await page.route("**/documents/vision-minutes/download", async (route) => {
      posts++;
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 1500));
      await route.fulfill({ response });
    });
    await page.goto("/projects/1/documents");
    const card = page.locator('[data-deliverable="vision-minutes"]');
    const rounds = [
      { lang: "fa", button: "دریافت به فارسی", making: "در حال ساختن سند فارسی…", wait: "گام‌به‌گام سند را می‌سازد", file: /^vision-minutes-.+-v1-fa\.docx$/, version: "نسخه ۱" },
      { lang: "en", button: "Download in English", making: "Making the English document…", wait: "The document is being made", file: /^vision-minutes-.+-v1-en\.docx$/, version: "Version 1" },
    ] as const;
    for (const r of rounds) {
      await switchLanguage(page, r.lang);
      const before = posts;
      const downloading = page.waitForEvent("download");
      // A double click, as the trial's users did while nothing seemed to happen.
      await card.getByRole("button", { name: r.button }).dblclick();
      await expect(card.locator("button.making")).toHaveText(r.making);
      await expect(card.getByRole("status")).toContainText(r.wait);
      const buttons = card.locator(".deliverable-downloads button");
      for (let i = 0; i < (await buttons.count()); i++) await expect(buttons.nth(i)).toBeDisabled();
      await shot(page, `document-being-made-${r.lang}`);
      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(r.file);
      expect(unzipSync(new Uint8Array(fs.readFileSync((await file.path())!)))["word/document.xml"]).toBeTruthy();
      await expect(buttons.first()).toBeEnabled();
      await expect(card.getByRole("status")).toHaveText("");
      // Without a reload, the page says which version was made.
      await expect(card.locator("[data-version]")).toContainText(r.version);
      expect(posts - before).toBe(1);
    }
    await expect(page).toHaveURL(/\/projects\/1\/documents$/);
    expect(errors).toEqual([]);
  });

  test("the project home shows the roadmap and the team page the team structure, as diagrams and tables", async ({ page }) => {
    const errors = watchConsole(page);
    for (const lang of ["fa", "en"] as const) {
      await page.goto("/projects/1");
      await switchLanguage(page, lang);
      const roadmap = page.locator("section", { has: page.locator("#roadmap-heading") });
      await expect(roadmap.locator(".diagram-svg svg")).toBeVisible();
      // Each stage's dates as the documents write them, start first.
      await expect(roadmap.locator(".diagram-svg")).toContainText(lang === "fa" ? "۱ دی ۱۴۰۵ تا ۳۱ خرداد ۱۴۰۶" : "22 December 2026 – 21 June 2027");
      await shot(page, `home-roadmap-${lang}`);
      await page.goto("/projects/1/team");
      const structure = page.locator("section", { has: page.locator("#structure-heading") });
      await expect(structure.locator(".diagram-svg svg")).toBeVisible();
      await expect(structure.locator(".diagram-svg")).toContainText("سارا احمدی");
      await structure.getByText(lang === "fa" ? "نمایش به‌صورت جدول" : "Show as a table").click();
      await expect(structure.locator("table")).toContainText("رضا موسوی");
      await shot(page, `team-structure-${lang}`);
    }
    expect(errors).toEqual([]);
  });
});
