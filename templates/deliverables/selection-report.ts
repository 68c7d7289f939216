/**
 * The software and partner selection report, signed with the selection
 * phase: the decision and its reasons first, with a summary Gambegam writes
 * from the figures; the long and short lists; the fit-gap matrix with the
 * must-have knock-outs; demo scores per script; the weighted ranking with
 * each criterion's contribution and its sensitivity to the weights; costs
 * over the period; the chosen partner; the chosen product's must-have gaps
 * and their remedies; how the selection was run. Every figure comes from
 * the evaluation the selection page shows (app/domain/selection.ts), so the
 * page and the report cannot disagree (decision 032).
 */
import type { Document, FileChild } from "docx";
import type { DeliverableInput } from "../model.ts";
import { answerFacts, answerSection, captionedTable, checklistTable, createCtx, endMatter, factsTable, heading, note, para, questionText, recordOpen, registerTable, rowsOf, type Ctx } from "../blocks.ts";
import { composeDocument } from "../document.ts";
import { user, type Sentence } from "../text.ts";
import { findItem } from "#methodology/load.ts";
import { SELECTION_CRITERIA, selectionModel, type Candidate, type MatrixCell, type SelectionModel, type SelectionCriterion } from "#app/domain/selection.ts";
import { formatNumber, localDigits } from "#app/views/format.ts";
import { pct } from "#app/views/change-views.ts";
import { itemHeading } from "./sections/common.ts";
import { cellText, choiceLabels, section } from "./sections/selection.ts";

/** A score as the report prints it: one decimal, so that a column's figures line up ("4.0", "4.3"). */
const fig = (ctx: Ctx, n: number | null) => (n === null ? "—" : localDigits((Math.round(n * 10) / 10).toFixed(1), ctx.lang).replace(".", ctx.lang === "fa" ? "٫" : "."));
const count = (ctx: Ctx, n: number) => formatNumber(n, ctx.lang);

/** The user's names joined with the document's list separators, each kept whole in its own direction. */
function names(ctx: Ctx, list: string[]): Sentence {
  const sep = ctx.lang === "fa" ? "، " : ", ";
  const and = ctx.lang === "fa" ? " و " : " and ";
  return list.flatMap((n, i): Sentence => [...(i === 0 ? [] : [i === list.length - 1 ? and : sep]), user(n)]);
}

function criterionWord(ctx: Ctx, c: SelectionCriterion): string {
  return choiceLabels(ctx, "selection.evaluation-weights", "criterion").find((x) => x.id === c)?.label ?? c;
}

function fitWord(ctx: Ctx, fit: string | null): string {
  return fit ? cellText(ctx, "selection.vendor-responses", "fit", fit) : ctx.s.selectionReport.noResponse;
}

/** Products a table takes side by side: a page's width holds four beside the requirement; more go in further tables. */
const PRODUCTS_PER_TABLE = 4;
function groups(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let from = 0; from < n; from += PRODUCTS_PER_TABLE) out.push([from, Math.min(n, from + PRODUCTS_PER_TABLE)]);
  return out;
}

function productName(m: SelectionModel, id: number | null): string | null {
  return id === null ? null : (m.products.find((p) => p.rowId === id)?.name ?? null);
}

/** Must-have requirements the chosen product meets only by development, another product, or not at all. */
function chosenGaps(m: SelectionModel): Array<{ number: string; text: string; cell: MatrixCell }> {
  const chosen = m.chosen.products[0];
  if (!chosen) return [];
  const col = m.products.findIndex((p) => p.rowId === chosen.rowId);
  if (col < 0) return [];
  return m.matrix
    .filter((row) => row.requirement.priority === m.config.knockOut.priority)
    .map((row) => ({ number: row.requirement.number, text: row.requirement.text, cell: row.cells[col]! }))
    .filter(({ cell }) => cell.fit === null || cell.fit === "customisation" || cell.fit === "third-party" || cell.fit === "not-supported");
}

/** The currency and tax basis every cost is in, as the project recorded it ("" when not recorded). */
export function currencyOf(ctx: Ctx): string {
  ctx.shown.add("selection.currency");
  const v = ctx.data.answers.get("selection.currency")?.value;
  return typeof v === "string" ? v.trim() : "";
}

/** The executive summary: three to six sentences of facts from the evaluation, none without figures behind it. */
function summary(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  if (!m.products.length) return [];
  const out: Sentence[] = [];
  const scorers = Math.max(0, ...m.evaluations.map((e) => e.demo.scorers));
  out.push([r.overview(count(ctx, m.products.length), count(ctx, m.requirements.length), count(ctx, m.scripts.length), count(ctx, scorers))]);
  const leader = m.ranking.find((x) => x.productId === m.leader);
  if (leader) {
    const second = m.ranking.find((x) => x.productId !== leader.productId && !x.knockedOut);
    out.push(r.leader(leader.name, fig(ctx, leader.total), second?.name ?? null, second ? fig(ctx, second.total) : ""));
  } else out.push([r.noLeader]);
  const chosen = m.chosen.products[0];
  if (chosen) {
    const partner = m.chosen.partners[0]?.name ?? null;
    const place = m.ranking.find((x) => x.productId === chosen.rowId);
    if (leader && chosen.rowId === leader.productId) out.push(r.chosenIsLeader(chosen.name, partner));
    else if (place) out.push(r.chosenOther(chosen.name, count(ctx, place.rank)));
  }
  const knocked = m.ranking.filter((x) => x.knockedOut);
  for (const k of knocked) {
    // Ranked below products it outscored: say why, by the must-haves it does not meet.
    const below = m.ranking.filter((x) => !x.knockedOut && x.total < k.total).map((x) => x.name);
    const reqs = (m.evaluations.find((e) => e.product.rowId === k.productId)?.knockOuts ?? []).map((id) => m.requirements.find((q) => q.rowId === id)?.number).filter((n): n is string => Boolean(n));
    if (below.length && reqs.length) out.push(r.knockedOutAbove(k.name, fig(ctx, k.total), names(ctx, below), reqs.join(ctx.lang === "fa" ? "، " : ", "), reqs.length));
  }
  const plain = knocked.filter((k) => !m.ranking.some((x) => !x.knockedOut && x.total < k.total)).map((x) => x.name);
  if (plain.length) out.push(r.knockedOut(names(ctx, plain), plain.length));
  if (leader) {
    const step = count(ctx, m.sensitivity.step);
    // As the selection page reads it: a shift that only ties the lead changes no leader.
    const tips = m.sensitivity.criteria.filter((c) => c.tippingShift && c.tippingShift.leader !== null).sort((a, b) => Math.abs(a.tippingShift!.shift) - Math.abs(b.tippingShift!.shift));
    const first = tips[0];
    if (m.sensitivity.robust) {
      out.push([r.robust(step)]);
      if (first) out.push(r.tipping(criterionWord(ctx, first.criterion), signedPoints(ctx, first.tippingShift!.shift), productName(m, first.tippingShift!.leader)));
    } else if (first) out.push(r.fragile(criterionWord(ctx, first.criterion), signedPoints(ctx, first.tippingShift!.shift), productName(m, first.tippingShift!.leader)));
  }
  if (chosen?.cost != null && m.costPeriod) {
    // The gap is worked from the option totals the cost table shows, against the cheapest option still in the running.
    const out2 = new Set(knocked.map((k) => k.productId));
    const priced = m.products.filter((p) => p.cost !== null).sort((a, b) => a.cost! - b.cost!);
    const qualified = priced.filter((p) => !out2.has(p.rowId));
    const lowest = qualified[0] ?? priced[0];
    if (lowest && lowest.rowId !== chosen.rowId && lowest.cost! < chosen.cost)
      out.push(r.costSentence(count(ctx, m.costPeriod), count(ctx, chosen.cost), count(ctx, lowest.cost!), lowest.name, count(ctx, chosen.cost - lowest.cost!), lowest === qualified[0]));
  }
  const currency = currencyOf(ctx);
  if (currency && chosen?.cost != null) out.push(r.currencyNote(currency));
  const gaps = chosenGaps(m);
  if (chosen) out.push([gaps.length ? r.gaps(gaps.length, gaps.filter((g) => !g.cell.remedy).length) : r.noGaps]);
  return [heading(ctx, r.summary, 2), para(ctx, out.flatMap((s, i) => (i ? [" ", ...s] : s)))];
}

/** "35 points up" / "10 points down". */
function signedPoints(ctx: Ctx, shift: number): string {
  const r = ctx.s.selectionReport;
  const n = count(ctx, Math.abs(shift));
  return shift > 0 ? r.shiftUp(n) : r.shiftDown(n);
}

function decision(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  const facts: Array<[string, string]> = [
    ...m.chosen.products.map((p): [string, string] => [r.chosenProduct, p.name]),
    ...m.chosen.partners.map((p): [string, string] => [r.chosenPartner, p.name]),
  ];
  // The date and who decided in the same table as the choice; an unanswered one goes to the open items.
  for (const id of ["selection.decision-date", "selection.decided-by"]) {
    const it = findItem(ctx.pack, id);
    if (!it) continue;
    ctx.shown.add(id);
    const answer = questionText(ctx, id);
    if (answer) facts.push([itemHeading(ctx, id), answer]);
    else if (ctx.draft) facts.push([itemHeading(ctx, id), ctx.s.open.mark]);
    else recordOpen(ctx, it);
  }
  return [
    heading(ctx, r.decision, 1),
    ...(facts.length ? [factsTable(ctx, facts), para(ctx, "")] : []),
    ...summary(ctx, m),
    ...answerSection(ctx, "selection.decision-reasons", { level: 2 }),
  ];
}

/** The candidates of one kind: name, offering, status and why. */
function candidateTable(ctx: Ctx, title: string, list: Candidate[]): FileChild[] {
  const r = ctx.s.selectionReport;
  if (!list.length) return [];
  return [
    heading(ctx, title, 2),
    ...captionedTable(ctx, title, {
      columns: [r.name, r.offering, r.status, r.reason],
      rows: list.map((c) => [c.name, c.offering, cellText(ctx, "selection.candidates", "status", c.status), c.reason]),
    }),
  ];
}

function lists(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  const id = "selection.candidates";
  ctx.shown.add(id);
  if (!m.candidates.length) {
    const it = findItem(ctx.pack, id);
    if (it && !ctx.draft) recordOpen(ctx, it);
    return [];
  }
  return section(ctx, itemHeading(ctx, id), [
    ...candidateTable(ctx, r.products, m.candidates.filter((c) => c.kind === "product")),
    ...candidateTable(ctx, r.partners, m.candidates.filter((c) => c.kind === "partner")),
    ...answerSection(ctx, "selection.shortlist-criteria", { level: 2 }),
  ]);
}

function fitGap(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  const s = ctx.s.selection;
  const id = "selection.vendor-responses";
  ctx.shown.add(id);
  if (!m.products.length || !rowsOf(ctx, id).length) {
    const it = findItem(ctx.pack, id);
    if (it && !ctx.draft) recordOpen(ctx, it);
    return [];
  }
  const title = itemHeading(ctx, id);
  const tables = groups(m.products.length).flatMap(([from, to]) => {
    const rows = m.matrix.map((row) => [
      row.requirement.number,
      row.requirement.text,
      cellText(ctx, "requirements.register", "priority", row.requirement.priority),
      ...row.cells.slice(from, to).map((c) => (c.knockOut ? r.knockOutMark(fitWord(ctx, c.fit)) : fitWord(ctx, c.fit))),
    ]);
    rows.push(["", r.fitScoreRow, "", ...m.evaluations.slice(from, to).map((e) => fig(ctx, e.fitScore))]);
    return captionedTable(ctx, title, { columns: [s.number, s.requirement, s.priority, ...m.products.slice(from, to).map((p) => p.name)], rows }, { keep: true });
  });
  const byNumber = new Map(m.requirements.map((q) => [q.rowId, q.number]));
  const knocked = m.evaluations.filter((e) => e.knockedOut);
  return [
    heading(ctx, title, 1),
    para(ctx, r.matrixIntro, { keepNext: true }),
    ...tables,
    heading(ctx, r.knockOuts, 2),
    ...(knocked.length
      ? knocked.map((e) =>
          para(
            ctx,
            r.knockOutLine(
              e.product.name,
              e.knockOuts
                .map((rowId) => {
                  const cell = m.matrix.find((x) => x.requirement.rowId === rowId)?.cells.find((c) => c.productId === e.product.rowId);
                  return `${byNumber.get(rowId)} ${m.requirements.find((q) => q.rowId === rowId)?.text ?? ""} (${fitWord(ctx, cell?.fit ?? null)})`;
                })
                .join(ctx.lang === "fa" ? "؛ " : "; "),
            ),
          ),
        )
      : [para(ctx, r.noKnockOuts)]),
  ];
}

function demos(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  const id = "selection.demo-scores";
  ctx.shown.add(id);
  ctx.shown.add("selection.demo-scripts");
  if (!m.scripts.length || !m.evaluations.some((e) => e.demo.scriptsScored > 0)) {
    for (const x of ["selection.demo-scripts", id]) {
      const it = findItem(ctx.pack, x);
      if (it && !ctx.draft && !(x === "selection.demo-scripts" && m.scripts.length)) recordOpen(ctx, it);
    }
    return [];
  }
  const title = itemHeading(ctx, id);
  const scorers = Math.max(0, ...m.evaluations.map((e) => e.demo.scorers));
  const tables = groups(m.products.length).flatMap(([from, to]) => {
    const shown = m.evaluations.slice(from, to);
    const rows = m.scripts.map((script, i) => [formatNumber(i + 1, ctx.lang), script.name, ...shown.map((e) => fig(ctx, e.demo.perScript[i]?.mean ?? null))]);
    rows.push(["", r.meanRow, ...shown.map((e) => fig(ctx, e.demo.mean))], ["", r.demoScoreRow, ...shown.map((e) => fig(ctx, e.demo.score))]);
    return captionedTable(ctx, title, { columns: ["#", ctx.s.selection.script, ...m.products.slice(from, to).map((p) => p.name)], rows });
  });
  return [heading(ctx, title, 1), para(ctx, r.demoIntro(count(ctx, scorers)), { keepNext: true }), ...tables];
}

function ranking(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  ctx.shown.add("selection.evaluation-weights");
  if (!m.ranking.length) return [];
  const weightsTitle = itemHeading(ctx, "selection.evaluation-weights");
  const why = new Map(rowsOf(ctx, "selection.evaluation-weights").map((row) => [String(row.cells.criterion ?? ""), String(row.cells.why ?? "")]));
  const numbers = new Map(m.requirements.map((q) => [q.rowId, q.number]));
  const sep = ctx.lang === "fa" ? "، " : ", ";
  const rows = m.ranking.map((x) => {
    const e = m.evaluations.find((v) => v.product.rowId === x.productId)!;
    const marks = [x.chosen ? r.chosenMark : "", x.knockedOut ? r.knockedOutMark(e.knockOuts.map((id) => numbers.get(id)).join(sep)) : ""].filter(Boolean);
    return [count(ctx, x.rank), marks.length ? `${x.name}\n${marks.join(sep)}` : x.name, ...SELECTION_CRITERIA.map((c) => fig(ctx, x.contributions[c])), fig(ctx, x.total)];
  });
  const step = count(ctx, m.sensitivity.step);
  const leaderName = (id: number | null) => productName(m, id) ?? r.noSingleLeader;
  const sens = m.sensitivity.criteria.map((c) => [
    criterionWord(ctx, c.criterion),
    pct(m.weights.share[c.criterion] * 100, ctx.lang),
    leaderName(c.down.leader),
    leaderName(c.up.leader),
    c.tippingShift && c.tippingShift.leader !== null ? `${signedPoints(ctx, c.tippingShift.shift)}: ${leaderName(c.tippingShift.leader)}` : r.noTipping,
  ]);
  return [
    heading(ctx, r.evaluation, 1),
    heading(ctx, weightsTitle, 2),
    ...(m.weights.from === "default" ? [note(ctx, r.weightsDefault)] : []),
    ...captionedTable(ctx, weightsTitle, {
      columns: [r.criterion, r.weight, ...(m.weights.from === "project" ? [itemHeadingColumn(ctx)] : [])],
      rows: SELECTION_CRITERIA.map((c) => [criterionWord(ctx, c), pct(m.weights.share[c] * 100, ctx.lang), ...(m.weights.from === "project" ? [why.get(c) ?? ""] : [])]),
    }),
    heading(ctx, r.ranking, 2),
    para(ctx, r.rankingIntro, { keepNext: true }),
    ...captionedTable(ctx, r.ranking, { columns: [r.rank, r.product, ...SELECTION_CRITERIA.map((c) => criterionWord(ctx, c)), r.total], rows }),
    heading(ctx, r.sensitivity, 2),
    para(ctx, r.sensitivityIntro(step), { keepNext: true }),
    ...captionedTable(ctx, r.sensitivity, { columns: [r.criterion, r.weight, r.leaderDown(step), r.leaderUp(step), r.tippingColumn], rows: sens }),
    ...answerSection(ctx, "selection.evaluation-notes", { level: 2 }),
  ];
}

/** The weights register's "why" column label. */
function itemHeadingColumn(ctx: Ctx): string {
  const it = findItem(ctx.pack, "selection.evaluation-weights");
  const col = it?.kind === "register" ? it.columns.find((c) => c.id === "why") : undefined;
  return col ? (ctx.lang === "fa" ? col.label.fa : col.label.en) : "";
}

function costs(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  const priced = m.candidates.filter((c) => c.cost !== null && c.status !== "rejected");
  if (!priced.length) return [];
  const scoreOf = (c: Candidate) => m.evaluations.find((e) => e.product.rowId === c.rowId)?.costScore ?? null;
  return [
    heading(ctx, r.costs, 1),
    para(ctx, m.costPeriod ? r.costsIntro(count(ctx, m.costPeriod)) : r.costsIntroNoPeriod, { keepNext: true }),
    ...captionedTable(ctx, r.costs, {
      columns: [r.name, r.kind, r.status, m.costPeriod ? r.costOver(count(ctx, m.costPeriod), currencyOf(ctx)) : r.cost, r.costScore],
      rows: priced.map((c) => [c.name, r.kindWords[c.kind ?? ""] ?? "", cellText(ctx, "selection.candidates", "status", c.status), count(ctx, c.cost!), c.kind === "product" ? fig(ctx, scoreOf(c)) : "—"]),
    }),
  ];
}

function partner(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  const list = m.chosen.partners;
  if (!list.length) return [];
  const of5 = (n: number | null) => (n === null ? "" : r.scoreOf5(count(ctx, n)));
  return [
    heading(ctx, r.partner, 1),
    ...list.flatMap((p) => [
      factsTable(
        ctx,
        (
          [
            [r.name, p.name],
            [r.offering, p.offering],
            [r.whyChosen, p.reason],
            [r.referencesScore, of5(p.references)],
            [r.partnerStrength, of5(p.partnerStrength)],
            [m.costPeriod ? r.costOver(count(ctx, m.costPeriod), currencyOf(ctx)) : r.cost, p.cost === null ? "" : count(ctx, p.cost)],
          ] as Array<[string, string]>
        ).filter(([, v]) => v),
      ),
      para(ctx, ""),
    ]),
  ];
}

function gaps(ctx: Ctx, m: SelectionModel): FileChild[] {
  const r = ctx.s.selectionReport;
  const chosen = m.chosen.products[0];
  if (!chosen) return [];
  const list = chosenGaps(m);
  const body: FileChild[] = list.length
    ? [
        para(ctx, r.gapsIntro(chosen.name), { keepNext: true }),
        ...captionedTable(ctx, r.gapsHeading, {
          columns: [ctx.s.selection.number, ctx.s.selection.requirement, r.fit, r.comment, r.remedy],
          rows: list.map((g) => [g.number, g.text, fitWord(ctx, g.cell.fit), g.cell.comment, g.cell.remedy || r.noRemedy]),
        }),
      ]
    : [para(ctx, r.noGaps)];
  return [heading(ctx, r.gapsHeading, 1), ...body, ...answerSection(ctx, "selection.gap-remedies", { level: 2 })];
}

function process(ctx: Ctx): FileChild[] {
  return section(ctx, ctx.s.selectionReport.process, [
    ...answerFacts(ctx, ["selection.rfp-issue-date", "selection.rfp-due-date", "selection.rfp-contact", "selection.cost-period", "selection.currency"]),
    ...checklistTable(ctx, ["selection.task-rfp", "selection.task-references"]),
    ...registerTable(ctx, "selection.rfp-timetable", { heading: 2 }),
  ]);
}

/**
 * The report records a decision, so it is never dated before it: signed and
 * unchanged, it carries the sign-off date (the content signed is the content
 * printed); otherwise the later of the export date and the decision date.
 * A first issue carries that date; of several versions, none is dated
 * before it (an earlier export was a draft of a decision not yet taken).
 */
export function reportDate(input: DeliverableInput): string {
  const exported = input.generatedAt.slice(0, 10);
  const approval = input.signOff?.status === "signed" && !input.signOff.changedSinceSignoff ? input.signOff.lastApproval?.at.slice(0, 10) : undefined;
  if (approval) return approval;
  const decided = input.data.answers.get("selection.decision-date")?.value;
  return typeof decided === "string" && /^\d{4}-\d{2}-\d{2}$/.test(decided) && decided > exported ? decided : exported;
}

function datedReport(input: DeliverableInput): DeliverableInput {
  if (input.draft) return input;
  const dated = reportDate(input);
  // One version so far: its first issue is the report's date. Several: none is dated before the decision.
  const revisions =
    input.revisions && input.revisions.length <= 1
      ? input.revisions.map((r) => ({ ...r, date: dated }))
      : input.revisions?.map((r) => ({ ...r, date: r.date.slice(0, 10) < dated ? dated : r.date }));
  return { ...input, dated, ...(revisions ? { revisions } : {}) };
}

export function buildSelectionReport(given: DeliverableInput): Document {
  const input = datedReport(given);
  const ctx = createCtx(input);
  const m = selectionModel(input.pack, input.data);
  const body: FileChild[] = m
    ? [...decision(ctx, m), ...lists(ctx, m), ...fitGap(ctx, m), ...demos(ctx, m), ...ranking(ctx, m), ...costs(ctx, m), ...partner(ctx, m), ...gaps(ctx, m), ...process(ctx)]
    : [];
  return composeDocument(ctx, "selection-report", input, [...body, ...endMatter(ctx, input)]);
}
