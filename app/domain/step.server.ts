/**
 * The step page's data and its form intents. Each intent is validated by zod;
 * anything malformed is a 400 with a message, never a 500.
 */
import { data } from "react-router";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import type { Item, Language, Pack, Phase, RegisterItem, Step } from "#methodology/schema.ts";
import { allItems, allSteps, findItem } from "#methodology/load.ts";
import { isItemAnswered } from "#methodology/progress.ts";
import { suggestionCells, suggestionsToOffer } from "#methodology/values.ts";
import { addRow, deleteRow, moveRow, saveAnswer, updateRow, type Conflict } from "./answers.server.ts";
import type { ProjectData } from "./projects.server.ts";
import type { Actor } from "./audit.server.ts";
import type { FormFields } from "#app/http.server.ts";
import { ROWS_PER_PAGE, printsAllRows, requestedRowPage, rowPage, type RowPage } from "#app/register-pages.ts";

export function findStep(pack: Pack, phase: Phase, stepId: string | undefined): Step {
  const step = phase.steps.find((s) => s.id === stepId);
  if (!step) throw data({ error: "errors.stepNotFound" }, { status: 404 });
  return step;
}

export function neighbours(pack: Pack, stepId: string) {
  const steps = allSteps(pack);
  const i = steps.findIndex((s) => s.step.id === stepId);
  const link = (j: number) => {
    const s = steps[j];
    return s ? { phaseId: s.phase.id, stepId: s.step.id, title: s.step.title, phaseTitle: s.phase.title } : null;
  };
  return { previous: link(i - 1), next: link(i + 1), index: i, total: steps.length };
}

/** Labels for the rows that `ref` columns of these items point at (first column's text, or "#n"). */
export function refOptionsFor(pack: Pack, items: Item[], projectData: ProjectData): Record<string, Array<{ id: number; label: string }>> {
  const refRegisters = new Set<string>();
  for (const it of items) if (it.kind === "register") for (const c of it.columns) if (c.type === "ref") refRegisters.add(c.register);
  const refOptions: Record<string, Array<{ id: number; label: string }>> = {};
  for (const regId of refRegisters) {
    const target = findItem(pack, regId) as RegisterItem | undefined;
    const labelCol = target?.columns[0]?.id;
    refOptions[regId] = (projectData.rows.get(regId) ?? []).map((r, i) => ({
      id: r.id,
      label: (labelCol && r.cells[labelCol] !== null && r.cells[labelCol] !== undefined ? String(r.cells[labelCol]) : "") || `#${i + 1}`,
    }));
  }
  return refOptions;
}

/**
 * The example rows still worth offering, worked out once for a register's rows
 * as the project's kept data holds them (a write makes new rows, and so a new
 * answer): every row is compared, which on a register of 500 rows was a
 * noticeable part of each step page's loader (decision 040).
 */
const offered = new WeakMap<object, WeakMap<RegisterItem, number[]>>();
function suggestionsLeftOf(item: RegisterItem, rows: ReadonlyArray<{ cells: Readonly<Record<string, unknown>> }>): number[] {
  let byItem = offered.get(rows);
  if (!byItem) offered.set(rows, (byItem = new WeakMap()));
  let left = byItem.get(item);
  if (!left) byItem.set(item, (left = suggestionsToOffer(item, rows)));
  return left;
}

/** A register row as a page shows it; `updatedBy`: who last changed this row (its own changer, not the register's latest). */
export type RowView = { id: number; cells: Readonly<Record<string, string | number | null>>; version: number; updatedAt: string; updatedBy: string | null };

/**
 * What the page needs for each item: its stored value and version, or — for
 * a register — the rows of the page of it the URL asks for (see
 * register-pages.ts), where that page is, and which of the method's example
 * rows are not in the register yet.
 */
export function itemStates(pack: Pack, step: Pick<Step, "items">, projectData: ProjectData, search: URLSearchParams = new URLSearchParams()) {
  const refOptions = refOptionsFor(pack, step.items, projectData);
  const answers: Record<string, { value: unknown; version: number; updatedAt: string } | null> = {};
  const rows: Record<string, RowView[]> = {};
  const rowPages: Record<string, RowPage> = {};
  const suggestionsLeft: Record<string, number[]> = {};
  let printRows: Record<string, RowView[]> | undefined;
  const view = (r: { id: number; cells: RowView["cells"]; version: number; updatedAt: string; updatedBy?: string | null }): RowView => ({ id: r.id, cells: r.cells, version: r.version, updatedAt: r.updatedAt, updatedBy: r.updatedBy ?? null });
  for (const it of step.items) {
    if (it.kind === "register") {
      const all = projectData.rows.get(it.id) ?? [];
      const page = rowPage(all.length, requestedRowPage(search, it.id));
      rowPages[it.id] = page;
      rows[it.id] = all.slice(page.offset, page.offset + ROWS_PER_PAGE).map(view);
      // Every row, for the printed copy only, when the URL asks for it (`print.<id>=all`) and there is more than one page.
      if (page.pages > 1 && printsAllRows(search, it.id)) (printRows ??= {})[it.id] = all.map(view);
      if (it.suggestions.length) suggestionsLeft[it.id] = suggestionsLeftOf(it, all);
    } else if (it.kind !== "info") {
      const a = projectData.answers.get(it.id);
      answers[it.id] = a ? { value: a.value, version: a.version, updatedAt: a.updatedAt } : null;
    }
  }
  // Absent unless asked for: a normal page sends nothing more (`printRows`: a register's every row, for its printed copy).
  return { answers, rows, rowPages, suggestionsLeft, refOptions, ...(printRows && { printRows }) };
}

const stableId = z.string().min(1).max(200);
const version = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const rowId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("answer"), itemId: stableId, version }),
  z.object({ intent: z.literal("row-add"), itemId: stableId }),
  z.object({ intent: z.literal("row-save"), itemId: stableId, rowId, version }),
  z.object({ intent: z.literal("row-delete"), itemId: stableId, rowId, version }),
  z.object({ intent: z.literal("row-move"), itemId: stableId, rowId, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("row-suggest"), itemId: stableId, suggestion: z.coerce.number().int().min(0).max(1000) }),
]);

export type StepActionResult =
  | { ok: true; intent: string; itemId: string; rowId?: number; version?: number; updatedAt?: string; value?: unknown; deleted?: boolean }
  | { ok: false; intent: string; itemId: string; rowId?: number; errors?: Record<string, string>; conflict?: Conflict; gone?: boolean; offline?: boolean; locked?: boolean; submitted: FormFields };

/** Cells arrive as `c.<columnId>`; everything else in the form is ignored. */
function cellsFrom(form: FormFields): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(form)) if (k.startsWith("c.")) out[k.slice(2)] = v;
  return out;
}

function answerRaw(item: Item, form: FormFields): unknown {
  if (item.kind === "checklist") return { owner: form.owner, dueDate: form.dueDate, status: form.status, evidence: form.evidence };
  if (item.kind === "diagram") return { definition: form.definition };
  if (item.kind === "rating") return { score: form.score, evidence: form.evidence };
  if (item.kind === "question" && item.answer.type === "choice" && item.answer.multiple) return form.value ?? [];
  return form.value;
}

function bad(status: number, message: string): never {
  throw data({ error: message }, { status });
}

/**
 * A workbench page (e.g. change management) shows items of several steps:
 * these are the items, in the order given, with the phase each belongs to.
 */
export function workbenchItems(pack: Pack, ids: string[]): Array<{ item: Item; phaseId: string; stepId: string }> {
  const byId = new Map(allItems(pack).map(({ phase, step, item }) => [item.id, { item, phaseId: phase.id, stepId: step.id }]));
  return ids.map((id) => byId.get(id)).filter((x): x is { item: Item; phaseId: string; stepId: string } => Boolean(x));
}

/** Everything the item forms of a workbench need (see ItemList). */
export function workbenchState(pack: Pack, entries: Array<{ item: Item; phaseId: string }>, projectData: ProjectData, lockedPhase: (phaseId: string) => boolean, search?: URLSearchParams) {
  const items = entries.map((e) => e.item);
  return {
    ...itemStates(pack, { items }, projectData, search),
    answered: Object.fromEntries(items.map((i) => [i.id, isItemAnswered(i, projectData.state)])),
    locked: Object.fromEntries(entries.map((e) => [e.item.id, lockedPhase(e.phaseId)])),
    sources: Object.fromEntries(pack.sources.map((s) => [s.file, s])),
  };
}

/**
 * Runs a form intent posted on a workbench page: only items the page shows
 * are accepted, each under the lock of its own phase, exactly as on its step.
 */
export function runWorkbenchAction(
  db: Db,
  projectId: number,
  entries: Array<{ item: Item; phaseId: string; stepId: string }>,
  form: FormFields,
  opts: { by: Actor; lockedPhase: (phaseId: string) => boolean; lang: Language },
): { status: number; body: StepActionResult } {
  const itemId = typeof form.itemId === "string" ? form.itemId : "";
  const entry = entries.find((e) => e.item.id === itemId);
  if (!entry) {
    if (!intentSchema.safeParse(form).success) bad(400, "errors.badForm");
    bad(400, "errors.unknownItem");
  }
  const step = { id: entry.stepId, title: { fa: "", en: "" }, items: [entry.item] } as Step;
  return runStepAction(db, projectId, step, form, { by: opts.by, locked: opts.lockedPhase(entry.phaseId), lang: opts.lang });
}

/**
 * Applies one form intent of a step page. `locked` is true while the phase is
 * signed off or awaiting sign-off: nothing is written, and the user is told why
 * next to the field (what they typed comes back with the answer).
 */
export function runStepAction(
  db: Db,
  projectId: number,
  step: Step,
  form: FormFields,
  /** `lang`: the interface language, in which an adopted suggestion's words are written. */
  opts: { by: Actor; locked: boolean; lang: Language },
): { status: number; body: StepActionResult } {
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) bad(400, "errors.badForm");
  const input = parsed.data;
  const item = step.items.find((i) => i.id === input.itemId);
  if (!item || item.kind === "info") bad(400, "errors.unknownItem");
  const base = { intent: input.intent, itemId: item.id };
  const by = opts.by;
  if (opts.locked) {
    const message = "gate.errors.locked";
    const rowId = "rowId" in input ? input.rowId : undefined;
    return { status: 409, body: { ok: false, ...base, rowId, locked: true, errors: { value: message, definition: message, status: message, _row: message }, submitted: form } };
  }

  if (input.intent === "answer") {
    if (item.kind === "register") bad(400, "errors.unknownItem");
    const r = saveAnswer(db, { projectId, item, baseVersion: input.version, raw: answerRaw(item, form), by });
    if (r.status === "saved") return { status: 200, body: { ok: true, ...base, version: r.version, updatedAt: r.updatedAt, value: r.value } };
    if (r.status === "invalid") return { status: 400, body: { ok: false, ...base, errors: r.errors, submitted: form } };
    return { status: 409, body: { ok: false, ...base, conflict: r.conflict, submitted: form } };
  }

  if (item.kind !== "register") bad(400, "errors.unknownItem");
  switch (input.intent) {
    case "row-add":
    case "row-suggest": {
      let raw: unknown = cellsFrom(form);
      if (input.intent === "row-suggest") {
        const suggestion = item.suggestions[input.suggestion];
        if (!suggestion) bad(400, "errors.badForm");
        raw = suggestionCells(suggestion, opts.lang);
      }
      const r = addRow(db, { projectId, item, raw, by });
      if (r.status === "saved") return { status: 200, body: { ok: true, ...base, rowId: r.rowId, version: r.version, updatedAt: r.updatedAt, value: r.value } };
      if (r.status === "invalid") return { status: 400, body: { ok: false, ...base, errors: r.errors, submitted: form } };
      return { status: 409, body: { ok: false, ...base, conflict: r.conflict, submitted: form } };
    }
    case "row-save": {
      const r = updateRow(db, { projectId, item, rowId: input.rowId, baseVersion: input.version, raw: cellsFrom(form), by });
      const withRow = { ...base, rowId: input.rowId };
      if (r.status === "saved") return { status: 200, body: { ok: true, ...withRow, version: r.version, updatedAt: r.updatedAt, value: r.value } };
      if (r.status === "invalid") return { status: 400, body: { ok: false, ...withRow, errors: r.errors, submitted: form } };
      return { status: 409, body: { ok: false, ...withRow, conflict: r.conflict, submitted: form } };
    }
    case "row-delete": {
      const r = deleteRow(db, { projectId, item, rowId: input.rowId, baseVersion: input.version, by });
      const withRow = { ...base, rowId: input.rowId };
      if (r.status === "foreign") bad(404, "errors.notFound");
      if (r.status === "deleted" || r.status === "gone") return { status: 200, body: { ok: true, ...withRow, deleted: true } };
      return { status: 409, body: { ok: false, ...withRow, conflict: r.conflict, submitted: form } };
    }
    case "row-move": {
      moveRow(db, { projectId, item, rowId: input.rowId, direction: input.direction, by });
      return { status: 200, body: { ok: true, ...base, rowId: input.rowId } };
    }
  }
}
