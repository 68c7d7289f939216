/**
 * A document a client receives, not a form dump (issue 17, decision 023):
 * unanswered items leave the body for an "Open items" appendix (a draft keeps
 * them in place, marked); headings are noun phrases, never the method's
 * questions; no app instruction or product name in the text; the cover names
 * the person who exported, the firm and the status; a document-control page
 * with the revision history and distribution list; one approval section with
 * a table to sign, ending the document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { documentText, xmlParts } from "#tests/setup/docx.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf, type ProjectData } from "#app/domain/projects.server.ts";
import { deliverableInput, exportDeliverable, recordVersion } from "#app/domain/deliverables.server.ts";
import { deliverable } from "#templates/index.ts";
import { itemsShownBy } from "#templates/blocks.ts";
import { saveBranding } from "#app/domain/branding.server.ts";
import { saveAnswer } from "#app/domain/answers.server.ts";
import { findItem } from "#methodology/load.ts";
import { COMMAND_LINE_NAME } from "#app/actors.ts";
import type { DeliverableId } from "#templates/model.ts";

const IDS: DeliverableId[] = ["scope-document", "vision-minutes", "go-no-go", "change-management-plan", "post-launch-review", "rfp", "selection-report"];
const LANGS = ["fa", "en"] as const;
const actor = { id: null, name: "Test Consultant" };
const FIRM = "مشاوران آرمان";

/** Items the test empties, so that every document has something open whatever the fixture fills in. */
const EMPTIED = { question: "requirements.obstacles", register: "requirements.remote-users" };
const HEADINGS = {
  obstacles: { en: "Obstacles management sees", fa: "موانعی که مدیریت می‌بیند" },
  remoteUsers: { en: "Remote users", fa: "کاربران راه دور" },
};

let env: ReturnType<typeof tempDatabase>;
let projectId: number;
const docs = new Map<string, Buffer>();

/** The project's data with one question and one register emptied. */
function withOpenItems(data: ProjectData): ProjectData {
  const answers = new Map(data.answers);
  answers.delete(EMPTIED.question);
  const rows = new Map(data.rows);
  rows.delete(EMPTIED.register);
  return { ...data, answers, rows };
}

async function exportOne(id: DeliverableId, lang: "fa" | "en", opts: { draft?: boolean; actorName?: string; author?: string } = {}) {
  const project = getProject(env.db, projectId)!;
  return exportDeliverable({
    db: env.db,
    project,
    pack: packOf(project)!,
    data: withOpenItems(loadProjectData(env.db, projectId)),
    id,
    lang,
    actor: opts.actorName ? { id: null, name: opts.actorName } : actor,
    renderer: null,
    ...(opts.draft ? { draft: true } : {}),
    ...(opts.author ? { author: opts.author } : {}),
  });
}

beforeAll(async () => {
  env = tempDatabase();
  projectId = seedDeliverableProject(env.db);
  saveBranding(env.db, actor, projectId, { firmName: FIRM, primaryColor: "", font: "", removeLogo: undefined }, null);
  for (const id of IDS) for (const lang of LANGS) docs.set(`${id}-${lang}`, (await exportOne(id, lang)).buffer);
  for (const lang of LANGS) docs.set(`scope-document-${lang}-draft`, (await exportOne("scope-document", lang, { draft: true })).buffer);
}, 120_000);
afterAll(() => env.cleanup());

/** Paragraph texts of document.xml with their style, in order. */
function paragraphs(buffer: Buffer): Array<{ style: string; text: string }> {
  const xml = xmlParts(buffer).get("word/document.xml")!;
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? "",
    text: [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
  }));
}

/** Rows of each table (cell texts), in order. */
function tables(buffer: Buffer): string[][][] {
  const xml = xmlParts(buffer).get("word/document.xml")!;
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(""))),
  );
}

const OPEN_APPENDIX = { en: "Appendix A — Open items", fa: "پیوست الف — موارد باز" };
const APPROVAL = { en: "Approval", fa: "تأیید و امضا" };

describe.each(IDS.flatMap((id) => LANGS.map((lang) => [id, lang] as const)))("%s (%s)", (id, lang) => {
  const doc = () => docs.get(`${id}-${lang}`)!;

  it("has no 'not answered' text in its body, and lists what is open in the appendix instead", () => {
    const text = documentText(doc());
    const appendixAt = text.indexOf(OPEN_APPENDIX[lang]);
    const body = appendixAt >= 0 ? text.slice(0, appendixAt) : text;
    for (const phrase of ["Not answered", "Nothing recorded", "هنوز"]) expect(body, phrase).not.toContain(phrase);
    if (id === "scope-document") {
      expect(appendixAt).toBeGreaterThan(0);
      const appendix = text.slice(appendixAt);
      expect(appendix).toContain(HEADINGS.obstacles[lang]);
      expect(appendix).toContain(HEADINGS.remoteUsers[lang]);
    }
  });

  it("never uses a question as a heading", () => {
    const headings = paragraphs(doc()).filter((p) => /^Heading\d$/.test(p.style));
    expect(headings.length).toBeGreaterThan(2);
    for (const h of headings) expect(h.text, h.text).not.toMatch(/[?؟]/);
  });

  it("prints no app instruction, product tagline or product name", () => {
    const parts = [...xmlParts(doc())].filter(([n]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n)).map(([n]) => documentText(doc(), n)).join(" ");
    for (const phrase of ["Gambegam", "گام‌به‌گام", "Enter the first period", "Record the go-live date", "وارد کنید", "ثبت کنید", "Give at least one criterion", "command line", "خط فرمان"]) expect(parts, phrase).not.toContain(phrase);
  });

  it("names on its cover the person who exported it, the consulting firm and the status", () => {
    const text = documentText(doc());
    const cover = text.slice(0, text.indexOf(lang === "fa" ? "فهرست مطالب" : "Contents"));
    expect(cover).toContain("Test Consultant");
    expect(cover).toContain(FIRM);
    expect(cover).toContain(lang === "fa" ? "شرکت مشاور" : "Consulting firm");
    expect(cover).toMatch(lang === "fa" ? /وضعیت(برای تأیید|تأییدشده)/ : /Status(For approval|Approved)/);
  });

  it("has a document-control page with a revision history and a distribution list", () => {
    const all = tables(doc());
    const history = all.find((t) => t[0]?.join("|") === (lang === "fa" ? "نسخه|تاریخ|تهیه‌کننده|تغییرات" : "Version|Date|Author|What changed"));
    expect(history).toBeDefined();
    expect(history!.length).toBe(2); // header + version 1
    const distribution = all.find((t) => t[0]?.join("|") === (lang === "fa" ? "نام|نقش|سازمان" : "Name|Role|Organisation"));
    expect(distribution).toBeDefined();
    const names = distribution!.map((r) => r[0]);
    expect(names).toContain("فرهاد کریمی");
    expect(distribution!.find((r) => r[0] === "لیلا تهرانی")?.[2]).toBe(FIRM);
  });

  // The RFP goes to vendors: it ends with the client's approval for issue and no phase sign-off record.
  const rfpApproval = () => {
    const ps = paragraphs(doc());
    const level1 = ps.filter((p) => p.style === "Heading1");
    expect(level1.at(-1)!.text).toBe(lang === "fa" ? "تأیید برای صدور" : "Approval for issue");
    expect(ps.some((p) => p.text === (lang === "fa" ? "سابقه تأیید" : "Sign-off record"))).toBe(false);
    const signing = tables(doc()).find((t) => t[0]?.join("|") === (lang === "fa" ? "نام|نقش|سازمان|امضا|تاریخ" : "Name|Role|Organisation|Signature|Date"));
    expect(signing!.slice(1).some((r) => r[2] === FIRM)).toBe(false);
    expect(documentText(doc())).not.toMatch(/[0-9a-f]{64}/);
  };

  const oneApproval = () => {
    const ps = paragraphs(doc());
    const level1 = ps.filter((p) => p.style === "Heading1");
    expect(level1.filter((p) => p.text === APPROVAL[lang] || p.text === (lang === "fa" ? "تأیید" : "Sign-off") || p.text === (lang === "fa" ? "تصویب" : "Approval")).length).toBe(1);
    expect(level1.at(-1)!.text).toBe(APPROVAL[lang]);
    const signing = tables(doc()).find((t) => t[0]?.join("|") === (lang === "fa" ? "نام|نقش|سازمان|امضا|تاریخ" : "Name|Role|Organisation|Signature|Date"));
    expect(signing).toBeDefined();
    const rows = signing!.slice(1);
    expect(rows.some((r) => r[0] === "فرهاد کریمی")).toBe(true);
    expect(rows.some((r) => r[2] === FIRM)).toBe(true);
    for (const r of rows) expect([r[3], r[4]]).toEqual(["", ""]);
    const xml = xmlParts(doc()).get("word/document.xml")!;
    // Rows tall enough to sign in: at least 2 cm.
    const heights = [...xml.matchAll(/<w:trHeight w:val="(\d+)" w:hRule="atLeast"\/>/g)].map((m) => Number(m[1]));
    expect(Math.max(...heights)).toBeGreaterThanOrEqual(1134);
    // The sign-off record (fingerprint) follows the signatures, inside the approval section.
    const approvalAt = ps.findIndex((p) => p.style === "Heading1" && p.text === APPROVAL[lang]);
    const recordAt = ps.findIndex((p) => p.style === "Heading2" && p.text === (lang === "fa" ? "سابقه تأیید" : "Sign-off record"));
    expect(recordAt).toBeGreaterThan(approvalAt);
    const text = documentText(doc());
    expect(text.slice(text.lastIndexOf(lang === "fa" ? "سابقه تأیید" : "Sign-off record"))).toMatch(/[0-9a-f]{64}/);
  };
  it(
    id === "rfp"
      ? "ends with the client's approval for issue and no phase sign-off record: vendors read it"
      : "ends with exactly one approval section: a table to sign, then the sign-off record",
    id === "rfp" ? rfpApproval : oneApproval,
  );
});

describe("the pack", () => {
  it("gives every item a deliverable shows a document heading of its own, in both languages, never a question", async () => {
    const project = getProject(env.db, projectId)!;
    const pack = packOf(project)!;
    const missing: string[] = [];
    let count = 0;
    for (const id of IDS) {
      // A draft shows every item it reads, answered or not.
      const input = await deliverableInput({ db: env.db, project, pack, data: withOpenItems(loadProjectData(env.db, projectId)), id, lang: "en", actor, renderer: null, draft: true });
      deliverable(id)!.build(input);
      for (const itemId of itemsShownBy(input)) {
        count++;
        const h = findItem(pack, itemId)?.heading;
        if (!h?.fa.trim() || !h.en.trim() || /[?؟]/.test(h.fa + h.en)) missing.push(`${id}: ${itemId}`);
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});

describe("drafts, authors and versions", () => {
  it.each(LANGS)("a draft (%s) keeps unanswered items in place, marked as open, and says Draft on its cover", (lang) => {
    const d = docs.get(`scope-document-${lang}-draft`)!;
    const text = documentText(d);
    expect(text).not.toContain(OPEN_APPENDIX[lang]);
    const ps = paragraphs(d);
    const at = ps.findIndex((p) => p.text === HEADINGS.obstacles[lang]);
    expect(at).toBeGreaterThan(0);
    expect(ps[at + 1]).toEqual({ style: "Note", text: lang === "fa" ? "مورد باز: هنوز چیزی برای آن ثبت نشده است." : "Open item: nothing has been recorded for it yet." });
    const cover = text.slice(0, text.indexOf(lang === "fa" ? "فهرست مطالب" : "Contents"));
    expect(cover).toContain(lang === "fa" ? "وضعیتپیش‌نویس" : "StatusDraft");
  });

  it("from the command line, the cover names the author given, else the project's consultant — never the command line", async () => {
    const given = await exportOne("vision-minutes", "en", { actorName: COMMAND_LINE_NAME, author: "Hannah Cole" });
    const coverOf = (b: Buffer) => documentText(b).slice(0, documentText(b).indexOf("Contents"));
    expect(coverOf(given.buffer)).toContain("AuthorHannah Cole");
    const fallback = await exportOne("vision-minutes", "en", { actorName: COMMAND_LINE_NAME });
    expect(coverOf(fallback.buffer)).toContain("Authorلیلا تهرانی");
    expect(documentText(fallback.buffer)).not.toContain("command line");
  });

  it("the revision history has one row per version, saying which phase changed", async () => {
    const project = getProject(env.db, projectId)!;
    const item = findItem(packOf(project)!, "deployment.go-rationale")!;
    const current = loadProjectData(env.db, projectId).answers.get("deployment.go-rationale");
    saveAnswer(env.db, { projectId, item: item as never, baseVersion: current?.version ?? 0, raw: "Revised after the steering meeting" });
    const file = await exportOne("go-no-go", "en");
    expect(file.version).toBe(2);
    const history = tables(file.buffer).find((t) => t[0]?.join("|") === "Version|Date|Author|What changed")!;
    expect(history.map((r) => r[0])).toEqual(["Version", "1", "2"]);
    expect(history[1]![3]).toBe("First issue");
    expect(history[2]![3]).toContain("Deployment");
    expect(history[2]![2]).toBe("Test Consultant");
  });

  it("a long history lists the latest ten versions and says how many there are", async () => {
    for (let i = 0; i < 12; i++) recordVersion(env.db, actor, projectId, "vision-minutes", `${"0".repeat(62)}${String(i).padStart(2, "0")}`);
    const file = await exportOne("vision-minutes", "en");
    const history = tables(file.buffer).find((t) => t[0]?.join("|") === "Version|Date|Author|What changed")!;
    expect(history.length).toBe(11);
    expect(history.at(-1)![0]).toBe(String(file.version));
    expect(documentText(file.buffer)).toContain(`The latest 10 of ${file.version} versions are listed.`);
  });
});
