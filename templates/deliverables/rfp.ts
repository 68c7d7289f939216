/**
 * The request for proposal, written from the project's own requirements once
 * they are signed: the client and the project, the scope, instructions and
 * dates, the requirements by number (R1, R2, … as the response sheet repeats
 * them), integration, data migration, remote users, reports, training,
 * support and the technical environment; then what a proposal must contain
 * (the response sheet with the fit levels explained, prices over the period,
 * references, the partner, a demonstration on the client's own scripts) and
 * how proposals are evaluated (the criteria and their weights). What an RFP
 * must hold is good practice, not the sources' (decision 032).
 */
import type { Document, FileChild } from "docx";
import type { DeliverableInput } from "../model.ts";
import { answerFacts, answerSection, captionedTable, createCtx, endMatter, heading, para, registerTable, type Ctx } from "../blocks.ts";
import { composeDocument } from "../document.ts";
import { date, user } from "../text.ts";
import { formatNumber } from "#app/views/format.ts";
import { pct } from "#app/views/change-views.ts";
import { answerOf, itemHeading } from "./sections/common.ts";
import { choiceLabels, demoScriptTable, evaluationWeights, requirementTable, scoring, section } from "./sections/selection.ts";

/** The instructions and timetable: the dates and contact, then what every vendor must do. */
function instructions(ctx: Ctx): FileChild[] {
  const r = ctx.s.rfp;
  const dates = answerFacts(ctx, ["selection.rfp-issue-date", "selection.rfp-due-date", "selection.rfp-contact"]);
  return [
    ...dates,
    ...r.instructions.map((line, i) => para(ctx, `${formatNumber(i + 1, ctx.lang)}. ${line}`)),
    ...answerSection(ctx, "selection.rfp-submission", { level: 2 }),
    ...registerTable(ctx, "selection.rfp-timetable", { heading: 2 }),
  ];
}

/** What a proposal must contain, the fit levels the response sheet offers, and the client's demonstration scripts. */
function responseContents(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const r = ctx.s.rfp;
  const years = Number(answerOf(ctx, "selection.cost-period").replace(/[^\d۰-۹]/g, "").replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)))) || 0;
  ctx.shown.add("selection.cost-period");
  const currency = String(input.data.answers.get("selection.currency")?.value ?? "").trim();
  ctx.shown.add("selection.currency");
  const items = r.contents(years ? formatNumber(years, ctx.lang) : "", currency);
  const shares = scoring(input).fitScores;
  // In order of the share each level earns, highest first (the register keeps its own order).
  const levels = choiceLabels(ctx, "selection.vendor-responses", "fit").sort((a, b) => (shares[b.id] ?? -1) - (shares[a.id] ?? -1));
  const out: FileChild[] = [
    heading(ctx, r.responseContents, 1),
    para(ctx, r.contentsIntro, { keepNext: true }),
    ...items.map((line, i) => para(ctx, `${formatNumber(i + 1, ctx.lang)}. ${line}`)),
  ];
  if (levels.length) {
    out.push(
      heading(ctx, r.fitLevels, 2),
      para(ctx, r.fitLevelsIntro, { keepNext: true }),
      ...captionedTable(ctx, r.fitLevels, {
        columns: [r.fitLevel, r.fitMeaning, r.fitShare],
        rows: levels.map(({ id, label }) => [label, r.fitMeanings[id as keyof typeof r.fitMeanings] ?? "", id in shares ? pct(shares[id]! * 100, ctx.lang) : "—"]),
      }),
    );
  }
  const scripts = demoScriptTable(ctx);
  if (scripts.length) out.push(heading(ctx, itemHeading(ctx, "selection.demo-scripts"), 2), para(ctx, r.demoIntro, { keepNext: true }), ...scripts);
  return out;
}

/** How proposals are evaluated: the criteria and their weights, how fit is scored and the knock-out rule. */
function evaluation(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const r = ctx.s.rfp;
  const weights = evaluationWeights(ctx, input);
  if (!weights.length) return [];
  return [
    heading(ctx, r.evaluation, 1),
    para(ctx, r.evaluationIntro, { keepNext: true }),
    ...captionedTable(ctx, r.criteriaTable, { columns: [r.criterion, r.weight, r.measures], rows: weights.map((w) => [w.label, w.weight, r.criterionMeanings[w.id as keyof typeof r.criterionMeanings] ?? ""]) }),
    ...fitRules(ctx, input),
    para(ctx, r.otherCriteria),
  ];
}

/** How fit is scored and the knock-out rule, in the pack's own figures and the registers' own labels. */
function fitRules(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const r = ctx.s.rfp;
  const cfg = scoring(input);
  const sep = ctx.lang === "fa" ? "، " : ", ";
  const priorities = choiceLabels(ctx, "requirements.register", "priority").filter((p) => (cfg.priorityWeights[p.id] ?? 0) > 0);
  if (!priorities.length) return [];
  const must = priorities.find((p) => p.id === "must")?.label ?? priorities[0]!.label;
  return [para(ctx, r.fitScoring(priorities.map((p) => r.times(p.label, formatNumber(cfg.priorityWeights[p.id]!, ctx.lang))).join(sep))), para(ctx, r.knockOut(must))];
}

/**
 * Vendors read the RFP as an issued document: once the issue date is
 * recorded, the cover and the revision history carry that date and say
 * "Issued for response", and the approval is the client's approval for
 * issue, signed before that date. The selection phase's sign-off record
 * (its date, comments and fingerprints speak of candidates and the decision)
 * is never printed in it (decision 032).
 */
function asIssued(input: DeliverableInput, issueDate: string | null): DeliverableInput {
  const base: DeliverableInput = { ...input, signOff: null };
  if (!issueDate || input.draft) return base;
  const last = input.revisions?.at(-1);
  return {
    ...base,
    dated: issueDate,
    issuedForResponse: true,
    revisions: [{ version: input.version, date: issueDate, author: last?.author ?? input.author ?? "", changes: null }],
  };
}

/** The recorded issue date (ISO), or null. */
function issueDateOf(input: DeliverableInput): string | null {
  const v = input.data.answers.get("selection.rfp-issue-date")?.value;
  return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

export function buildRfp(given: DeliverableInput): Document {
  const issueDate = issueDateOf(given);
  const input = asIssued(given, issueDate);
  const ctx = createCtx(input);
  const r = ctx.s.rfp;
  const body: FileChild[] = [
    heading(ctx, r.about, 1),
    para(ctx, [r.aboutText[0], user(input.project.client), r.aboutText[1], user(input.project.name), r.aboutText[2]]),
    ...section(ctx, r.clientAndProject, [
      ...(input.project.description.trim() ? [para(ctx, user(input.project.description))] : []),
      ...answerSection(ctx, "vision.strategy-statement", { level: 2 }),
      ...registerTable(ctx, "goals.register", { title: r.goals, heading: 2, columns: ["goal", "kpi", "unit", "baseline", "target", "target-date"] }),
      ...registerTable(ctx, "goals.roadmap", { title: r.stages, heading: 2, columns: ["name", "start", "end", "focus"] }),
    ]),
    ...section(ctx, r.scope, [
      ...answerSection(ctx, "requirements.high-level-scope", { level: 2 }),
      ...registerTable(ctx, "requirements.scope-in", { title: ctx.s.scope.inScope, heading: 2 }),
      ...registerTable(ctx, "requirements.scope-out", { title: ctx.s.scope.outOfScope, heading: 2 }),
      ...answerSection(ctx, "selection.licence-needs", { level: 2 }),
    ]),
    heading(ctx, r.instructionsHeading, 1),
    ...instructions(ctx),
    ...section(ctx, ctx.s.scope.requirements, requirementTable(ctx)),
    ...section(ctx, itemHeading(ctx, "selection.non-functional"), registerTable(ctx, "selection.non-functional", { heading: false })),
    ...section(ctx, ctx.s.scope.integration, registerTable(ctx, "requirements.integration-points", { heading: false })),
    ...section(ctx, ctx.s.scope.dataConversion, registerTable(ctx, "requirements.data-conversion", { heading: false })),
    ...section(ctx, ctx.s.scope.remoteUsers, registerTable(ctx, "requirements.remote-users", { heading: false })),
    ...section(ctx, ctx.s.scope.reports, [
      ...registerTable(ctx, "requirements.reports", { heading: false }),
      ...registerTable(ctx, "requirements.document-templates", { title: ctx.s.scope.documentTemplates, heading: 2 }),
    ]),
    ...section(ctx, ctx.s.scope.training, registerTable(ctx, "requirements.training-scope", { heading: false, columns: ["audience", "audience-type", "format", "depth", "breadth"] })),
    ...section(ctx, ctx.s.scope.support, registerTable(ctx, "requirements.support", { heading: false })),
    ...section(ctx, ctx.s.scope.technical, registerTable(ctx, "requirements.technical-environment", { heading: false })),
    ...responseContents(ctx, input),
    ...evaluation(ctx, input),
    ...endMatter(ctx, input, {
      heading: r.approvalHeading,
      clientOnly: true,
      ...(issueDate && !input.draft ? { intro: r.approvalForIssue(ctx.s.version(input.version), date(issueDate, ctx.lang)) } : {}),
    }),
  ];
  return composeDocument(ctx, "rfp", input, body);
}
