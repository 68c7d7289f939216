/**
 * Every deliverable of both completed engagements, in both languages, printed
 * by LibreOffice and read back from the PDF as the client's reader meets it
 * (issue 17): no word or date broken at a line's end; "page X of Y" and the
 * contents list in the document's digits and pointing at the right pages;
 * no "not answered" text; no Persian in italics; no page left two-thirds
 * empty in the middle of a chapter.
 *
 * Needs LibreOffice, pdftotext and Chromium (for the diagrams); without them
 * it is skipped loudly, and with CI=true the test runner refuses to skip it.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { docxToPdfText, findSoffice, hasPdftotext } from "#tests/setup/docx.ts";
import { brokenWords, chapterTitles, contentsProblems, describeProblems, emptyPages, italicPersian, notAnsweredLines, pageNumberProblems, persianFaceNumbers, readPdf, vocabulary, type Page } from "#tests/setup/pdf-checks.ts";
import { seedCompletedEnglish, seedCompletedPersian } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import { createDiagramRenderer, findChromium } from "#app/domain/diagram-render.server.ts";
import { DELIVERABLE_IDS, type DeliverableId } from "#templates/model.ts";

const LANGS = ["fa", "en"] as const;
const ENGAGEMENTS = { persian: seedCompletedPersian, english: seedCompletedEnglish } as const;
/** Who exports each: its consultant. */
const EXPORTED_BY = { persian: "لیلا تهرانی", english: "Hannah Cole" } as const;
const NOT_ANSWERED = ["Not answered", "Nothing recorded", "هنوز پاسخی ثبت نشده", "هنوز چیزی ثبت نشده"];
const CONTENTS = { fa: "فهرست مطالب", en: "Contents" } as const;

const ready = Boolean(findSoffice() && hasPdftotext() && findChromium());
if (!ready) console.warn("SKIPPED: client-ready documents (needs LibreOffice, pdftotext and Chromium)");

type Printed = { docx: Buffer; pages: Page[]; persianFace: Map<number, string[]> };
const printed = new Map<string, Printed>();
const cases = (Object.keys(ENGAGEMENTS) as Array<keyof typeof ENGAGEMENTS>).flatMap((e) => DELIVERABLE_IDS.flatMap((id) => LANGS.map((lang) => [e, id, lang] as const)));
const key = (e: string, id: DeliverableId, lang: string) => `${e}-${id}-${lang}`;

let env: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  if (!ready) return;
  env = tempDatabase();
  const renderer = createDiagramRenderer();
  const files: Record<string, Buffer> = {};
  try {
    for (const [engagement, seed] of Object.entries(ENGAGEMENTS)) {
      const projectId = seed(env.db);
      const project = getProject(env.db, projectId)!;
      for (const id of DELIVERABLE_IDS)
        for (const lang of LANGS) {
          const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id, lang, actor: { id: null, name: EXPORTED_BY[engagement as keyof typeof EXPORTED_BY] }, renderer });
          files[key(engagement, id, lang)] = file.buffer;
        }
    }
  } finally {
    await renderer.close();
  }
  const pdfs = docxToPdfText(files);
  for (const [name, { pdf }] of Object.entries(pdfs)) {
    printed.set(name, { docx: files[name]!, pages: readPdf(pdf), persianFace: persianFaceNumbers(pdf) });
    if (process.env.KEEP_PDFS) {
      fs.copyFileSync(pdf, `${process.env.KEEP_PDFS}/${name}.pdf`);
      fs.writeFileSync(`${process.env.KEEP_PDFS}/${name}.docx`, files[name]!);
    }
  }
}, 600_000);
afterAll(() => env?.cleanup());

describe.skipIf(!ready).each(cases)("%s engagement: %s (%s)", (engagement, id, lang) => {
  const doc = () => printed.get(key(engagement, id, lang))!;

  it("has no word or date broken at the end of a line", () => {
    expect(describeProblems(brokenWords(doc().pages, vocabulary(doc().docx)))).toBe("");
  });

  it("numbers its pages in the document's digits (as drawn: Persian documents draw them in a Persian-digit face): page X of Y on every page after the cover", () => {
    expect(describeProblems(pageNumberProblems(doc().pages, lang, doc().persianFace))).toBe("");
  });

  it("has a contents list in the document's digits whose every entry points at the page of its heading", () => {
    expect(describeProblems(contentsProblems(doc().pages, lang, CONTENTS[lang], doc().persianFace))).toBe("");
  });

  it("says nowhere that something was not answered or not recorded", () => {
    expect(describeProblems(notAnsweredLines(doc().pages, NOT_ANSWERED))).toBe("");
  });

  it("sets no Persian text in italics", () => {
    expect(italicPersian(doc().docx)).toEqual([]);
  });

  it("leaves no page less than a third full except where a chapter ends", () => {
    expect(describeProblems(emptyPages(doc().pages, chapterTitles(doc().docx)))).toBe("");
  });
});
