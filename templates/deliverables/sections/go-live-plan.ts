/**
 * The go/no-go record's professional sections: each criterion's pass
 * threshold against the actual value Gambegam works out from the deployment
 * records (met or not met), the cut-over plan, the go-live risks, the rollback
 * plan and hypercare (decision 029).
 */
import type { FileChild } from "docx";
import { captionedTable, factsTable, heading, para, rowsOf, type Ctx } from "../../blocks.ts";
import { goNoGoCriteria, type Criterion, type CriterionId } from "../../criteria.ts";
import { formatDate, formatNumber } from "#app/views/format.ts";
import { pct } from "#app/views/change-views.ts";
import { answerOf, filledAnswer, filledFacts, filledRegister, itemHeading } from "./common.ts";

/** The measure a threshold is compared with: a percentage, or (support) a number of people. */
export function criterionActual(c: Criterion): number | null {
  switch (c.id) {
    case "uat":
      return c.passRate ?? (c.runs ? ((c.passed + c.withIssues) / c.runs) * 100 : null);
    case "training":
      return c.planned ? (c.held / c.planned) * 100 : null;
    case "migration":
      return c.migrated + c.rejected > 0 ? (c.migrated / (c.migrated + c.rejected)) * 100 : null;
    case "support":
      return c.people;
  }
}

export function thresholdsSection(ctx: Ctx): FileChild[] {
  const rows = rowsOf(ctx, "deployment.go-thresholds");
  if (!rows.length) return [];
  const p = ctx.s.professional;
  const criteria = new Map(goNoGoCriteria(ctx.data).map((c) => [c.id, c]));
  const show = (id: CriterionId, v: number | null) => (v === null ? "—" : id === "support" ? p.people(formatNumber(v, ctx.lang)) : pct(v, ctx.lang));
  const body = rows.map((r) => {
    const id = String(r.cells.criterion ?? "") as CriterionId;
    const c = criteria.get(id);
    const minimum = typeof r.cells.minimum === "number" ? r.cells.minimum : null;
    const actual = c ? criterionActual(c) : null;
    const result = actual === null || minimum === null ? "no-data" : actual >= minimum ? "met" : "not-met";
    return [c ? ctx.s.goNoGo.criteriaNames[id] : id, String(r.cells.threshold ?? ""), show(id, minimum), show(id, actual), p.thresholdResults[result]];
  });
  const title = itemHeading(ctx, "deployment.go-thresholds");
  const cols = p.thresholdColumns;
  return [
    heading(ctx, title, 1),
    ...captionedTable(ctx, title, { columns: [cols.criterion, cols.threshold, cols.minimum, cols.actual, cols.result], rows: body }),
  ];
}

export function goLivePlan(ctx: Ctx): FileChild[] {
  const p = ctx.s.professional;
  const out: FileChild[] = [...filledRegister(ctx, "deployment.cutover-plan", 1), ...filledRegister(ctx, "deployment.golive-risks", 1)];
  const rollback = filledFacts(ctx, ["deployment.rollback-trigger", "deployment.rollback-owner", "deployment.rollback-time"]);
  const steps = filledAnswer(ctx, "deployment.rollback-steps", 2);
  if (rollback.length || steps.length) out.push(heading(ctx, p.rollback, 1), ...rollback, ...steps);
  const start = answerOf(ctx, "deployment.hypercare-start") && formatDate(String(ctx.data.answers.get("deployment.hypercare-start")?.value), ctx.lang);
  const end = answerOf(ctx, "deployment.hypercare-end") && formatDate(String(ctx.data.answers.get("deployment.hypercare-end")?.value), ctx.lang);
  const hypercare: FileChild[] = [
    ...(start || end ? [factsTable(ctx, [[p.hypercarePeriod, p.period(start || "—", end || "—")]]), para(ctx, "")] : []),
    ...filledRegister(ctx, "deployment.hypercare-levels", 2),
    ...filledAnswer(ctx, "deployment.hypercare-exit", 2),
  ];
  if (hypercare.length) out.push(heading(ctx, p.hypercare, 1), ...hypercare);
  return out;
}
