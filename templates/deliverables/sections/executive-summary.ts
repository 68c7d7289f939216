/**
 * The review report opens with an executive summary written by Gambegam from
 * the figures (app/views/review-summary.ts): adoption, KPI progress, usage
 * and data quality, and management's decision (decision 029).
 */
import type { FileChild } from "docx";
import { heading, para, type Ctx } from "../../blocks.ts";
import type { DeliverableInput } from "../../model.ts";
import { adoptionFigures, kpiFigures, metricFigures } from "#app/domain/adoption.ts";
import { reviewSummary } from "#app/views/review-summary.ts";
import { answerOf } from "./common.ts";

export function executiveSummary(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const sentences = reviewSummary(
    {
      adoption: adoptionFigures(input.pack, input.data),
      kpi: kpiFigures(input.pack, input.data)?.series ?? [],
      metrics: metricFigures(input.pack, input.data)?.series ?? [],
      decision: answerOf(ctx, "review.management-decisions"),
    },
    ctx.lang,
  );
  return sentences.length ? [heading(ctx, ctx.s.professional.executiveSummary, 1), para(ctx, sentences.join(" "))] : [];
}
