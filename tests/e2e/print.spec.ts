import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { readPdf, lineText, fold } from "../setup/pdf-checks.ts";
import { pack, shot, signedIn, stepOf, switchLanguage, watchConsole } from "./helpers.ts";
import type { RegisterItem } from "../../methodology/schema.ts";

/**
 * Issue 20, items 3 and 5 (decision 048): a step, register or planning page
 * printed is a document — answers as text, every column of a register, no
 * form controls or navigation, the project, phase and step on top — and a
 * register's table on the step page shows the columns its pack names,
 * scrolling inside its own frame on a phone.
 */
const PDFS = path.resolve("tests/.artifacts/print");
fs.mkdirSync(PDFS, { recursive: true });

/** Print media, once the page has hydrated: the print line's date is set in the browser (it must not be in the server's HTML, which the page memo keeps across days). */
async function printMedia(page: Page) {
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("print-stamp")).toContainText(/چاپ: |Printed on /);
}

/** Form controls and navigation a reader would see on the printed page (none should remain). */
async function visibleChrome(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("input, textarea, select, button, nav, [role=navigation]")]
      .filter((el) => (el as HTMLElement).checkVisibility?.() && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0)
      .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""}: ${(el.textContent ?? "").trim().slice(0, 40)}`),
  );
}

/**
 * The text of a printed PDF, as typed (right-to-left words put back in order), without spaces or
 * zero-width non-joiners: pdftotext breaks Persian words at a non-joiner ("فعا ل‌اند"), so phrases
 * are compared with their spacing taken out.
 */
function pdfText(file: string): string {
  return readPdf(file)
    .flatMap((p) => p.blocks.flatMap((b) => b.lines))
    .map(lineText)
    .join("\n");
}
const flat = (s: string) => fold(s.normalize("NFKC").replace(/[\s\u200c]/g, ""));

/** The page's Print button calls the browser's print. */
async function printButtonPrints(page: Page, name: string) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.locator("main").getByRole("button", { name, exact: true }).click({ timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
}

test("a Persian step page printed: the project, phase and step on top, answers and every register column as text, 'not answered' once, no form controls or navigation", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(stepOf(1, "vision.segments"));
  await switchLanguage(page, "fa");
  await printButtonPrints(page, "چاپ");
  // An answer of this step as the screen shows it (the e2e run shares one database: another spec may have changed it).
  const answer = (await page.locator("#item-vision\\.value-proposition textarea").inputValue()).trim().split("\n")[0]!.slice(0, 40).trim();
  expect(answer.length).toBeGreaterThan(5);

  await printMedia(page);
  expect(await visibleChrome(page)).toEqual([]);
  const main = page.locator("body");
  await expect(main.getByText("پیاده‌سازی CRM مهرگان").first()).toBeVisible();
  const where = pack.phases.flatMap((p) => p.steps.map((s) => ({ p, s }))).find((x) => x.s.items.some((i) => i.id === "vision.segments"))!;
  await expect(page.getByRole("heading", { name: where.s.title.fa }).first()).toBeVisible();
  await expect(page.locator("main .section-head").getByText(where.p.title.fa)).toBeVisible();
  // An answer, as text.
  await expect(main.getByText(answer, { exact: false }).first()).toBeVisible();
  // A register's column the step's table leaves out (its rationale), printed.
  // (By its label: another spec in the shared e2e database may have changed the demo's rows.)
  await expect(main.getByText("دلیل تصمیم", { exact: false }).first()).toBeVisible();
  // A question nobody answered says so, once.
  const unanswered = page.locator("#item-vision\\.customisation");
  await expect(unanswered.getByText("پاسخ داده نشده", { exact: true })).toHaveCount(1);
  await expect(unanswered.getByText("پاسخ داده نشده", { exact: true })).toBeVisible();
  await shot(page, "print-step-fa");

  const file = path.join(PDFS, "step-fa.pdf");
  await page.pdf({ path: file, format: "A4", printBackground: true });
  const text = pdfText(file);
  expect(flat(text)).toContain(flat(answer));
  expect(flat(text)).toContain(flat("دلیل تصمیم"));
  expect(flat(text)).toContain(flat("پاسخ داده نشده"));
  expect(flat(text)).not.toContain(flat("ذخیره"));
  expect(text).not.toMatch(/Save/);
  // Latin digits only where a user typed them in Latin text (another spec adds English rows with numbers).
  const latinDigitsOfOurs = (l: string) => /[0-9]/.test(l) && !/[A-Za-z]{2}/.test(l);
  expect(text.split("\n").filter(latinDigitsOfOurs)).toEqual([]);
  // The goals register printed as one block per row: its row numbers in Persian digits too.
  await page.emulateMedia({ media: "screen" });
  await page.goto(stepOf(1, "goals.register"));
  await printMedia(page);
  const goalsFile = path.join(PDFS, "step-goals-fa.pdf");
  await page.pdf({ path: goalsFile, format: "A4", printBackground: true });
  const goalsText = pdfText(goalsFile);
  expect(flat(goalsText)).toContain(flat("کاهش نرخ ریزش مشتری"));
  expect(goalsText.split("\n").filter(latinDigitsOfOurs)).toEqual([]);
  expect(overprinted(goalsFile)).toEqual([]);
  expect(errors).toEqual([]);
});

test("an English register page printed: every column of the goals register, no Save, no controls", async ({ browser }) => {
  const page = await signedIn(browser, "d.osei@alderfinch.example", "en");
  const errors = watchConsole(page);
  await page.goto(stepOf(2, "goals.register"));
  await printButtonPrints(page, "Print");
  await printMedia(page);
  expect(await visibleChrome(page)).toEqual([]);
  const goals = page.locator("#item-goals\\.register");
  // Columns the step's table does not show: how it is measured, the reason for its technology level.
  await expect(goals.getByText("CRM case report: calendar days from opening to confirmed fix, monthly average.")).toBeVisible();
  await expect(goals.getByText("Needs cases on one record with owners and ages.")).toBeVisible();
  await shot(page, "print-register-en");

  const file = path.join(PDFS, "register-en.pdf");
  await page.pdf({ path: file, format: "A4", printBackground: true });
  const text = pdfText(file);
  expect(flat(text)).toContain(flat("CRM case report: calendar days from opening to confirmed fix, monthly average."));
  expect(flat(text)).toContain(flat("Resolve service cases faster"));
  expect(text).not.toMatch(/\bSave\b/);
  expect(text).not.toMatch(/Add a row/);
  expect(errors).toEqual([]);
});

const PLANNING_PAGES = ["team", "strategy", "journey", "prioritisation", "roadmap", "traceability", "health", "change-management", "post-launch-review", "selection"];

test("every planning page has a Print button and prints without form controls or navigation", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.goto("/projects/1");
  await switchLanguage(page, "en");
  for (const name of PLANNING_PAGES) {
    await page.emulateMedia({ media: "screen" });
    await page.goto(`/projects/1/${name}`);
    await printButtonPrints(page, "Print");
    await printMedia(page);
    expect(await visibleChrome(page), name).toEqual([]);
    await expect(page.getByText("پیاده‌سازی CRM مهرگان").first(), name).toBeVisible();
    await expect(page.getByTestId("print-stamp"), name).toBeVisible();
    const file = path.join(PDFS, `planning-${name}-en.pdf`);
    await page.pdf({ path: file, format: "A4", printBackground: true });
    expect(overprinted(file), name).toEqual([]);
  }
  expect(errors).toEqual([]);
});

test("the goals table on its step shows goal, indicator, baseline, target, priority and stage; on a phone it scrolls in its frame, never the page", async ({ page }) => {
  const errors = watchConsole(page);
  const goals = pack.phases.flatMap((p) => p.steps.flatMap((s) => s.items)).find((i) => i.id === "goals.register") as RegisterItem;
  const label = (id: string, lang: "fa" | "en") => goals.columns.find((c) => c.id === id)!.label[lang];
  await page.goto(stepOf(1, "goals.register"));
  await switchLanguage(page, "en");
  const table = page.locator("#item-goals\\.register table.register-table");
  await expect(table.locator("thead th")).toHaveText(["#", ...["goal", "kpi", "baseline", "target", "priority", "stage"].map((c) => label(c, "en"))]);
  await expect(table.locator("tbody tr").first().locator("td")).toHaveCount(7);

  for (const lang of ["fa", "en"] as const) {
    await switchLanguage(page, lang);
    for (const width of [390, 768, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator("#item-goals\\.register").scrollIntoViewIfNeeded();
      await shot(page, `register-columns-${lang}-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${lang} ${width}`).toBe(true);
    }
  }
  // At 390 px the table is wider than its frame: the frame is a labelled, focusable region that scrolls.
  await page.setViewportSize({ width: 390, height: 900 });
  const frame = page.locator("#item-goals\\.register div[role=region]");
  await expect(frame).toHaveAccessibleName(goals.title.en);
  await expect(frame).toHaveAttribute("tabindex", "0");
  const sizes = await frame.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  await frame.focus();
  const before = await frame.evaluate((el) => el.scrollLeft);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).not.toBe(before);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(errors).toEqual([]);
});

test("a register shown a page at a time prints the rows of that page and says which", async ({ page }) => {
  const created = await page.request.post("/projects/new", {
    form: { name: `Printed pages ${Date.now()}`, clientOrganisation: "Paging Ltd", deliverableLanguage: "en", startDate: "2026-11-23", pack: "crm-implementation@1.0.0" },
    maxRedirects: 0,
  });
  const projectId = created.headers()["location"]!.split("/").pop()!;
  for (let i = 1; i <= 27; i++) {
    const r = await page.request.post(stepOf(projectId, "vision.decisions"), { form: { intent: "row-add", itemId: "vision.decisions", "c.decision": `Decision ${i}` } });
    expect(r.status()).toBe(200);
  }
  await page.goto(`${stepOf(projectId, "vision.decisions")}?page.vision.decisions=2`);
  await switchLanguage(page, "en");
  await printMedia(page);
  const decisions = page.locator("#item-vision\\.decisions");
  await expect(decisions.locator("table.print-table tbody tr")).toHaveCount(2);
  await expect(decisions.locator("table.print-table").getByText("Decision 27", { exact: true })).toBeVisible();
  await expect(decisions.getByText("This print shows rows 26–27 of 27; open the register's other pages to print the rest.")).toBeVisible();
  // An empty register says so once.
  await expect(page.locator("#item-vision\\.open-points").getByText("No rows recorded", { exact: true })).toBeVisible();
  expect(await visibleChrome(page)).toEqual([]);
});

/**
 * Words printed over other words (issue 20 review, H1): two word boxes of one PDF page that
 * cross each other by more than a sliver. Words of one line touch at most at their edges.
 */
function overprinted(file: string): string[] {
  const found: string[] = [];
  for (const p of readPdf(file)) {
    const words = p.blocks.flatMap((b) => b.lines.flatMap((l) => l.words.map((w) => ({ ...w, line: l }))));
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        const a = words[i]!;
        const b = words[j]!;
        // pdftotext splits a Persian word at its zero-width non-joiner into two boxes that share a glyph's edge.
        if (a.line === b.line && /\u200c/.test(a.text + b.text)) continue;
        const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        const h = Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
        if (x > 1.5 && y > 0.35 * h) found.push(`page ${p.number}: «${a.text}» over «${b.text}»`);
      }
    }
  }
  return found;
}

/** The lines of each page of a PDF, as text. */
const pageTexts = (file: string) => readPdf(file).map((p) => p.blocks.flatMap((b) => b.lines).map(lineText));

test("the prioritisation and roadmap pages printed in both languages: no text over text where rows reach a page break, no screen-only notices or links, a line with the print date and the phase's state, page numbers, Persian digits in Persian", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { formatDate, localDigits } = await import("../../app/views/format.ts");
  const today = new Date().toISOString().slice(0, 10);
  const goalsPhase = pack.phases.find((p) => p.steps.some((s) => s.items.some((i) => i.id === "goals.register")))!;
  const english = await signedIn(browser, "d.osei@alderfinch.example", "en");
  const runs = [
    { lang: "fa" as const, p: page, project: 1 },
    { lang: "en" as const, p: english, project: 2 },
  ];
  /**
   * What each page shows on screen only, in each run (the English project's goals phase is signed,
   * so its scores are locked and the page says so; the Persian project's is a draft).
   */
  const screenOnly = (name: string, lang: "fa" | "en", project: number): string[] =>
    name === "prioritisation"
      ? [
          ...(lang === "en" ? ["Each change is saved at once", "See these goals on the roadmap"] : ["هر تغییر همان لحظه ذخیره می‌شود", "دیدن این اهداف در نقشه راه"]),
          ...(project === 2 ? ["Your text is kept here"] : []),
        ]
      : lang === "en"
        ? ["Back to prioritisation", "Gambegam warns when", "Thresholds set for this project"]
        : ["بازگشت به اولویت‌بندی", "گام‌به‌گام هشدار می‌دهد", "آستانه‌های تعیین‌شده برای این پروژه"];
  for (const { lang, p, project } of runs) {
    await p.goto(`/projects/${project}`);
    await switchLanguage(p, lang);
    for (const name of ["prioritisation", "roadmap"]) {
      await p.emulateMedia({ media: "screen" });
      await p.goto(`/projects/${project}/${name}`);
      const what = `${name} ${lang}`;
      // Each screen-only text is on the screen first, so that its absence from paper means something.
      for (const s of screenOnly(name, lang, project)) await expect(p.getByText(s).first(), `${what}: ${s} on screen`).toBeVisible();
      await printMedia(p);
      const file = path.join(PDFS, `${name}-${lang}.pdf`);
      await p.pdf({ path: file, format: "A4", printBackground: true });
      const pages = pageTexts(file);
      // Rows reach a page break: the register goes on to a second page at least. Where the break
      // falls depends on the paper, so the page is also printed on a few shorter sheets: a break then
      // falls inside other rows and sections (a grid section split over pages printed text over text
      // on 210, 250 and 270 mm sheets but not on A4: issue 20 review, H1).
      expect(pages.length, what).toBeGreaterThan(1);
      expect(overprinted(file), what).toEqual([]);
      for (const mm of [210, 250, 270]) {
        const other = path.join(PDFS, `${name}-${lang}-${mm}.pdf`);
        await p.pdf({ path: other, width: "210mm", height: `${mm}mm`, printBackground: true });
        expect(overprinted(other), `${what} on a sheet ${mm} mm tall`).toEqual([]);
      }
      const text = flat(pages.flat().join("\n"));
      for (const s of screenOnly(name, lang, project)) expect(text, `${what}: ${s}`).not.toContain(flat(s));
      // The print line: when it was printed (Jalali in Persian) and the state of the goals phase.
      expect(text, what).toContain(flat(lang === "en" ? `Printed on ${formatDate(today, "en")}` : `چاپ: ${formatDate(today, "fa")}`));
      expect(text, what).toContain(flat(lang === "en" ? "signed off by" : "امضانشده"));
      await expect(p.getByTestId("print-stamp"), what).toContainText(`${goalsPhase.title[lang]}: ${lang === "en" ? "signed off by" : "پیش‌نویس، امضانشده"}`);
      // Each sheet says its page number, of how many.
      pages.forEach((lines, i) => {
        const n = (k: number) => localDigits(k, lang);
        // (pdftotext gives the Persian "page" word's letters out of order: the number is checked.)
        const wanted = flat(lang === "en" ? `Page ${i + 1} of ${pages.length}` : `${n(i + 1)} از ${n(pages.length)}`);
        expect(lines.slice(-3).some((l) => flat(l).includes(wanted)), `${what} page ${i + 1}: ${lines.slice(-3).join(" | ")}`).toBe(true);
      });
      // Persian digits throughout a Persian printout.
      if (lang === "fa") expect(pages.flat().filter((l) => /[0-9]/.test(l)), what).toEqual([]);
    }
  }
});

test("on a phone, a register scrolled sideways in its frame keeps the row number and the first column in view (both languages)", async ({ page }) => {
  await page.goto(stepOf(1, "goals.register"));
  await page.setViewportSize({ width: 390, height: 844 });
  for (const lang of ["fa", "en"] as const) {
    await switchLanguage(page, lang);
    const frame = page.locator("#item-goals\\.register div[role=region]");
    await frame.scrollIntoViewIfNeeded();
    // Scrolled to the far end of the frame (the inline end: left in Persian, right in English).
    await frame.evaluate((el) => { el.scrollLeft = getComputedStyle(el).direction === "rtl" ? -el.scrollWidth : el.scrollWidth; });
    await expect.poll(() => frame.evaluate((el) => Math.abs(el.scrollLeft))).toBeGreaterThan(50);
    const inView = await frame.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const row = el.querySelector("tbody tr")!;
      return [...row.children].slice(0, 2).map((cell) => {
        const r = cell.getBoundingClientRect();
        return r.left >= box.left - 1 && r.right <= box.right + 1 ? true : `${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`;
      });
    });
    await frame.screenshot({ path: path.resolve(`tests/.artifacts/screenshots/register-sticky-${lang}-390.png`) });
    expect(inView, lang).toEqual([true, true]);
    // The last column is reached, and the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
});
