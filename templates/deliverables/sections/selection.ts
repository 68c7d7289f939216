/**
 * Pieces the request for proposal and the selection report share: the
 * requirements by number (R1, R2, … their place in the requirements register,
 * as the response sheet and the fit-gap matrix show them), the client's demo
 * scripts, the evaluation criteria with their weights, and a register
 * column's choices in the document's language (decision 032).
 */
import type { FileChild } from "docx";
import { loc } from "#app/i18n.ts";
import { findItem } from "#methodology/load.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import { displayCell } from "#app/views/display.ts";
import { formatNumber } from "#app/views/format.ts";
import { OrientationMarker, captionedTable, heading, openNote, recordOpen, rowsOf, type Ctx } from "../../blocks.ts";
import type { DeliverableInput } from "../../model.ts";
import { itemHeading } from "./common.ts";

/** A numbered section: its heading over the parts, none when nothing is in it (on a landscape page with its first part when that turns the page). */
export function section(ctx: Ctx, title: string, parts: FileChild[], level: 1 | 2 = 1): FileChild[] {
  if (!parts.length) return [];
  const [first, ...rest] = parts;
  return first instanceof OrientationMarker ? [first, heading(ctx, title, level), ...rest] : [heading(ctx, title, level), ...parts];
}

function register(ctx: Ctx, id: string): RegisterItem | null {
  const it = findItem(ctx.pack, id);
  return it?.kind === "register" ? it : null;
}

/** A register column's choices, in order, in the document's language. */
export function choiceLabels(ctx: Ctx, registerId: string, columnId: string): Array<{ id: string; label: string }> {
  const col = register(ctx, registerId)?.columns.find((c) => c.id === columnId);
  return col?.type === "choice" ? col.options.map((o) => ({ id: o.id, label: loc(o.label, ctx.lang) })) : [];
}

/** A register cell as the document prints it (a choice's label, a referenced row's first column). */
export function cellText(ctx: Ctx, registerId: string, columnId: string, value: unknown): string {
  const col = register(ctx, registerId)?.columns.find((c) => c.id === columnId);
  return col ? displayCell(col, value, ctx.lang, ctx.refOptions) : value == null ? "" : String(value);
}

/** "R3": a requirement's number, its place in the requirements register. */
export function requirementNumber(index: number): string {
  return `R${index + 1}`;
}

/** The number of each requirement row by its id. */
export function requirementNumbers(ctx: Ctx): Map<number, string> {
  return new Map(rowsOf(ctx, "requirements.register").map((r, i) => [r.id, requirementNumber(i)]));
}

/** Nothing recorded: the item goes to the open items (a draft marks it in place). */
function open(ctx: Ctx, id: string): FileChild[] {
  const it = findItem(ctx.pack, id);
  if (!it) return [];
  if (ctx.draft) {
    ctx.shown.add(id);
    return [openNote(ctx)];
  }
  recordOpen(ctx, it);
  return [];
}

/** The requirements as vendors answer them: number, requirement with its description, priority and the goal it serves. */
export function requirementTable(ctx: Ctx): FileChild[] {
  const id = "requirements.register";
  if (!register(ctx, id)) return [];
  ctx.shown.add(id);
  const rows = rowsOf(ctx, id);
  if (!rows.length) return open(ctx, id);
  const r = ctx.s.selection;
  const body = rows.map((row, i) => {
    const text = String(row.cells.requirement ?? "");
    const description = String(row.cells.description ?? "").trim();
    return [
      requirementNumber(i),
      description ? `${text}\n${description}` : text,
      cellText(ctx, id, "priority", row.cells.priority),
      cellText(ctx, id, "goal", row.cells.goal),
    ];
  });
  return captionedTable(ctx, itemHeading(ctx, id), { columns: [r.number, r.requirement, r.priority, r.goal], rows: body });
}

/** The client's demonstration scripts: what each vendor must show, in the project's own words, and the requirement it tests. */
export function demoScriptTable(ctx: Ctx): FileChild[] {
  const id = "selection.demo-scripts";
  if (!register(ctx, id)) return [];
  ctx.shown.add(id);
  const rows = rowsOf(ctx, id);
  if (!rows.length) return open(ctx, id);
  const r = ctx.s.selection;
  const numbers = requirementNumbers(ctx);
  const body = rows.map((row, i) => [
    formatNumber(i + 1, ctx.lang),
    String(row.cells.script ?? ""),
    String(row.cells.scenario ?? ""),
    [numbers.get(Number(row.cells.requirement)), cellText(ctx, id, "touchpoint", row.cells.touchpoint)].filter(Boolean).join("\n"),
  ]);
  return captionedTable(ctx, itemHeading(ctx, id), { columns: ["#", r.script, r.scenario, r.tests], rows: body });
}

export type Weight = { id: string; label: string; weight: string; share: number; why: string };

/**
 * The evaluation criteria with their weights as shares of 100: the project's
 * own weights, or the method's defaults when it has recorded none.
 */
export function evaluationWeights(ctx: Ctx, input: DeliverableInput): Weight[] {
  const id = "selection.evaluation-weights";
  if (!register(ctx, id)) return [];
  ctx.shown.add(id);
  const labels = new Map(choiceLabels(ctx, id, "criterion").map((c) => [c.id, c.label]));
  const own = rowsOf(ctx, id)
    .map((r) => ({ id: String(r.cells.criterion ?? ""), weight: Number(r.cells.weight ?? 0), why: String(r.cells.why ?? "") }))
    .filter((w) => labels.has(w.id) && Number.isFinite(w.weight));
  const defaults = Object.entries(defaultWeights(input)).map(([k, v]) => ({ id: k, weight: v, why: "" }));
  const list = own.length ? own : defaults;
  const total = list.reduce((a, w) => a + Math.max(0, w.weight), 0);
  if (!total) return [];
  return list.map((w) => {
    const share = (Math.max(0, w.weight) / total) * 100;
    return { id: w.id, label: labels.get(w.id) ?? w.id, weight: `${formatNumber(Math.round(share), ctx.lang)}${ctx.lang === "fa" ? "٪" : "%"}`, share, why: w.why };
  });
}

type Scoring = { fitScores: Record<string, number>; priorityWeights: Record<string, number>; defaultWeights: Record<string, number> };

/** The method's scoring figures (pack.yaml `selection:`). */
export function scoring(input: DeliverableInput): Scoring {
  const cfg = (input.pack as { selection?: Partial<Scoring> }).selection;
  return { fitScores: cfg?.fitScores ?? {}, priorityWeights: cfg?.priorityWeights ?? {}, defaultWeights: cfg?.defaultWeights ?? {} };
}

function defaultWeights(input: DeliverableInput): Record<string, number> {
  return scoring(input).defaultWeights;
}
