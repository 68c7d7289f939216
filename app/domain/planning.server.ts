/**
 * The planning pages' own writes, beside the item forms every workbench
 * has: the goal-score grid (one form per goal, a row of the scores register
 * per criterion) and turning a journey gap into a requirement. Both go
 * through the versioned register writes of answers.server, so they are
 * audited, checked for conflicts and locked with their phase like any edit.
 */
import { data } from "react-router";
import { z } from "zod";
import { writeTransaction, type Db } from "#db/client.ts";
import type { PlanningConfig, RegisterItem } from "#methodology/schema.ts";
import type { FormFields } from "#app/http.server.ts";
import { addRow, deleteRow, updateRow, type Conflict } from "./answers.server.ts";
import type { Actor } from "./audit.server.ts";
import type { ProjectData } from "./projects.server.ts";
import { readCriteria, readScores, readTouchpoints, SCORE_MAX, SCORE_MIN } from "./planning.ts";
import { requireWorkbench, workbenchAction } from "./workbench.server.ts";
import { readForm } from "#app/http.server.ts";
import { can } from "#app/access.ts";
import { findItem } from "#methodology/load.ts";
import { workbenchItems } from "./step.server.ts";

class Rollback extends Error {}

function bad(status: number, message: string): never {
  throw data({ error: message }, { status });
}

const posInt = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const version = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export type ScoresResult =
  | { ok: true; intent: "scores"; goalId: number }
  | { ok: false; intent: "scores"; goalId: number; errors?: Record<string, string>; conflicts?: Array<{ criterionId: number; theirs: number | null; yours: number | null }>; locked?: boolean; submitted: FormFields };

/**
 * Saves one goal's scores: `score-<criterion id>` (empty clears it) with
 * `version-<criterion id>` (the score row's version when the page was
 * loaded, 0 when there was none). A score someone else changed meanwhile is
 * not overwritten: it comes back as a conflict with both values, and nothing
 * of the form is saved (the form keeps what the user chose).
 */
export function saveScores(
  db: Db,
  args: { projectId: number; planning: PlanningConfig; scoresItem: RegisterItem; data: ProjectData; form: FormFields; by: Actor; locked: boolean },
): { status: number; body: ScoresResult } {
  const { form, planning } = args;
  const goal = posInt.safeParse(form.goalId);
  if (!goal.success) bad(400, "errors.badForm");
  const goalId = goal.data;
  if (!(args.data.rows.get(planning.goals) ?? []).some((r) => r.id === goalId)) bad(404, "errors.notFound");
  if (args.locked) return { status: 409, body: { ok: false, intent: "scores", goalId, locked: true, errors: { _form: "gate.errors.locked" }, submitted: form } };
  const criteria = readCriteria(planning, args.data);
  const current = readScores(planning, args.data).get(goalId) ?? new Map();
  const errors: Record<string, string> = {};
  const wanted: Array<{ criterionId: number; score: number | null; base: number }> = [];
  for (const c of criteria) {
    const raw = form[`score-${c.id}`];
    if (raw === undefined) continue;
    const text = (Array.isArray(raw) ? raw[0] ?? "" : raw).trim();
    const base = version.safeParse(form[`version-${c.id}`] ?? "0");
    if (!base.success) bad(400, "errors.badForm");
    if (text === "") {
      wanted.push({ criterionId: c.id, score: null, base: base.data });
      continue;
    }
    const n = Number(text);
    if (!Number.isInteger(n) || n < SCORE_MIN || n > SCORE_MAX) errors[`score-${c.id}`] = "planning.errors.score";
    else wanted.push({ criterionId: c.id, score: n, base: base.data });
  }
  if (Object.keys(errors).length) return { status: 400, body: { ok: false, intent: "scores", goalId, errors, submitted: form } };
  const conflicts: Array<{ criterionId: number; theirs: number | null; yours: number | null }> = [];
  const theirsOf = (c: Conflict) => {
    const v = (c.theirs as Record<string, unknown> | null)?.score;
    return typeof v === "number" ? v : v == null ? null : Number(v);
  };
  // All or nothing: one score that cannot be saved (changed by someone else
  // meanwhile, or refused) leaves every score of the form as it was.
  try {
    writeTransaction(db, () => {
      for (const w of wanted) {
        const row = current.get(w.criterionId);
        if (!row) {
          if (w.score === null) continue;
          if (w.base !== 0) {
            // The score this form was based on has been cleared by someone else.
            conflicts.push({ criterionId: w.criterionId, theirs: null, yours: w.score });
            continue;
          }
          const r = addRow(db, { projectId: args.projectId, item: args.scoresItem, raw: { goal: String(goalId), criterion: String(w.criterionId), score: String(w.score) }, by: args.by });
          if (r.status === "invalid") errors[`score-${w.criterionId}`] = Object.values(r.errors)[0] ?? "errors.badForm";
          continue;
        }
        if (w.score === row.score) continue;
        if (w.score === null) {
          const r = deleteRow(db, { projectId: args.projectId, item: args.scoresItem, rowId: row.rowId, baseVersion: w.base, by: args.by });
          if (r.status === "conflict") conflicts.push({ criterionId: w.criterionId, theirs: theirsOf(r.conflict), yours: null });
          continue;
        }
        const r = updateRow(db, { projectId: args.projectId, item: args.scoresItem, rowId: row.rowId, baseVersion: w.base, raw: { goal: String(goalId), criterion: String(w.criterionId), score: String(w.score) }, by: args.by });
        if (r.status === "conflict") conflicts.push({ criterionId: w.criterionId, theirs: r.conflict.deleted ? null : theirsOf(r.conflict), yours: w.score });
        else if (r.status === "invalid") errors[`score-${w.criterionId}`] = Object.values(r.errors)[0] ?? "errors.badForm";
      }
      if (conflicts.length || Object.keys(errors).length) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  if (conflicts.length || Object.keys(errors).length) return { status: conflicts.length ? 409 : 400, body: { ok: false, intent: "scores", goalId, conflicts, errors, submitted: form } };
  return { status: 200, body: { ok: true, intent: "scores", goalId } };
}

export type GapResult = { ok: true; intent: "gap-requirement"; touchpointId: number; rowId: number } | { ok: false; intent: "gap-requirement"; touchpointId: number; error: string; rowId?: number };

/**
 * Turns a journey gap into a requirement that names the touchpoint it
 * closes. A gap already closed by a requirement is not added twice.
 */
export function gapToRequirement(
  db: Db,
  args: { projectId: number; planning: PlanningConfig; requirementsItem: RegisterItem; data: ProjectData; form: FormFields; by: Actor; locked: boolean },
): { status: number; body: GapResult } {
  const tp = posInt.safeParse(args.form.touchpointId);
  if (!tp.success) bad(400, "errors.badForm");
  const touchpoint = readTouchpoints(args.planning, args.data).find((t) => t.id === tp.data);
  if (!touchpoint) bad(404, "errors.notFound");
  if (!touchpoint.gap) return { status: 400, body: { ok: false, intent: "gap-requirement", touchpointId: touchpoint.id, error: "planning.errors.noGap" } };
  if (args.locked) return { status: 409, body: { ok: false, intent: "gap-requirement", touchpointId: touchpoint.id, error: "gate.errors.locked" } };
  const existing = (args.data.rows.get(args.planning.requirements) ?? []).find((r) => Number(r.cells.touchpoint) === touchpoint.id);
  if (existing) return { status: 409, body: { ok: false, intent: "gap-requirement", touchpointId: touchpoint.id, error: "planning.errors.gapCovered", rowId: existing.id } };
  const column = args.requirementsItem.columns.find((c) => c.id === "requirement");
  const max = column && "maxLength" in column ? column.maxLength : 300;
  const line = touchpoint.gap.replace(/\s+/g, " ").trim();
  const title = [...line].length > max ? [...line].slice(0, max - 1).join("") + "…" : line;
  const description = args.requirementsItem.columns.some((c) => c.id === "description") ? { description: `${touchpoint.name}: ${touchpoint.gap}` } : {};
  const r = addRow(db, { projectId: args.projectId, item: args.requirementsItem, raw: { requirement: title, touchpoint: String(touchpoint.id), ...description }, by: args.by });
  if (r.status !== "saved") return { status: 400, body: { ok: false, intent: "gap-requirement", touchpointId: touchpoint.id, error: "errors.badForm" } };
  return { status: 200, body: { ok: true, intent: "gap-requirement", touchpointId: touchpoint.id, rowId: r.rowId! } };
}

type PageArgs = Parameters<typeof requireWorkbench>[0];
export type PlanningPage = keyof PlanningConfig["pages"];

/** A planning page: the project, its planning config, the items the page edits. 404 when the pack has none. */
export function requirePlanningPage(args: PageArgs, page: PlanningPage | null) {
  return requireWorkbench(args, (pack) => (pack.planning ? { config: pack.planning, ids: page ? pack.planning.pages[page] : [] } : null));
}

/** True while the phase holding `itemId` is signed off or awaiting sign-off. */
export function itemLocked(wb: ReturnType<typeof requirePlanningPage>, itemId: string): boolean {
  const entry = workbenchItems(wb.pack, [itemId])[0];
  return entry ? wb.lockedPhase(entry.phaseId) : true;
}

/**
 * A planning page's action: its own intent (the score grid, a gap turned
 * into a requirement) writes one register, under that register's phase lock
 * and the edit-registers permission; every other intent is an item form,
 * run as on any workbench.
 */
export async function planningAction(
  args: PageArgs & { request: Request },
  page: PlanningPage,
  own: { intent: string; register: (config: PlanningConfig) => string; run: (wb: ReturnType<typeof requirePlanningPage>, item: RegisterItem, form: FormFields, locked: boolean) => { status: number; body: unknown } },
) {
  const wb = requirePlanningPage(args, page);
  const form = await readForm(args.request.clone());
  if (form.intent !== own.intent) return workbenchAction(args, wb);
  if (!can(wb.role, "edit-registers")) bad(403, "errors.forbidden");
  const registerId = own.register(wb.config);
  const { status, body } = own.run(wb, findItem(wb.pack, registerId) as RegisterItem, form, itemLocked(wb, registerId));
  return data(body, { status });
}
