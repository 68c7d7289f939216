/**
 * Direction by the document (decision 025): what Gambegam writes takes the
 * document's direction, with the user's words inside it as isolated runs of
 * their own; a paragraph of the user's words alone takes the direction of
 * its dominant script; dates are written one way and, in Persian, every
 * number Gambegam writes has Persian digits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { xmlParts } from "#tests/setup/docx.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import { saveAnswer } from "#app/domain/answers.server.ts";
import { findItem } from "#methodology/load.ts";
import type { AnswerableItem, RegisterItem } from "#methodology/schema.ts";
import type { DeliverableId } from "#templates/model.ts";
import { dominantDirection, fillSentence, sentenceText, user } from "#app/views/direction.ts";
import { attentionSentence, attentionText } from "#app/views/change-views.ts";
import { date } from "./text.ts";

describe("dominantDirection: a user's text alone", () => {
  it("follows the script most of its letters are in, not its first letter", () => {
    expect(dominantDirection("Dynamics 365 را برای فروش و خدمات پس از فروش به کار می‌بریم", "ltr")).toBe("rtl");
    expect(dominantDirection("CRM قبلی ما داده تکراری داشت", "ltr")).toBe("rtl");
    expect(dominantDirection("«ویزیتورهای فروش» will need new training before go-live", "rtl")).toBe("ltr");
  });
  it("is the document's direction when the text has no letters, or as many of each", () => {
    expect(dominantDirection("2027 — 45%", "rtl")).toBe("rtl");
    expect(dominantDirection("2027 — 45%", "ltr")).toBe("ltr");
    expect(dominantDirection("", "rtl")).toBe("rtl");
    expect(dominantDirection("abcd ابپت", "rtl")).toBe("rtl");
    expect(dominantDirection("abcd ابپت", "ltr")).toBe("ltr");
  });
  it("keeps a purely English or purely Persian text in its own direction", () => {
    expect(dominantDirection("Weekly CRM bulletin", "rtl")).toBe("ltr");
    expect(dominantDirection("مهسا نوری", "ltr")).toBe("rtl");
  });
});

describe("sentences", () => {
  it("keep which parts are the user's words, and read as plain text on a page", () => {
    const s = attentionSentence("no-sponsor", "Call centre", "fa");
    expect(s).toEqual([user("Call centre"), ": کارش تغییر می‌کند ولی حامی پاسخ‌گویی ندارد."]);
    expect(sentenceText(s)).toBe(attentionText("no-sponsor", "Call centre", "fa"));
    expect(fillSentence("{a} and {b}.", { a: user("x"), b: "y" })).toEqual([user("x"), " and ", "y", "."]);
  });
});

describe("dates", () => {
  it("are written one way: «۱۲ آذر ۱۴۰۶» and “12 December 2027”, their parts held together", () => {
    expect(date("2027-12-03", "fa")).toBe("۱۲\u00A0آذر\u00A0۱۴۰۶");
    expect(date("2027-12-12", "en")).toBe("12\u00A0December\u00A02027");
  });
});

const IDS: DeliverableId[] = ["scope-document", "vision-minutes", "go-no-go", "change-management-plan", "post-launch-review"];
const LANGS = ["fa", "en"] as const;
const LATIN_START_ANSWER = "CRM قبلی ما داده تکراری داشت و هیچ‌کس به آن اعتماد نمی‌کرد.";
const fakeRenderer = {
  available: () => false,
  close: async () => undefined,
  stats: () => ({ renders: 0, cacheHits: 0, launches: 0, memoryEntries: 0, memoryBytes: 0 }),
  render: async () => ({ ok: false as const, reason: "unavailable" as const, message: "no renderer in this test" }),
  rasterise: async () => ({ ok: false as const, reason: "unavailable" as const, message: "no renderer in this test" }),
};

let env: ReturnType<typeof tempDatabase>;
const docs = new Map<string, Buffer>();
/** Everything a user typed (answers, cells, the project's own fields), to tell it from what Gambegam wrote. */
const typed: string[] = [];

beforeAll(async () => {
  env = tempDatabase();
  const projectId = seedDeliverableProject(env.db);
  let project = getProject(env.db, projectId)!;
  const pack = packOf(project)!;
  const obstacles = findItem(pack, "requirements.obstacles") as Exclude<AnswerableItem, RegisterItem>;
  const current = loadProjectData(env.db, projectId).answers.get("requirements.obstacles");
  const saved = saveAnswer(env.db, { projectId, item: obstacles, baseVersion: current?.version ?? 0, raw: LATIN_START_ANSWER });
  if (saved.status !== "saved") throw new Error(JSON.stringify(saved));
  project = getProject(env.db, projectId)!;
  const data = loadProjectData(env.db, projectId);
  const collect = (v: unknown): void => {
    if (typeof v === "string") typed.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  for (const a of data.answers.values()) collect(a.value);
  for (const rows of data.rows.values()) for (const r of rows) collect(r.cells);
  collect([project.name, project.clientOrganisation, project.description ?? ""]);
  for (const id of IDS) {
    for (const lang of LANGS) {
      const file = await exportDeliverable({ db: env.db, project, pack, data: loadProjectData(env.db, projectId), id, lang, actor: { id: null, name: "Test Consultant" }, renderer: fakeRenderer });
      docs.set(`${id}-${lang}`, file.buffer);
    }
  }
}, 120_000);
afterAll(() => env.cleanup());

/** The paragraphs of a document's body XML, each with its text. */
function paragraphs(buf: Buffer): Array<{ xml: string; text: string }> {
  const xml = xmlParts(buf).get("word/document.xml")!;
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => ({ xml: m[0], text: [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("") }));
}

/** A document's text with the user's own words and the content fingerprints taken out. */
function gambegamText(buf: Buffer, part?: string): string {
  // The contents list's page numbers are Word fields (another rule, another test).
  // Caption numbers are SEQ fields set in the Persian-digit face (decision 026): Word and LibreOffice
  // compute them and the face draws them as ۳, whatever digit the field's text holds.
  const xml = (xmlParts(buf).get(part ?? "word/document.xml") ?? "")
    .replace(/<w:sdt>.*?<\/w:sdt>/gs, "")
    .replace(/<w:fldSimple\b[^>]*>.*?<\/w:fldSimple>/gs, "");
  const decode = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  const whole = new Set(typed.map((t) => t.trim()));
  // A run that is a whole typed value goes (a one-letter value, "1", only so); longer values go wherever they are.
  let text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).filter((t) => !whole.has(t.trim())).join("");
  for (const t of [...typed].filter((t) => t.length > 1).sort((a, b) => b.length - a.length)) text = text.split(t).join(" ");
  return text.replace(/[0-9a-f]{64}/g, " ");
}

describe("sentences Gambegam writes take the document's direction", () => {
  it("the English change-management plan sets the attention sentence about «ویزیتورهای فروش» left to right, its full stop in a left-to-right run", () => {
    const p = paragraphs(docs.get("change-management-plan-en")!).find((x) => x.text.includes("ویزیتورهای فروش") && x.text.includes("resistance"));
    expect(p, "the attention sentence").toBeTruthy();
    expect(p!.xml).not.toContain("<w:bidi/>");
    const runsXml = [...p!.xml.matchAll(/<w:r>.*?<\/w:r>/gs)].map((m) => m[0]);
    const last = runsXml.at(-1)!;
    expect(last).toMatch(/\.<\/w:t>/);
    expect(last).not.toContain("<w:rtl/>");
    // The group's name is one right-to-left unit inside the sentence.
    expect(p!.xml).toMatch(/\u202Bویزیتورهای فروش\u202C/);
  });

  it("a Persian note that opens with a Latin group name keeps its Jalali date in place: the name is embedded and the line's direction is marked again after it", () => {
    // Without the mark, the digits after an embedding take its direction (Unicode bidi W7) and «۲۹» jumps to the line's far end.
    const p = paragraphs(docs.get("post-launch-review-fa")!).find((x) => x.text.includes("Call centre") && x.text.includes("تیر"));
    expect(p, "the note on the figures").toBeTruthy();
    expect(p!.xml).toContain("<w:bidi/>");
    expect(p!.text).toMatch(/^\u200F?\u202ACall centre\u202C\u200F، ۲۹\u00A0تیر\u00A0۱۴۰۶/);
    const en = paragraphs(docs.get("change-management-plan-en")!).find((x) => x.text.includes("ویزیتورهای فروش") && x.text.includes("resistance"));
    expect(en!.text).toMatch(/\u202Bویزیتورهای فروش\u202C\u200E: large/);
  });

  it("the English title page keeps the Persian project name whole: one right-to-left unit, not its words swapped around “CRM”", () => {
    const name = "پیاده‌سازی CRM مهرگان";
    // Wherever it stands in a left-to-right paragraph (a right-to-left cell sets it in order by itself).
    const ps = paragraphs(docs.get("scope-document-en")!).filter((x) => x.text.replace(/[\u202A-\u202C\u200E\u200F]/g, "") === name && !x.xml.includes("<w:bidi/>"));
    expect(ps.length).toBeGreaterThan(0);
    for (const p of ps) expect(p.xml).toContain(`>\u202B${name}\u202C</w:t>`);
  });

  it("the Persian scope document keeps an answer that starts with “CRM” right to left", () => {
    const p = paragraphs(docs.get("scope-document-fa")!).find((x) => x.text.startsWith("CRM قبلی"));
    expect(p, "the answer").toBeTruthy();
    expect(p!.xml).toContain("<w:bidi/>");
  });
});

describe.each(IDS.flatMap((id) => LANGS.map((lang) => [id, lang] as const)))("%s (%s)", (id, lang) => {
  it("prints no ISO or numeric date outside the user's own words: one long form throughout", () => {
    const text = gambegamText(docs.get(`${id}-${lang}`)!);
    expect(text.match(/.{0,30}\d{4}-\d{2}-\d{2}.{0,30}/g) ?? []).toEqual([]);
    expect(text.match(/.{0,30}[0-9۰-۹]{1,4}\/[0-9۰-۹]{1,2}\/[0-9۰-۹]{1,4}.{0,30}/g) ?? []).toEqual([]);
  });
  if (lang === "fa") {
    it("writes every number of its own in Persian digits", () => {
      const text = gambegamText(docs.get(`${id}-${lang}`)!);
      expect(text.match(/.{0,25}[0-9].{0,25}/g) ?? []).toEqual([]);
    });
  }
});
