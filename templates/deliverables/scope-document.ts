/**
 * The scope document, written at the end of requirements analysis: what the
 * project will deliver and why, what it will not, and what was signed.
 */
import type { Document, FileChild } from "docx";
import type { DeliverableInput } from "../model.ts";
import { isLandscapeFigure, OrientationMarker, answerFacts, answerSection, captionedTable, createCtx, figure, heading, hasItem, muted, note, para, registerTable, endMatter, factsTable, type Ctx } from "../blocks.ts";
import { composeDocument } from "../document.ts";
import { date, user } from "../text.ts";
import { i18nFor } from "#app/i18n.ts";
import { moscowRanking, rankingMethod, readCriteria, readGoals, readScores, stageNames, valueEffortMatrix, weightedRanking } from "#app/domain/planning.ts";
import { rankingTable, scoreGridTable } from "#app/views/planning-views.ts";
import { statementOfWork } from "./sections/statement-of-work.ts";
import { customerResearch } from "./sections/customer-research.ts";

function figures(ctx: Ctx, input: DeliverableInput, keys: string[]): FileChild[] {
  return keys.flatMap((k) => (input.figures[k] ? figure(ctx, input.figures[k]!) : []));
}

function section(ctx: Ctx, title: string, parts: FileChild[]): FileChild[] {
  if (!parts.length) return [];
  // A section opening on a landscape page (a wide diagram) has its heading there too, not alone on the page before.
  const [first, ...rest] = parts;
  return first instanceof OrientationMarker ? [first, heading(ctx, title, 1), ...rest] : [heading(ctx, title, 1), ...parts];
}

/** A sub-heading over figures: on the landscape page with them when the first needs one, not alone at the foot of the page before. */
function headedFigures(ctx: Ctx, title: string, parts: FileChild[]): FileChild[] {
  const [first, ...rest] = parts;
  return first instanceof OrientationMarker ? [first, heading(ctx, title, 2), ...rest] : [heading(ctx, title, 2), ...parts];
}

/**
 * How the goals were prioritised, as the prioritisation page shows it: the
 * ranking by the team's method, the criteria and every score behind it, and
 * the value-versus-effort matrix with the key to its numbered points.
 */
function prioritisation(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const cfg = input.pack.planning;
  if (!cfg) return [];
  const goals = readGoals(cfg, input.data);
  if (!goals.length) return [];
  const s = ctx.s.scope;
  const { t } = i18nFor(ctx.lang);
  const criteria = readCriteria(cfg, input.data);
  const scores = readScores(cfg, input.data);
  const method = rankingMethod(cfg, input.data);
  const ranking = method === "moscow" ? moscowRanking(goals) : weightedRanking(goals, criteria, scores);
  const out: FileChild[] = [heading(ctx, s.ranking, 2), para(ctx, s.rankingText[method])];
  if (ranking.problem === "no-criteria" || ranking.problem === "zero-weights") out.push(note(ctx, s.rankingProblem[ranking.problem]));
  out.push(...captionedTable(ctx, s.ranking, rankingTable(ranking, stageNames(cfg, input.data), ctx.lang)));

  if (criteria.length) {
    out.push(heading(ctx, s.criteriaAndScores, 2), ...registerTable(ctx, cfg.criteria, { heading: false }));
    out.push(...captionedTable(ctx, s.scores, scoreGridTable(goals, criteria, scores, ctx.lang)));
  }

  const matrix = input.figures["value-effort"];
  if (matrix) {
    out.push(heading(ctx, s.valueEffort, 2), para(ctx, s.valueEffortText, { keepNext: true }), ...figure(ctx, matrix));
    // A drawn matrix numbers its goals: the table says which is which (a matrix not drawn is this table already).
    if (matrix.image.kind === "image") out.push(...captionedTable(ctx, s.valueEffort, matrix.fallback));
    const unplaced = valueEffortMatrix(goals, criteria, scores).unplaced;
    if (unplaced.length) out.push(muted(ctx, s.unplaced(unplaced.flatMap((g, i) => (i ? [t("planning.listSeparator"), user(g.name)] : [user(g.name)])))));
  }
  return out;
}

export function buildScopeDocument(input: DeliverableInput): Document {
  const ctx = createCtx(input);
  const s = ctx.s.scope;
  const p = ctx.s.project;
  const body: FileChild[] = [
    heading(ctx, s.overview, 1),
    factsTable(ctx, [
      [p.name, input.project.name],
      [p.client, input.project.client],
      [p.start, date(input.project.startDate, ctx.lang)],
      ...(input.project.description.trim() ? ([[p.description, input.project.description]] as Array<[string, string]>) : []),
    ]),
    para(ctx, ""),
    ...answerFacts(ctx, ["requirements.kickoff-date"]),
    ...answerSection(ctx, "requirements.high-level-goals", { level: 2 }),
    ...answerSection(ctx, "requirements.high-level-scope", { level: 2 }),
    ...answerSection(ctx, "requirements.obstacles", { level: 2 }),
    ...answerSection(ctx, "requirements.opportunities", { level: 2 }),
    // The customers' own voice behind the vision and the customer strategy (decision 033), with the overview's other inputs.
    ...customerResearch(ctx, 2),

    ...section(ctx, s.objectives, [
      // Eleven columns do not fit a page: the measures and the plan are two tables.
      ...registerTable(ctx, "goals.register", { title: s.goalMeasures, heading: 2, columns: ["goal", "kpi", "measurement", "unit", "baseline", "target"] }),
      ...registerTable(ctx, "goals.register", { title: s.goalPlan, heading: 2, columns: ["goal", "priority", "moscow", "stage", "target-date", "tech-level", "tech-reason"] }),
      ...prioritisation(ctx, input),
      ...answerSection(ctx, "goals.prioritisation-rationale", { level: 2 }),
    ]),
    // The table of stages follows the roadmap on its page (a landscape one when the roadmap is that wide).
    ...section(ctx, s.roadmap, input.figures.roadmap ? figure(ctx, input.figures.roadmap, { after: registerTable(ctx, "goals.roadmap", { heading: false, landscape: isLandscapeFigure(input.figures.roadmap) }) }) : registerTable(ctx, "goals.roadmap", { heading: false })),
    ...section(ctx, s.scope, [
      ...registerTable(ctx, "requirements.scope-in", { title: s.inScope, heading: 2 }),
      ...registerTable(ctx, "requirements.scope-out", { title: s.outOfScope, heading: 2 }),
    ]),
    ...section(ctx, s.processes, [
      ...registerTable(ctx, "requirements.current-processes", { heading: 2 }),
      ...(hasItem(ctx, "requirements.current-process-map") || hasItem(ctx, "requirements.future-process-map")
        ? headedFigures(ctx, s.processMaps, figures(ctx, input, ["requirements.current-process-map", "requirements.future-process-map"]))
        : []),
      ...registerTable(ctx, "requirements.gaps", { title: s.gaps, heading: 2 }),
      ...answerSection(ctx, "requirements.solution-approach", { level: 2 }),
    ]),
    ...section(ctx, s.requirements, [
      ...registerTable(ctx, "requirements.register", { heading: false }),
      ...registerTable(ctx, "requirements.customisations", { title: s.customisations, heading: 2 }),
    ]),
    ...section(ctx, s.integration, registerTable(ctx, "requirements.integration-points", { heading: false })),
    ...section(ctx, s.reports, [
      ...registerTable(ctx, "requirements.reports", { heading: false }),
      ...registerTable(ctx, "requirements.document-templates", { title: s.documentTemplates, heading: 2 }),
    ]),
    ...section(ctx, s.dataConversion, registerTable(ctx, "requirements.data-conversion", { heading: false })),
    ...section(ctx, s.remoteUsers, registerTable(ctx, "requirements.remote-users", { heading: false })),
    ...section(ctx, s.training, registerTable(ctx, "requirements.training-scope", { heading: false })),
    ...section(ctx, s.support, registerTable(ctx, "requirements.support", { heading: false })),
    ...section(ctx, s.technical, registerTable(ctx, "requirements.technical-environment", { heading: false })),
    ...section(ctx, s.organisation, registerTable(ctx, "requirements.org-changes", { heading: false })),
    ...section(ctx, s.plan, [
      ...registerTable(ctx, "requirements.plan", { heading: 2 }),
      ...registerTable(ctx, "requirements.budget", { heading: 2, totals: ["amount"] }),
    ]),
    ...section(ctx, s.risks, registerTable(ctx, "requirements.risks", { heading: false })),
    ...section(ctx, s.assumptions, registerTable(ctx, "requirements.assumptions", { heading: false })),
    ...statementOfWork(ctx),
    ...section(ctx, s.team, [
      ...figures(ctx, input, ["team-structure"]),
      ...registerTable(ctx, "team.members", { heading: false, columns: ["name", "role", "unit", "responsibilities"] }),
    ]),
    // The approval answers belong to the one approval section that ends the document.
    ...endMatter(ctx, input, { facts: ["requirements.scope-approved", "requirements.scope-approval-date", "requirements.scope-approved-by"] }),
  ];
  return composeDocument(ctx, "scope-document", input, body);
}
