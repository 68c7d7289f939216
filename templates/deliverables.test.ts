/**
 * Every deliverable in both languages, checked in layers: the package and
 * its XML, the content and right-to-left markers, schema validation of a
 * reference document, and (with LibreOffice) the text of the PDF it prints to.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import validate from "@ooxml-tools/validate";
import { tempDatabase } from "#tests/setup/db.ts";
import { docxToPdfText, documentText, findSoffice, hasPdftotext, malformedParts, unzipDocx, withPart, xmlParts } from "#tests/setup/docx.ts";
import { FIXTURE_TEXT, seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable, deliverableFileName, latestVersion } from "#app/domain/deliverables.server.ts";
import { contentDisposition } from "#app/domain/downloads.server.ts";
import { saveBranding } from "#app/domain/branding.server.ts";
import { DEMO_PROJECT } from "#db/demo-content.ts";
import type { DeliverableId } from "#templates/model.ts";

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="10" y="50">diagram</text></svg>');
/** Draws every diagram as the same small picture (the real renderer has its own tests). */
const fakeRenderer = {
  calls: 0,
  charts: [] as string[],
  available: () => true,
  close: async () => undefined,
  stats: () => ({ renders: 0, cacheHits: 0, launches: 0, memoryEntries: 0, memoryBytes: 0 }),
  render: async () => ((fakeRenderer.calls++, { ok: true as const, cached: false, diagram: { svg: SVG, png: PNG_1PX, width: 200, height: 100 } })),
  rasterise: async (svg: string) => ((fakeRenderer.charts.push(svg), { ok: true as const, cached: false, diagram: { svg: Buffer.from(svg), png: PNG_1PX, width: 720, height: 420 } })),
};

const IDS: DeliverableId[] = ["scope-document", "vision-minutes", "go-no-go", "change-management-plan", "post-launch-review"];
const LANGS = ["fa", "en"] as const;
const actor = { id: null, name: "Test Consultant" };

let env: ReturnType<typeof tempDatabase>;
let projectId: number;
const docs = new Map<string, Buffer>();
const names = new Map<string, string>();

beforeAll(async () => {
  env = tempDatabase();
  projectId = seedDeliverableProject(env.db);
  const project = getProject(env.db, projectId)!;
  for (const id of IDS) {
    for (const lang of LANGS) {
      const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id, lang, actor, renderer: fakeRenderer });
      docs.set(`${id}-${lang}`, file.buffer);
      names.set(`${id}-${lang}`, file.fileName);
    }
  }
}, 120_000);
afterAll(() => env.cleanup());

describe.each(IDS.flatMap((id) => LANGS.map((lang) => [id, lang] as const)))("%s (%s)", (id, lang) => {
  const doc = () => docs.get(`${id}-${lang}`)!;

  it("is a package whose every XML part is well-formed, with the Persian font embedded", () => {
    const parts = unzipDocx(doc());
    expect(parts.has("word/document.xml")).toBe(true);
    expect([...parts.keys()].some((p) => /^word\/fonts\/.+\.odttf$/.test(p))).toBe(true);
    expect(malformedParts(doc())).toEqual([]);
  });

  it("carries the project's real content, a title page, a contents field and page X of Y", () => {
    const text = documentText(doc());
    expect(text).toContain(DEMO_PROJECT.name);
    expect(text).toContain(DEMO_PROJECT.clientOrganisation);
    const xml = xmlParts(doc()).get("word/document.xml")!;
    expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    const footers = [...xmlParts(doc())].filter(([n]) => n.startsWith("word/footer")).map(([, x]) => x).join("");
    expect(footers).toMatch(/PAGE/);
    expect(footers).toMatch(/NUMPAGES/);
    const headers = [...xmlParts(doc())].filter(([n]) => n.startsWith("word/header")).map(([n]) => documentText(doc(), n)).join(" ");
    expect(headers).toContain(lang === "fa" ? "نسخه ۱" : "v1");
    // The project's name (Persian with "CRM" in it) is one run: in an English header it is embedded
    // right to left as a whole, or its words would swap places around "CRM".
    const headerXml = [...xmlParts(doc())].filter(([n]) => n.startsWith("word/header")).map(([, x]) => x).join("");
    if (lang === "en") expect(headerXml).toContain(`>\u202B${DEMO_PROJECT.name}\u202C</w:t>`);
    else expect(headers).toContain(`${DEMO_PROJECT.name} — `);
    if (id === "scope-document") {
      expect(text).toContain("یک پرونده مشتری برای فروش، پخش و خدمات");
      // The goals ranked as the prioritisation page ranks them: weighted scores, best first, each with its stage.
      const from = text.indexOf(lang === "fa" ? "تیم اهداف را با امتیازدهی وزنی" : "The team ranked the goals by weighted scoring");
      expect(from).toBeGreaterThan(0);
      const ranking = text.slice(from, text.indexOf(lang === "fa" ? "رتبه‌بندی اهداف" : "Goal ranking", from));
      const rows = lang === "fa"
        ? ["۱کاهش نرخ ریزش مشتری۴٫۱۷مرحله ۱", "۲کاهش زمان رسیدگی به شکایت۳٫۱۷مرحله ۱", "۳افزایش سهم از کیف پول مشتری۲٫۶۷مرحله ۲", "۴افزایش کانال‌های ارتباط با مشتری۱٫۶۷مرحله ۳"]
        : ["1کاهش نرخ ریزش مشتری4.17مرحله ۱", "2کاهش زمان رسیدگی به شکایت3.17مرحله ۱", "3افزایش سهم از کیف پول مشتری2.67مرحله ۲", "4افزایش کانال‌های ارتباط با مشتری1.67مرحله ۳"];
      const at = rows.map((r) => ranking.indexOf(r));
      expect(at.every((i) => i >= 0), ranking).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      // The criteria behind it, and the value/effort matrix's key to its numbered points.
      expect(text).toContain(lang === "fa" ? "امتیاز هر هدف در هر معیار" : "Scores of each goal on each criterion");
      expect(text).toContain(lang === "fa" ? "کاهش نرخ ریزش مشتری۱۵۲برد سریع" : "کاهش نرخ ریزش مشتری152Quick win");
    }
    if (id === "vision-minutes") expect(text).toContain("ما هر فروشگاه را یک شریک می‌دانیم");
    // What customers told us (decision 033): a section of its own in the minutes and the scope document, with method and how many.
    if (id === "vision-minutes" || id === "scope-document") {
      const finding = text.indexOf("کسری بار را دیر می‌فهمند");
      expect(finding, id).toBeGreaterThan(0);
      const before = text.slice(Math.max(0, finding - 400), finding);
      expect(before).toContain(lang === "fa" ? "آنچه مشتریان گفتند" : "What customers said");
      expect(before).toContain(lang === "fa" ? "مصاحبه" : "Interview");
      const section = text.slice(finding, finding + 1500);
      expect(section).toContain(lang === "fa" ? "۱۴۶" : "146");
    }
    if (id === "go-no-go") {
      expect(text).toContain(FIXTURE_TEXT.condition);
      expect(text).toContain(FIXTURE_TEXT.uatIssue);
    }
    if (id === "change-management-plan") {
      // Readiness with its gaps and the advice on outside help, the impacted groups, then the plans.
      expect(text).toContain(lang === "fa" ? "کمک بیرونی توصیه می‌شود" : "Outside help is advised");
      expect(text).toContain("مدیرعامل مالک پروژه است");
      expect(text).toContain("ویزیتورهای فروش");
      expect(text).toContain(lang === "fa" ? "تغییر بزرگ با مقاومت زیاد" : "large change met with high resistance");
      for (const t of [FIXTURE_TEXT.communication, FIXTURE_TEXT.champion, FIXTURE_TEXT.milestone, "Visit targets count customers served", "Distributor call centre", "Visit reps co-design the tablet screens"]) expect(text).toContain(t);
      expect(text).toContain(lang === "fa" ? "۸۷٪" : "87%");
    }
    if (id === "post-launch-review") {
      // 44 of 57 licensed users after six months: 77.2%, below the 80% reference; the call centre's 13 of 12 is flagged.
      expect(text).toContain(lang === "fa" ? "۷۷٫۲٪" : "77.2%");
      expect(text).toContain(lang === "fa" ? "پایین‌تر از معیار" : "below the reference");
      expect(text).toContain(lang === "fa" ? "کاربران فعال بیش از کاربران دارای مجوزند" : "more active than licensed users");
      expect(text).toContain("کاهش نرخ ریزش مشتری");
      expect(text).toContain(lang === "fa" ? "۵۰٪" : "50%");
      for (const t of [FIXTURE_TEXT.finding, FIXTURE_TEXT.decision, "Mobile ordering for large stores", "Complete contact details"]) expect(text).toContain(t);
    }
  });

  it(lang === "fa" ? "is right to left: bidi paragraphs, RTL runs, mirrored tables, Persian digits, Jalali dates" : "is left to right, with Gregorian dates", () => {
    const xml = xmlParts(doc()).get("word/document.xml")!;
    const text = documentText(doc());
    if (lang === "fa") {
      expect(xml).toContain("<w:bidi/>");
      expect(xml).toContain("<w:rtl/>");
      expect(xml).toContain("<w:bidiVisual/>");
      expect(text).toMatch(/[۰-۹]/);
      expect(text).toMatch(/آذر|آبان|دی|بهمن|اسفند|فروردین|اردیبهشت|خرداد/);
      // Latin words inside Persian text are runs of their own, without the RTL flag.
      if (id === "go-no-go") expect(xml).toMatch(/<w:r>(?:(?!<\/w:r>).)*<w:t xml:space="preserve">[^<]*Dynamics 365[^<]*<\/w:t>/);
    } else {
      expect(xml).not.toContain("<w:bidiVisual/>");
      expect(text).toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December)[ \u00A0]20\d\d/);
    }
  });

  it("shows the real sign-off state of its phase", () => {
    const text = documentText(doc());
    if (id === "vision-minutes") {
      expect(text).toContain(lang === "fa" ? "محتوای این سند دقیقاً همان محتوایی است که تأیید شده است." : "The content of this document is exactly the content that was signed.");
      expect(text).toContain("فرهاد کریمی");
    } else {
      expect(text).toContain(lang === "fa" ? "کسی این محتوا را تأیید و امضا نکرده است" : "Nobody has signed this content yet");
    }
    expect(text).toMatch(/[0-9a-f]{64}/);
  });
});

describe("charts", () => {
  it("are real images in the plan and the review report: one picture per chart, drawn from Gambegam's own SVG", () => {
    const media = (id: string) => [...unzipDocx(docs.get(`${id}-en`)!).keys()].filter((p) => /^word\/media\/.+\.png$/.test(p));
    expect(media("change-management-plan").length).toBeGreaterThanOrEqual(1);
    // The stand-in renderer gives every chart the same PNG (stored once); the drawings count the pictures.
    const xml = xmlParts(docs.get("post-launch-review-en")!).get("word/document.xml")!;
    expect(xml.match(/<w:drawing>/g)!.length).toBeGreaterThanOrEqual(3);
    expect(fakeRenderer.charts.some((svg) => svg.includes("Adoption rate") && svg.includes("80%, six months after go-live"))).toBe(true);
    expect(fakeRenderer.charts.some((svg) => svg.includes("آمادگی سازمان برای CRM") && svg.includes("۴ از ۵"))).toBe(true);
  });

  it("the scope document draws the value/effort matrix in its language, and without a renderer keeps its table once", async () => {
    expect(fakeRenderer.charts.some((svg) => svg.includes("Quick win") && svg.includes("Effort"))).toBe(true);
    expect(fakeRenderer.charts.some((svg) => svg.includes("برد سریع") && svg.includes("تلاش"))).toBe(true);
    const project = getProject(env.db, projectId)!;
    const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "scope-document", lang: "en", actor, renderer: null });
    const text = documentText(file.buffer);
    const row = "کاهش نرخ ریزش مشتری152Quick win";
    expect(text).toContain(row);
    expect(text.indexOf(row)).toBe(text.lastIndexOf(row));
  });

  it("without a renderer, each chart becomes a note and its figures stay as a table", async () => {
    const project = getProject(env.db, projectId)!;
    const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "post-launch-review", lang: "en", actor, renderer: null });
    const text = documentText(file.buffer);
    expect(text).toContain("could not be drawn on this server");
    expect(text.replace(/\u00A0/g, " ")).toContain("77.2% (44 of 57)"); // a date or a count keeps its parts together (no-break spaces)
    expect([...unzipDocx(file.buffer).keys()].some((p) => p.startsWith("word/media/"))).toBe(false);
  });
});

describe("diagrams, versions and file names", () => {
  it("puts drawn diagrams in as SVG with a PNG fallback", () => {
    const parts = [...unzipDocx(docs.get("scope-document-fa")!).keys()];
    expect(parts.some((p) => /^word\/media\/.+\.svg$/.test(p))).toBe(true);
    expect(parts.some((p) => /^word\/media\/.+\.png$/.test(p))).toBe(true);
    expect(fakeRenderer.calls).toBeGreaterThanOrEqual(2);
  });

  it("without a renderer, writes the diagram's content as a table with a visible note, and still succeeds", async () => {
    const project = getProject(env.db, projectId)!;
    const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "scope-document", lang: "en", actor, renderer: null });
    const text = documentText(file.buffer);
    expect(text).toContain("The diagram could not be drawn on this server");
    // The team-structure table lists the team members; the roadmap table its phases.
    expect(text).toContain("رضا موسوی");
    expect(text).toContain("مرحله ۲: فروش و ویزیت");
    expect([...unzipDocx(file.buffer).keys()].some((p) => p.endsWith(".svg"))).toBe(false);
  });

  it("keeps the version while the content is unchanged, in either language, and moves to the next when it changes", async () => {
    expect(latestVersion(env.db, projectId, "go-no-go")?.version).toBe(1);
    expect(names.get("go-no-go-en")).toMatch(/-v1-en\.docx$/);
    const project = getProject(env.db, projectId)!;
    const { saveAnswer } = await import("#app/domain/answers.server.ts");
    const { findItem } = await import("#methodology/load.ts");
    const item = findItem(packOf(project)!, "deployment.go-rationale")!;
    saveAnswer(env.db, { projectId, item: item as never, baseVersion: 1, raw: "Changed after review" });
    const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "go-no-go", lang: "fa", actor, renderer: null });
    expect(file.version).toBe(2);
    expect(file.fileName).toMatch(/^go-no-go-شرکت-صنایع-غذایی-مهرگان-v2-fa\.docx$/);
    expect(documentText(file.buffer)).toContain("Changed after review");
  });

  it("names files safely and encodes Persian names for the download header", () => {
    expect(deliverableFileName("scope-document", 'Acme / "Sales" <Ltd>\u202E', 3, "en")).toBe("scope-document-Acme-Sales-Ltd-v3-en.docx");
    expect(deliverableFileName("scope-document", "   ", 1, "fa")).toBe("scope-document-project-v1-fa.docx");
    const header = contentDisposition("scope-document-مهرگان-v3-fa.docx");
    expect(header).toContain('filename="scope-document-______-v3-fa.docx"');
    expect(header).toContain("filename*=UTF-8''scope-document-%D9%85%D9%87%D8%B1%DA%AF%D8%A7%D9%86-v3-fa.docx");
  });

  it("uses the project's branding: firm name on the title page, colour in the headings, logo in the header", async () => {
    saveBranding(env.db, actor, null, { firmName: "Northwind Advisory", primaryColor: "#7A1F5C", font: "Arial", removeLogo: undefined }, { data: PNG_1PX, type: "png", width: 1, height: 1 });
    saveBranding(env.db, actor, projectId, { firmName: "مشاوران آرمان", primaryColor: "", font: "", removeLogo: undefined }, null);
    const project = getProject(env.db, projectId)!;
    const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "vision-minutes", lang: "fa", actor, renderer: null });
    expect(documentText(file.buffer)).toContain("مشاوران آرمان");
    expect(documentText(file.buffer)).not.toContain("Northwind Advisory");
    const styles = xmlParts(file.buffer).get("word/styles.xml")!;
    expect(styles).toContain('w:color w:val="7A1F5C"');
    expect(styles).toContain('w:ascii="Arial"');
    const header = [...xmlParts(file.buffer)].find(([n, x]) => n.startsWith("word/header") && x.includes("<w:drawing>"));
    expect(header).toBeDefined();
  });
});

describe("schema validation (reference documents)", () => {
  it.each(IDS)("%s passes Office schema validation in Persian and English", async (id) => {
    for (const lang of LANGS) {
      const errors = await validate(new Uint8Array(docs.get(`${id}-${lang}`)!), "docx", "Microsoft365");
      expect(errors, `${id}-${lang}`).toEqual([]);
    }
  });

  it("catches a document that breaks the schema (the check can fail)", async () => {
    const doc = docs.get("go-no-go-en")!;
    const xml = xmlParts(doc).get("word/document.xml")!;
    const broken = withPart(doc, "word/document.xml", xml.replace("<w:body>", "<w:body><w:p><w:pPr><w:notAnElement/></w:pPr></w:p>"));
    const errors = await validate(broken, "docx", "Microsoft365");
    expect(Array.isArray(errors) && errors.length).toBeGreaterThan(0);
  });
});

const soffice = findSoffice();
const canConvert = Boolean(soffice) && hasPdftotext();
describe("printed with LibreOffice", () => {
  it.skipIf(!canConvert)("converts every deliverable to PDF, and the PDF holds the project's real content", () => {
    const pdfs = docxToPdfText(Object.fromEntries(docs));
    for (const [name, pdf] of Object.entries(pdfs)) {
      expect(pdf.pages, name).toBeGreaterThanOrEqual(3);
      // pdftotext gives Persian letters back in visual order; compare Latin content and a Persian word that survives.
      expect(pdf.text, name).toMatch(/[\u0600-\u06FF]/);
    }
    expect(pdfs["go-no-go-en"]!.text).toContain("Go/no-go decision record");
    expect(pdfs["go-no-go-en"]!.text).toContain("Go with conditions: UAT passed 95%");
    expect(pdfs["scope-document-en"]!.text).toContain("Scope document");
    expect(pdfs["scope-document-en"]!.text).toMatch(/Page 2 of \d+/);
    expect(pdfs["vision-minutes-en"]!.text).toContain("Vision workshop minutes");
    // LibreOffice writes Persian in logical order, wrapped in direction marks: without them the real text reads back.
    const plain = (name: string) => pdfs[name]!.text.replace(/[\u200e\u200f\u202a-\u202e]/g, "");
    for (const lang of LANGS) {
      expect(plain(`scope-document-${lang}`)).toContain("شرکت صنایع غذایی مهرگان");
      expect(plain(`vision-minutes-${lang}`)).toContain("ما هر فروشگاه را یک شریک می‌دانیم");
      expect(plain(`go-no-go-${lang}`)).toContain("فرهاد کریمی");
    }
    expect(plain("scope-document-fa")).toContain("سند محدوده پروژه");
    expect(plain("go-no-go-fa")).toContain("معیارها و وضعیت آن‌ها");
    expect(pdfs["change-management-plan-en"]!.text).toContain("Change-management plan");
    expect(pdfs["change-management-plan-en"]!.text).toContain("Weekly CRM bulletin");
    expect(pdfs["post-launch-review-en"]!.text).toContain("Post-launch review report");
    expect(pdfs["post-launch-review-en"]!.text).toContain("Call centre logs");
    expect(plain("change-management-plan-fa")).toContain("برنامه مدیریت تغییر");
    expect(plain("post-launch-review-fa")).toContain("مدیریت بودجه مرحله");
  });
});
