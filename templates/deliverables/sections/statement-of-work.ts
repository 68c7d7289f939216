/**
 * The scope document's statement of work: deliverables with acceptance
 * criteria, the RACI as a matrix of deliverables by team members with its key,
 * milestones, constraints, dependencies, the client's responsibilities and the
 * change-control procedure (decision 029).
 */
import type { FileChild } from "docx";
import { captionedTable, factsTable, heading, note, para, type Ctx } from "../../blocks.ts";
import { raciMatrix } from "#app/views/raci.ts";
import { i18nFor } from "#app/i18n.ts";

/** Beyond this many members with a letter, the matrix no longer fits a portrait page. */
const MATRIX_MAX_MEMBERS = 8;
import { filledAnswer, filledRegister, itemHeading } from "./common.ts";

function raciSection(ctx: Ctx): FileChild[] {
  const m = raciMatrix(ctx.data);
  if (!m || !m.rows.length) return [];
  const p = ctx.s.professional;
  const title = itemHeading(ctx, "requirements.raci");
  // A matrix while the members fit a page's width; beyond that, one column per letter listing the names.
  const wide = m.members.length > MATRIX_MAX_MEMBERS;
  const { t: sep } = i18nFor(ctx.lang);
  const t = wide
    ? { columns: [p.raciDeliverable, "R", "A", "C", "I"], rows: m.rows.map((r) => [r.deliverable, ...(["R", "A", "C", "I"] as const).map((l) => r.byRole[l].join(sep("planning.listSeparator")))]) }
    : { columns: [p.raciDeliverable, ...m.members], rows: m.rows.map((r) => [r.deliverable, ...r.letters]) };
  return [
    heading(ctx, title, 2),
    ...captionedTable(ctx, title, t),
    // The key as a small table: a Latin letter opening a Persian sentence would turn the line around.
    factsTable(ctx, p.raciKey),
    para(ctx, ""),
    ...m.problems.map((x) => note(ctx, p.raciProblems[x.kind](x.deliverable))),
  ];
}

export function statementOfWork(ctx: Ctx): FileChild[] {
  const parts: FileChild[] = [
    ...filledRegister(ctx, "requirements.deliverables", 2),
    ...raciSection(ctx),
    ...filledRegister(ctx, "requirements.milestones", 2),
    ...filledRegister(ctx, "requirements.constraints", 2),
    ...filledRegister(ctx, "requirements.dependencies", 2),
    ...filledRegister(ctx, "requirements.client-responsibilities", 2),
    ...filledAnswer(ctx, "requirements.change-control", 2),
    ...filledRegister(ctx, "requirements.change-authority", 2),
  ];
  return parts.length ? [heading(ctx, ctx.s.professional.statementOfWork, 1), ...parts] : [];
}
