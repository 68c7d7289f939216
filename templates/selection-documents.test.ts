/**
 * The request for proposal and the selection report of both completed
 * engagements, read from the Word files as a vendor and the client's board
 * read them (issue 18, item 1): the RFP numbers every requirement as the
 * response sheet does, explains the fit levels, lists the client's demo
 * scripts and the weights, and names no candidate; the report opens with the
 * decision, marks the must-have knock-outs in the fit-gap matrix, ranks the
 * knocked-out product last, and says how the chosen product's must-have gaps
 * are closed.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { documentText } from "#tests/setup/docx.ts";
import { COMPLETED_ENGAGEMENTS, useCompletedEngagements } from "#tests/fixtures/completed-engagements.ts";
import { getProject } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import type { DeliverableId } from "#templates/model.ts";

const engagements = useCompletedEngagements();
const texts = new Map<string, string>();
const ACTOR = { id: null, name: "Test Consultant" };

beforeAll(async () => {
  for (const { lang } of COMPLETED_ENGAGEMENTS) {
    const s = engagements.get(lang);
    for (const id of ["rfp", "selection-report"] as DeliverableId[]) {
      const file = await exportDeliverable({ db: s.db, project: getProject(s.db, s.id)!, pack: s.pack, data: s.data, id, lang, actor: ACTOR, renderer: null });
      texts.set(`${lang}:${id}`, documentText(file.buffer));
    }
  }
}, 120_000);

const cells = (lang: "en" | "fa", register: string) => (engagements.get(lang).data.rows.get(register) ?? []).map((r) => r.cells as Record<string, unknown>);
/** What the body says, from the first heading after the document control to the approval section. */
const body = (lang: "en" | "fa", id: string) => {
  const t = texts.get(`${lang}:${id}`)!;
  const start = t.lastIndexOf(lang === "en" ? "Distribution list" : "فهرست توزیع");
  return t.slice(start);
};

const WORDS = {
  en: { notSupported: "Not supported", knockOut: "knock-out", decision: "The decision", longList: "Long list", priority: { must: "Must", should: "Should", could: "Could" } },
  fa: { notSupported: "پشتیبانی نمی‌شود", knockOut: "حذف", decision: "تصمیم", longList: "فهرست بلند", priority: { must: "باید", should: "بهتر است", could: "می‌تواند" } },
} as const;

describe.each(COMPLETED_ENGAGEMENTS)("the request for proposal ($lang)", ({ lang }) => {
  it("numbers every requirement R1, R2, … in the register's order, with its text and priority", () => {
    const t = body(lang, "rfp");
    let from = 0;
    cells(lang, "requirements.register").forEach((r, i) => {
      const at = t.indexOf(`R${i + 1}${String(r.requirement)}`, from);
      expect(at, `R${i + 1} ${r.requirement}`).toBeGreaterThan(from - 1);
      from = at;
      const priority = WORDS[lang].priority[r.priority as "must" | "should" | "could"];
      if (priority) expect(t.slice(at, at + 1200)).toContain(priority);
    });
  });

  it("lists the client's demo scripts and the evaluation weights, and explains the five fit levels", () => {
    const t = body(lang, "rfp");
    for (const s of cells(lang, "selection.demo-scripts")) expect(t).toContain(String(s.scenario));
    const weights = cells(lang, "selection.evaluation-weights");
    const total = weights.reduce((a, w) => a + Number(w.weight), 0);
    expect(total).toBe(100);
    for (const w of weights) expect(t).toContain(`${w.weight}${lang === "en" ? "%" : "٪"}`.replace(/\d/g, (d) => (lang === "fa" ? "۰۱۲۳۴۵۶۷۸۹"[Number(d)]! : d)));
    expect(t).toContain(lang === "en" ? "Prices over 5 years in GBP (£), excluding VAT" : "قیمت‌ها برای ۳ سال به میلیون ریال، بدون مالیات بر ارزش افزوده");
    expect(t).toContain(WORDS[lang].notSupported);
  });

  it("names none of the candidates and none of the team's internal reasons: vendors read it", () => {
    const t = body(lang, "rfp");
    expect(cells(lang, "selection.candidates").map((c) => String(c.name)).filter((n) => t.includes(n))).toEqual([]);
    expect(cells(lang, "selection.evaluation-weights").map((w) => String(w.why)).filter((why) => t.includes(why))).toEqual([]);
  });
});

describe.each(COMPLETED_ENGAGEMENTS)("the selection report ($lang)", ({ lang }) => {
  const chosen = (kind: string) => String(cells(lang, "selection.candidates").find((c) => c.kind === kind && c.status === "chosen")!.name);

  it("opens with the decision: the chosen product and partner are named before the long list", () => {
    const t = body(lang, "selection-report");
    const decision = t.indexOf(WORDS[lang].decision);
    const longList = t.indexOf(WORDS[lang].longList);
    expect(decision).toBeGreaterThan(-1);
    expect(t.indexOf(chosen("product"))).toBeLessThan(longList);
    expect(t.indexOf(chosen("partner"))).toBeLessThan(longList);
  });

  it("marks a must-have the product does not support as a knock-out and ranks that product last", () => {
    const t = body(lang, "selection-report");
    const products = cells(lang, "selection.candidates").filter((c) => c.kind === "product" && c.status !== "rejected");
    const ko = lang === "en" ? "Brightdesk Service Suite" : "سپهر فروش";
    expect(t).toContain(WORDS[lang].notSupported);
    expect(t).toContain(WORDS[lang].knockOut);
    // The ranking table lists the chosen product first and the knocked-out one last.
    const ranking = t.slice(t.lastIndexOf(lang === "en" ? "Weighted ranking" : "رتبه‌بندی وزنی"));
    const order = products.map((p) => String(p.name)).sort((a, b) => ranking.indexOf(a) - ranking.indexOf(b));
    expect(order[0]).toBe(chosen("product"));
    expect(order.at(-1)).toBe(ko);
  });

  it("says how each must-have gap of the chosen product is closed, in the team's words", () => {
    const t = body(lang, "selection-report");
    const remedy = cells(lang, "selection.vendor-responses").find((r) => r.remedy && String(r.comment).length && t.includes(String(r.remedy)));
    expect(remedy, "a remedy of the chosen product printed").toBeTruthy();
    expect(t).toContain(lang === "en" ? "R1" : "R5");
  });
});

describe("the selection report of a long short list", () => {
  it("sets a long short list in fit-gap tables of four products each, every product shown", async () => {
    const s = engagements.get("en");
    const rows = new Map(s.data.rows);
    const candidates = [...(rows.get("selection.candidates") ?? [])];
    const responses = [...(rows.get("selection.vendor-responses") ?? [])];
    const meridian = candidates.find((c) => c.cells.name === "Meridian Service Cloud")!;
    const extra = Array.from({ length: 16 }, (_, i) => ({ ...meridian, id: 90_000 + i, cells: { ...meridian.cells, name: `Extra product ${i + 1}`, status: "short-list" } }));
    rows.set("selection.candidates", [...candidates, ...extra]);
    rows.set("selection.vendor-responses", [
      ...responses,
      ...extra.flatMap((p, i) => responses.filter((r) => Number(r.cells.vendor) === meridian.id).map((r, j) => ({ ...r, id: 91_000 + i * 100 + j, cells: { ...r.cells, vendor: p.id } }))),
    ]);
    const file = await exportDeliverable({ db: s.db, project: getProject(s.db, s.id)!, pack: s.pack, data: { ...s.data, rows }, id: "selection-report", lang: "en", actor: ACTOR, renderer: null });
    const t = documentText(file.buffer);
    const matrix = t.slice(t.indexOf("Each product's answer to each requirement"), t.lastIndexOf("Must-have knock-outs"));
    for (const p of extra) expect(matrix).toContain(String(p.cells.name));
    // 19 products: five tables of at most four products beside the requirements, not one table squeezed across a page.
    expect(matrix.match(/: Fit-gap analysis/g)).toHaveLength(Math.ceil((extra.length + 3) / 4));
  });
});

describe("the selection report's summary", () => {
  it("is written from the figures: products, leader and runner-up with their totals, the knock-out, the sensitivity and the cost difference", () => {
    const t = body("en", "selection-report");
    expect(t).toContain("Three products were evaluated against 9 requirements and demonstrated on 4 of the project's own scripts, scored by 3 members of the team.");
    expect(t).toContain("Meridian Service Cloud ranks first with 82.7 points of 100, ahead of Keystone CRM with 63.5.");
    expect(t).toContain("No shift of 10 points in any one criterion's weight changes the leader.");
    expect(t).toContain("The client chose Meridian Service Cloud with Pennant Digital as implementation partner.");
    expect(t).toContain("Brightdesk Service Suite scores 69.7, more than Keystone CRM, but ranks last because R5 is a must-have requirement it does not meet.");
    expect(t).toContain(
      "Over 5 years the chosen option (product and implementation) costs 836,000, 103,000 more than Keystone CRM at 733,000, the lowest-priced option that meets every must-have requirement. All costs are in GBP (£), excluding VAT.",
    );
    expect(t).toContain("Cost over 5 years (GBP (£), excluding VAT)");
  });

  it("names the chosen product as the client's choice in Persian, the doer first, and gives the cost gap from the totals shown", () => {
    const t = body("fa", "selection-report");
    expect(t).toContain("کارفرما پارسا CRM را با شریک پیاده‌سازی داده‌پردازان نوین انتخاب کرد.");
    expect(t).not.toContain("همین محصول انتخاب شد");
    expect(t).toContain("۲٬۰۰۰ بیشتر از رایان ارتباط با ۱۹٬۰۰۰");
    expect(t).toContain("همه هزینه‌ها به میلیون ریال، بدون مالیات بر ارزش افزوده است.");
  });
});

describe("the selection report's sensitivity", () => {
  it("names a product for every shift that changes the leader, as the selection page does (a shift that only ties the lead is no change)", () => {
    const t = body("fa", "selection-report");
    expect(t).not.toContain("بدون نخست واحد");
    expect(t).toContain("۵۲ امتیاز بیشتر: رایان ارتباط");
  });
});

/** The full text, cover included. */
const full = (lang: "en" | "fa", id: string) => texts.get(`${lang}:${id}`)!.replace(/\u00a0/g, " ");
const ISSUED = {
  en: { status: "Issued for response", issueDate: "15 December 2025", record: "Sign-off record", fingerprint: "fingerprint", approved: "Approved", forIssue: "for issue" },
  fa: { status: "صادرشده برای پاسخ", issueDate: "۲۳ دی ۱۴۰۵", record: "سابقه تأیید", fingerprint: "اثرانگشت", approved: "تأییدشده", forIssue: "برای صدور" },
} as const;

describe.each(COMPLETED_ENGAGEMENTS)("the request for proposal as an issued document ($lang)", ({ lang }) => {
  it("says it is issued for response, dated the issue date (cover and revision history), with no phase sign-off record or fingerprint", () => {
    const t = full(lang, "rfp");
    const w = ISSUED[lang];
    const issue = String(engagements.get(lang).data.answers.get("selection.rfp-issue-date")?.value);
    expect(issue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t).toContain(w.status);
    const cover = t.slice(0, t.indexOf(lang === "en" ? "Contents" : "فهرست"));
    expect(cover).not.toContain(w.approved);
    expect(cover).toContain(w.issueDate);
    const control = t.slice(t.lastIndexOf(lang === "en" ? "Revision history" : "تاریخچه"), t.lastIndexOf(lang === "en" ? "Distribution list" : "فهرست توزیع"));
    const dates = [...control.matchAll(lang === "en" ? /\d{1,2} [A-Z][a-z]+ \d{4}/g : /[۰-۹]{1,2} [^\s۰-۹]+ [۰-۹]{4}/g)].map((m) => m[0]);
    expect(dates.length).toBeGreaterThan(0);
    expect(new Set(dates)).toEqual(new Set([w.issueDate]));
    const approval = t.slice(t.lastIndexOf(lang === "en" ? "Approval for issue" : "تأیید برای صدور"));
    expect(approval).toContain(w.issueDate);
    expect(t).not.toContain(w.record);
    expect(approval.toLowerCase()).not.toContain(w.fingerprint);
    expect(approval).toContain(w.forIssue);
  });
});

describe.each(COMPLETED_ENGAGEMENTS)("the selection report's date ($lang)", ({ lang }) => {
  it("is not earlier than the decision it records: cover and first issue carry the sign-off date", () => {
    const t = full(lang, "selection-report");
    const signed = lang === "en" ? "28 January 2026" : "۲۶ بهمن ۱۴۰۵";
    const cover = t.slice(0, t.indexOf(lang === "en" ? "Contents" : "فهرست"));
    expect(cover).toContain(signed);
    const control = t.slice(t.lastIndexOf(lang === "en" ? "Revision history" : "تاریخچه"), t.lastIndexOf(lang === "en" ? "Distribution list" : "فهرست توزیع"));
    expect(control).toContain(signed);
  });
});

describe.each(COMPLETED_ENGAGEMENTS)("what a vendor needs from the request for proposal ($lang)", ({ lang }) => {
  it("says how to submit and how long a proposal stays valid, the timetable after the due date, the users and licences, and the non-functional requirements behind the short list", () => {
    const t = body(lang, "rfp");
    const answer = (id: string) => String(engagements.get(lang).data.answers.get(id)?.value ?? "");
    expect(answer("selection.rfp-submission")).not.toBe("");
    expect(t).toContain(answer("selection.rfp-submission"));
    expect(t).toContain(answer("selection.licence-needs"));
    for (const e of cells(lang, "selection.rfp-timetable")) expect(t).toContain(String(e.event));
    for (const n of cells(lang, "selection.non-functional")) expect(t).toContain(String(n.requirement));
    expect(t).toContain(lang === "en" ? "hosted in the UK" : "تقویم شمسی");
  });
});

describe.each(COMPLETED_ENGAGEMENTS)("the RFP's fit levels ($lang)", ({ lang }) => {
  it("are listed in order of the share of the weight they earn, highest first", () => {
    const t = body(lang, "rfp");
    const d = (s: string) => (lang === "fa" ? s.replace(/\d/g, (x) => "۰۱۲۳۴۵۶۷۸۹"[Number(x)]!) : s);
    const pc = lang === "en" ? "%" : "٪";
    const at = ["100", "80", "60", "40"].map((n) => t.indexOf(`${d(n)}${pc}`, t.lastIndexOf(lang === "en" ? "Share of the requirement's weight" : "سهم از وزن نیازمندی")));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
