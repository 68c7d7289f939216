/**
 * Every table of every deliverable (fixture project, both languages): no
 * column is narrower than the longest word, date or number-with-unit in it,
 * measured with the embedded font, so Word and LibreOffice never break a word
 * inside a cell ("technolo|gy", «اردیبهش|ت»). Widths are read from the file's
 * own grid (w:gridCol), as the reader's Word reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { xmlParts } from "#tests/setup/docx.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import type { DeliverableId } from "#templates/model.ts";
import { createMeasurer, emToTwips, unbreakableTokens } from "./measure.ts";
import { persianFontFiles } from "./styles.ts";

const IDS: DeliverableId[] = ["scope-document", "vision-minutes", "go-no-go", "change-management-plan", "post-launch-review"];
const LANGS = ["fa", "en"] as const;
const CELL_MARGINS_TWIPS = 160;

let env: ReturnType<typeof tempDatabase>;
const docs = new Map<string, Buffer>();

beforeAll(async () => {
  env = tempDatabase();
  const projectId = seedDeliverableProject(env.db);
  const project = getProject(env.db, projectId)!;
  for (const id of IDS)
    for (const lang of LANGS) {
      const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id, lang, actor: { id: null, name: "Test Consultant" }, renderer: null });
      docs.set(`${id}-${lang}`, file.buffer);
    }
}, 120_000);
afterAll(() => env.cleanup());

const decode = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

type Cell = { text: string; bold: boolean };
/** Each table's grid column widths and its cells' text, by grid column. */
export function tablesOf(xml: string): Array<{ grid: number[]; columns: Cell[][] }> {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, body]) => {
    const grid = [...body!.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    const columns: Cell[][] = grid.map(() => []);
    for (const [, row] of body!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)) {
      let col = 0;
      for (const [, tc] of row!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
        const span = Number(tc!.match(/<w:gridSpan w:val="(\d+)"/)?.[1] ?? 1);
        const paragraphs = [...tc!.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
          [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map(([, r]) => (r!.includes("<w:br/>") ? "\n" : "") + [...r!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join("")).join(""),
        );
        if (span === 1) columns[col]?.push({ text: paragraphs.join("\n"), bold: /<w:b\/>/.test(tc!) });
        col += span;
      }
    }
    return { grid, columns };
  });
}

describe("table columns are at least as wide as their longest unbreakable token", () => {
  const m = createMeasurer(persianFontFiles());
  it.each(IDS.flatMap((id) => LANGS.map((lang) => [id, lang] as const)))("%s (%s)", (id, lang) => {
    const xml = xmlParts(docs.get(`${id}-${lang}`)!).get("word/document.xml")!;
    const tables = tablesOf(xml);
    expect(tables.length).toBeGreaterThan(0);
    const tooNarrow: string[] = [];
    tables.forEach((t, ti) => {
      t.columns.forEach((cells, ci) => {
        let widest = { token: "", twips: 0 };
        for (const c of cells)
          for (const token of unbreakableTokens(c.text)) {
            const twips = Math.ceil(emToTwips(m.tokenEm(token, c.bold), 18)) + CELL_MARGINS_TWIPS;
            if (twips > widest.twips) widest = { token, twips };
          }
        if (widest.twips > t.grid[ci]!) tooNarrow.push(`table ${ti + 1} («${t.columns[0]?.[0]?.text}»), column ${ci + 1} («${cells[0]?.text}»): ${t.grid[ci]} < ${widest.twips} for «${widest.token}»`);
      });
    });
    expect(tooNarrow).toEqual([]);
  });
});

describe("tables too wide for a page", () => {
  const gridSizes = (key: string) => tablesOf(xmlParts(docs.get(key)!).get("word/document.xml")!).map((t) => t.grid.length);

  it.each(LANGS)("the customer segments (twelve columns, five of paragraphs) are one block per record under one caption (%s)", (lang) => {
    const key = `vision-minutes-${lang}`;
    expect(Math.max(...gridSizes(key))).toBeLessThan(8);
    const xml = xmlParts(docs.get(key)!).get("word/document.xml")!;
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(text).toContain(lang === "fa" ? "۱. " : "1. ");
    // Table 2 is what customers told us (decision 033), before the answers.
    expect(text).toMatch(lang === "fa" ? /جدول [۳3]: بخش/ : /Table 3: Customer segments/);
  });

  it("a register whose columns cannot share a portrait page is on a landscape page, with its caption", () => {
    const xml = xmlParts(docs.get("change-management-plan-en")!).get("word/document.xml")!;
    const landscape = xml.indexOf('w:orient="landscape"');
    expect(landscape).toBeGreaterThan(0);
    // The impact table and its caption sit in the section the landscape properties close.
    const before = xml.slice(0, landscape);
    const sectionStart = before.lastIndexOf("<w:sectPr", before.length - 1);
    const previousSection = before.lastIndexOf("</w:sectPr>", sectionStart);
    expect(before.slice(previousSection)).toContain("Change to performance metrics");
  });
});
