/**
 * The post-launch review report: adoption against the reference, each
 * goal's KPI progress and the usage and data-quality indicators — each as a
 * chart image with its figures as a table — then the success factors,
 * findings, opportunities, management's decisions, the next plan and the
 * sign-off.
 */
import type { Document, FileChild } from "docx";
import type { DeliverableInput } from "../model.ts";
import { answerFacts, answerSection, captionedTable, createCtx, figure, heading, muted, note, para, registerTable, endMatter, type Ctx } from "../blocks.ts";
import { composeDocument } from "../document.ts";
import { date } from "../text.ts";
import { loc } from "#app/i18n.ts";
import { allItems, findItem } from "#methodology/load.ts";
import { adoptionFigures, kpiFigures, metricFigures } from "#app/domain/adoption.ts";
import { adoptionIssueSentence, adoptionVerdictText, adoptionView, progressView } from "#app/views/change-views.ts";
import { executiveSummary } from "./sections/executive-summary.ts";
import { thresholdsUsed } from "./sections/thresholds.ts";

function chartSection(ctx: Ctx, input: DeliverableInput, key: string, view: { title: string; table: { columns: string[]; rows: string[][] } }): FileChild[] {
  const out: FileChild[] = [];
  if (input.figures[key]) out.push(...figure(ctx, input.figures[key]));
  out.push(...captionedTable(ctx, view.title, view.table));
  return out;
}

export function buildPostLaunchReview(input: DeliverableInput): Document {
  const ctx = createCtx(input);
  const r = ctx.s.review;
  const cfg = input.pack.postLaunchReview!;
  const adoption = adoptionFigures(input.pack, input.data)!;
  const kpi = kpiFigures(input.pack, input.data)!;
  const metrics = metricFigures(input.pack, input.data)!;
  const context = answerFacts(ctx, ["review.review-date", cfg.goLive].filter((id) => findItem(input.pack, id)));
  const body: FileChild[] = [
    ...executiveSummary(ctx, input),
    ...(context.length ? [heading(ctx, r.context, 1), ...context] : []),
    heading(ctx, r.adoption, 1),
    para(ctx, r.adoptionText),
    ...thresholdsUsed(ctx, input, "post-launch-review"),
    ...chartSection(ctx, input, "adoption", adoptionView(adoption, ctx.lang, date)),
    // Without figures there is no verdict to print: the adoption register is an open item.
    ...(adoption.verdict.kind === "no-data" ? [] : [para(ctx, adoptionVerdictText(adoption, ctx.lang, "document"), { bold: true })]),
  ];
  if (adoption.issues.length) body.push(heading(ctx, r.issues, 2), ...adoption.issues.map((x) => note(ctx, adoptionIssueSentence(x, ctx.lang, date, "document"))));
  body.push(...registerTable(ctx, cfg.adoption, { heading: 2 }));
  body.push(heading(ctx, r.kpi, 1), para(ctx, r.kpiText), ...chartSection(ctx, input, "kpi", progressView("kpi", kpi.periods, kpi.series, ctx.lang, date)));
  body.push(heading(ctx, r.metrics, 1), ...chartSection(ctx, input, "metrics", progressView("metrics", metrics.periods, metrics.series, ctx.lang, date)));
  const factors = allItems(input.pack)
    .map(({ item }) => item)
    .filter((i) => i.kind === "question" && /^review\.success-factor-\d+$/.test(i.id))
    .map((i) => i.id);
  const factorParts = factors.length ? [...answerFacts(ctx, factors), ...answerSection(ctx, "review.success-factors-notes")] : [];
  if (factorParts.length) body.push(heading(ctx, r.successFactors, 1), ...factorParts);
  const shown = new Set(["review.review-date", cfg.adoption, cfg.kpiActuals, cfg.metrics]);
  const meeting: FileChild[] = [];
  for (const id of cfg.sections) {
    if (shown.has(id)) continue;
    const it = findItem(input.pack, id);
    if (it?.kind === "register") meeting.push(...registerTable(ctx, id, { heading: 2 }));
    else if (it?.kind === "question") meeting.push(...answerSection(ctx, id, { level: 2 }));
  }
  if (meeting.length) body.push(heading(ctx, r.meeting, 1), ...meeting);
  body.push(...endMatter(ctx, input));
  return composeDocument(ctx, "post-launch-review", input, body);
}
