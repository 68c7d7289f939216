/**
 * The go/no-go decision record: the criteria and their state when the
 * decision was taken, the decision itself, its conditions and who decided.
 */
import type { Document, FileChild } from "docx";
import type { DeliverableInput } from "../model.ts";
import { answerFacts, answerSection, checklistTable, checklistTitle, createCtx, heading, openNote, para, questionText, recordOpen, registerTable, endMatter, table, type Ctx } from "../blocks.ts";
import { findItem } from "#methodology/load.ts";
import { composeDocument } from "../document.ts";
import { goNoGoCriteria, type Criterion } from "../criteria.ts";
import { num } from "../text.ts";
import { goLivePlan, thresholdsSection } from "./sections/go-live-plan.ts";

function evidence(ctx: Ctx, c: Criterion): string {
  const e = ctx.s.goNoGo.evidenceText;
  const n = (x: number) => num(x, ctx.lang);
  const task = (id: string, status: string | null) => (status ? e.task(checklistTitle(ctx, id), ctx.s.checklistStatus[status as keyof typeof ctx.s.checklistStatus]) : "");
  switch (c.id) {
    case "uat":
      return [c.runs ? e.uat(n(c.runs), n(c.passed), n(c.withIssues), n(c.failed), n(c.serious)) : "", c.passRate !== null ? e.passRate(n(c.passRate)) : ""].filter(Boolean).join("\n");
    case "training":
      return [c.planned ? e.training(n(c.held), n(c.planned), n(c.attendees)) : "", task("deployment.task-train-users", c.taskStatus)].filter(Boolean).join("\n");
    case "migration":
      return [c.sets ? e.migration(n(c.sets), n(c.migrated), n(c.rejected), n(c.verified)) : "", task("deployment.task-final-migration", c.taskStatus)].filter(Boolean).join("\n");
    case "support":
      return [c.people || c.mechanisms ? e.support(n(c.people), n(c.mechanisms)) : "", task("deployment.task-support-plan", c.taskStatus)].filter(Boolean).join("\n");
  }
}

export function buildGoNoGoRecord(input: DeliverableInput): Document {
  const ctx = createCtx(input);
  const g = ctx.s.goNoGo;
  const decision = questionText(ctx, "deployment.go-decision");
  const criteria = goNoGoCriteria(input.data);
  const decisionItem = findItem(input.pack, "deployment.go-decision");
  if (!decision && !ctx.draft && decisionItem) recordOpen(ctx, decisionItem);
  else ctx.shown.add("deployment.go-decision");
  const details = [
    ...registerTable(ctx, "deployment.uat-results", { heading: 2 }),
    ...registerTable(ctx, "deployment.training-sessions", { heading: 2 }),
    ...registerTable(ctx, "deployment.migration-log", { heading: 2, totals: ["records-migrated", "records-rejected"] }),
    ...registerTable(ctx, "deployment.support-team", { heading: 2 }),
    ...registerTable(ctx, "deployment.support-mechanisms", { heading: 2 }),
    ...checklistTable(ctx, ["deployment.task-uat-pilot", "deployment.task-train-users", "deployment.task-final-migration", "deployment.task-support-plan", "deployment.task-go-decision"]),
  ];
  const body: FileChild[] = [
    heading(ctx, g.decision, 1),
    ...(decision ? [para(ctx, `${g.decisionLabel}: ${decision}`, { bold: true, size: 28, color: input.branding.primaryColor })] : ctx.draft ? [openNote(ctx)] : []),
    ...answerFacts(ctx, ["deployment.go-decision-date", "deployment.go-live-date"]),
    ...answerSection(ctx, "deployment.go-rationale", { level: 2 }),
    ...registerTable(ctx, "deployment.go-conditions", { title: g.conditions, heading: 2 }),
    ...registerTable(ctx, "deployment.go-participants", { title: g.whoDecided, heading: 2 }),
    heading(ctx, g.criteria, 1),
    table(
      ctx,
      [{ label: g.criterion }, { label: g.state }, { label: g.evidence }],
      criteria.map((c) => [g.criteriaNames[c.id], g.states[c.state], evidence(ctx, c)]),
      { boldFirstColumn: true },
    ),
    para(ctx, ""),
    ...thresholdsSection(ctx),
    ...goLivePlan(ctx),
    ...(details.length ? [heading(ctx, g.details, 1), ...details] : []),
    ...endMatter(ctx, input),
  ];
  return composeDocument(ctx, "go-no-go", input, body);
}
