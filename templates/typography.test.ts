/**
 * Typography and page furniture (issue 17): no slanted Persian, line spacing
 * that grows with the font, numbered headings and captions, and page numbers
 * in the document's digits that point at the right pages — in the XML and,
 * with LibreOffice, in the pages it prints.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { docxToPdfText, findSoffice, hasPdftotext, xmlParts } from "#tests/setup/docx.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="10" y="50">diagram</text></svg>');
const renderer = {
  available: () => true,
  close: async () => undefined,
  stats: () => ({ renders: 0, cacheHits: 0, launches: 0, memoryEntries: 0, memoryBytes: 0 }),
  render: async () => ({ ok: true as const, cached: false, diagram: { svg: SVG, png: PNG_1PX, width: 200, height: 100 } }),
  rasterise: async (svg: string) => ({ ok: true as const, cached: false, diagram: { svg: Buffer.from(svg), png: PNG_1PX, width: 720, height: 420 } }),
};

const LANGS = ["fa", "en"] as const;
const docs = new Map<string, Buffer>();
let env: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  env = tempDatabase();
  const projectId = seedDeliverableProject(env.db);
  const project = getProject(env.db, projectId)!;
  for (const lang of LANGS) {
    const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "scope-document", lang, actor: { id: null, name: "Test Consultant" }, renderer });
    docs.set(lang, file.buffer);
  }
}, 120_000);
afterAll(() => env.cleanup());

const PERSIAN_DIGITS = /[۰-۹]/;
/** Every style and run property part a reader's Word applies to text. */
const textParts = (lang: string) => [...xmlParts(docs.get(lang)!)].filter(([name]) => /^word\/(document|styles|numbering|header\d*|footer\d*)\.xml$/.test(name));

describe.each(LANGS)("scope document (%s)", (lang) => {
  it("sets no text in italics (Vazirmatn has none: Word would slant it artificially)", () => {
    for (const [name, xml] of textParts(lang)) {
      expect(xml.match(/<w:iCs(?: w:val="(?:true|1|on)")?\/>/g) ?? [], name).toEqual([]);
      expect(xml.match(/<w:i(?: w:val="(?:true|1|on)")?\/>/g) ?? [], name).toEqual([]);
    }
  });

  it("sets text lines at least, never exactly, their height, so a larger font is not clipped", () => {
    for (const [name, xml] of textParts(lang)) expect(xml.match(/w:lineRule="exact"/g) ?? [], name).toEqual([]);
    const styles = xmlParts(docs.get(lang)!).get("word/styles.xml")!;
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:lineRule="atLeast"[\s\S]*<\/w:docDefaults>/);
  });

  it("numbers Heading 1 and Heading 2 (1, 1.1) with a multilevel list linked to the heading styles", () => {
    const parts = xmlParts(docs.get(lang)!);
    const styles = parts.get("word/styles.xml")!;
    const styleXml = (id: string) => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`))?.[0] ?? "";
    expect(styleXml("Heading1")).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    expect(styleXml("Heading2")).toMatch(/<w:numPr><w:ilvl w:val="1"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    const numbering = parts.get("word/numbering.xml")!;
    expect(numbering).toMatch(/<w:lvl w:ilvl="0"[^>]*>(?:(?!<\/w:lvl>)[\s\S])*<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:lvl>)[\s\S])*<w:lvlText w:val="%1"\/>/);
    expect(numbering).toMatch(/<w:lvl w:ilvl="1"[^>]*>(?:(?!<\/w:lvl>)[\s\S])*<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:lvl>)[\s\S])*<w:lvlText w:val="%1\.%2"\/>/);
  });

  it("keeps its cells' margins as written though the page numbers were laid out with them wider (decision 026)", () => {
    const xml = xmlParts(docs.get(lang)!).get("word/document.xml")!;
    const sides = [...xml.matchAll(/<w:tcMar>([\s\S]*?)<\/w:tcMar>/g)].flatMap((m) => [...m[1]!.matchAll(/<w:(left|right) w:type="dxa" w:w="(\d+)"\/>/g)].map((s) => s[2]));
    expect(sides.length).toBeGreaterThan(100);
    expect(new Set(sides)).toEqual(new Set(["80"]));
  });

  it("starts a page with a heading that has no space before: after the contents, the front matter and on the approval page", () => {
    const xml = xmlParts(docs.get(lang)!).get("word/document.xml")!;
    const breaking = xml.match(/<w:p><w:pPr><w:pStyle w:val="Heading1"\/>(?:(?!<\/w:pPr>).)*<w:pageBreakBefore\/>(?:(?!<\/w:pPr>).)*<\/w:pPr>/g) ?? [];
    expect(breaking.length).toBeGreaterThanOrEqual(3);
    for (const p of breaking) expect(p).toMatch(/<w:spacing w:before="0"\/>/);
    // No heading follows a paragraph that only holds a page break.
    expect(xml).not.toMatch(/<w:p><w:r><w:br w:type="page"\/><\/w:r><\/w:p><w:p><w:pPr><w:pStyle w:val="Heading/);
  });

  it("captions tables and figures with numbered SEQ fields whose written number reads right before any update", () => {
    const xml = xmlParts(docs.get(lang)!).get("word/document.xml")!;
    const table = lang === "fa" ? "جدول" : "Table";
    const figure = lang === "fa" ? "شکل" : "Figure";
    expect(xml).toContain(`SEQ ${table} \\* ARABIC`);
    expect(xml).toContain(`SEQ ${figure} \\* ARABIC`);
    // The first table's caption: the label, then the field with its result "1" written (drawn ۱ in fa, see below).
    expect(xml).toMatch(new RegExp(`<w:t[^>]*>${table} </w:t></w:r><w:fldSimple w:instr="SEQ ${table} \\\\\\* ARABIC"><w:r><w:t[^>]*>1</w:t></w:r></w:fldSimple>`));
    // No caption is typed text any more.
    expect(xml).not.toMatch(new RegExp(`>${table} [0-9۰-۹]+: `));
  });
});

describe("Persian digits where Word and LibreOffice write numbers", () => {
  it("draws page X of Y, the contents list, heading and caption numbers with Vazirmatn's Persian-digit face, embedded", () => {
    const parts = xmlParts(docs.get("fa")!);
    const footers = [...parts].filter(([n]) => /^word\/footer\d*\.xml$/.test(n)).map(([, x]) => x);
    expect(footers.length).toBeGreaterThan(0);
    for (const footer of footers) {
      for (const field of ["PAGE", "NUMPAGES"]) {
        // The run holding the field's instruction is set in the Persian-digit face.
        expect(footer).toMatch(new RegExp(`<w:r><w:rPr>(?:(?!</w:rPr>).)*w:cs="Vazirmatn FD"(?:(?!</w:r>).)*<w:instrText[^>]*>\\s*${field}\\b`));
      }
    }
    expect(parts.get("word/fontTable.xml")).toMatch(/<w:font w:name="Vazirmatn FD">[\s\S]*?<w:embedRegular /);
    const styles = parts.get("word/styles.xml")!;
    expect(styles).toMatch(/w:styleId="TOC1"(?:(?!<\/w:style>)[\s\S])*w:cs="Vazirmatn FD"/);
    expect(styles).toMatch(/w:styleId="Caption"(?:(?!<\/w:style>)[\s\S])*w:cs="Vazirmatn FD"/);
    expect(parts.get("word/numbering.xml")).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?w:cs="Vazirmatn FD"/);
    // The English document keeps Latin digits and does not carry the extra face.
    expect(xmlParts(docs.get("en")!).get("word/fontTable.xml")).not.toContain("Vazirmatn FD");
    expect(PERSIAN_DIGITS.test(xmlParts(docs.get("en")!).get("word/footer1.xml") ?? "")).toBe(false);
  });
});

// With CI=true the check must run (CI installs LibreOffice and poppler); elsewhere it needs them.
const canConvert = process.env.CI === "true" || (Boolean(findSoffice()) && hasPdftotext());

describe.skipIf(!canConvert)("as LibreOffice prints them", () => {
  const clean = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e]/g, "").replace(/\s+/g, " ").trim();
  const latin = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
  const pagesOf = (pdf: string, count: number) =>
    Array.from({ length: count }, (_, i) => execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"], { encoding: "utf8" }));
  let printed: Record<string, { text: string; pages: number; pdf: string }>;
  beforeAll(() => {
    printed = docxToPdfText(Object.fromEntries(LANGS.map((l) => [`scope-${l}`, docs.get(l)!])));
  }, 240_000);

  it.each(LANGS)("(%s) every page's footer reads 'page n of N', Persian drawn in its digit face", (lang) => {
    const { pdf, pages } = printed[`scope-${lang}`]!;
    const texts = pagesOf(pdf, pages);
    texts.forEach((text, i) => {
      const footer = clean(text.trim().split("\n").filter((l) => l.trim()).at(-1) ?? "");
      // pdftotext reads a glyph back as the character typed, so the Persian-digit face's ۳ comes back as 3.
      const want = lang === "fa" ? `صفحه ${i + 1} از ${pages}` : `Page ${i + 1} of ${pages}`;
      expect(latin(footer).replace(/\s+/g, ""), `page ${i + 1}`).toBe(want.replace(/\s+/g, ""));
    });
    if (lang === "fa") expect(execFileSync("pdffonts", [pdf], { encoding: "utf8" })).toMatch(/Vazirmatn-FD-Regular/);
  });

  it.each(LANGS)("(%s) each contents entry's page number is the page where its heading is printed", (lang) => {
    const { pdf, pages } = printed[`scope-${lang}`]!;
    const texts = pagesOf(pdf, pages);
    const entries: Array<{ title: string; page: number; tocPage: number }> = [];
    texts.forEach((text, i) => {
      for (const line of text.split("\n")) {
        // An entry's dots run to its page number: after it in English, and (as pdftotext reads right-to-left lines) before it
        // in Persian, the heading's number in a column of its own at the end.
        const m = lang === "en" ? clean(line).match(/^(.*?)\s*\.{4,}\s*([0-9]+)$/) : clean(line).match(/^(.*?)\s+([0-9۰-۹]+)\s*\.{4,}(?:\s+[0-9۰-۹.]+)?$/);
        if (m) entries.push({ title: m[1]!.trim(), page: Number(latin(m[2]!)), tocPage: i + 1 });
      }
    });
    expect(entries.length).toBeGreaterThan(10);
    const lastContentsPage = Math.max(...entries.map((e) => e.tocPage));
    // A heading's line on a page (not the running header or the footer), its number before it.
    const norm = (s: string) =>
      latin(s)
        .replace(/[?؟:]/g, "")
        .trim()
        .replace(/^[0-9.]+\s*|\s*[0-9.]+$/g, "")
        .replace(/[\s.]/g, "");
    const bodyLines = texts.map((t) => t.split("\n").filter((l) => l.trim()).slice(1, -1).map(clean).map(norm));
    const wrong = entries
      .map((e) => {
        const key = norm(e.title);
        const at = bodyLines.findIndex((lines, i) => i + 1 > lastContentsPage && lines.some((l) => l === key || (key.length > 24 && l.startsWith(key.slice(0, 24)))));
        return { title: e.title, listed: e.page, printed: at + 1 };
      })
      .filter((e) => e.listed !== e.printed);
    if (lang === "en") expect(wrong).toEqual([]);
    else {
      // One Persian entry is still a page late: LibreOffice leaves "5.2" at a page's foot and its picture on the
      // next page despite the heading's keep-with-next, which the page-number layout follows, as Word does (before
      // the measuring copy of Vazirmatn, 14 of 40 entries were a page late; before shaped measuring, 2; decision 026).
      expect(wrong.length, JSON.stringify(wrong)).toBeLessThanOrEqual(1);
      for (const e of wrong) expect(e.listed - e.printed, e.title).toBe(1);
    }
  });
});
