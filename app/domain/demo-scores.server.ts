/**
 * The demo-score grid of the selection page: one scorer's scores of one demo
 * script for every product candidate (a row of `selection.demo-scores` per
 * product). Written through the register's versioned writes, all or nothing:
 * a score someone else changed meanwhile comes back as a conflict with both
 * values, a score out of range next to its field, and nothing is written.
 */
import { data } from "react-router";
import { z } from "zod";
import { writeTransaction, type Db } from "#db/client.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import type { FormFields } from "#app/http.server.ts";
import { addRow, deleteRow, updateRow, type Conflict } from "./answers.server.ts";
import type { Actor } from "./audit.server.ts";
import type { ProjectData } from "./projects.server.ts";
import { productCandidates } from "./response-sheet.ts";

export const DEMO_ITEMS = { scripts: "selection.demo-scripts", scores: "selection.demo-scores" } as const;
export const DEMO_SCORE_MIN = 1;
export const DEMO_SCORE_MAX = 5;
export const SCORER_MAX_LENGTH = 300;

class Rollback extends Error {}

function bad(status: number, message: string): never {
  throw data({ error: message }, { status });
}

const posInt = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const version = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** The same scorer however the name was spaced or cased. */
export const scorerKey = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();

export type DemoScoreCell = { rowId: number; score: number; version: number; comment: string };

/** Scores by script, product and scorer (scorer by scorerKey). */
export function readDemoScores(d: Pick<ProjectData, "rows">): Map<number, Map<number, Map<string, DemoScoreCell & { scorer: string }>>> {
  const out = new Map<number, Map<number, Map<string, DemoScoreCell & { scorer: string }>>>();
  for (const r of d.rows.get(DEMO_ITEMS.scores) ?? []) {
    const script = Number(r.cells.script), vendor = Number(r.cells.vendor), score = Number(r.cells.score);
    const scorer = String(r.cells.scorer ?? "");
    if (!script || !vendor || !Number.isFinite(score)) continue;
    let byVendor = out.get(script);
    if (!byVendor) out.set(script, (byVendor = new Map()));
    let byScorer = byVendor.get(vendor);
    if (!byScorer) byVendor.set(vendor, (byScorer = new Map()));
    byScorer.set(scorerKey(scorer), { rowId: r.id, score, version: r.version, comment: String(r.cells.comment ?? ""), scorer });
  }
  return out;
}

export type DemoScoresResult =
  | { ok: true; intent: "demo-scores"; scriptId: number }
  | { ok: false; intent: "demo-scores"; scriptId: number; errors?: Record<string, string>; conflicts?: Array<{ vendorId: number; theirs: number | null; yours: number | null }>; locked?: boolean; submitted: FormFields };

/**
 * Saves one scorer's scores of one script: `scorer`, `scriptId`,
 * `score-<vendor row id>` (empty clears it) with `version-<vendor row id>`
 * (0 when there was none when the page was loaded).
 */
export function saveDemoScores(
  db: Db,
  args: { projectId: number; scoresItem: RegisterItem; data: ProjectData; form: FormFields; by: Actor; locked: boolean },
): { status: number; body: DemoScoresResult } {
  const { form } = args;
  const script = posInt.safeParse(one(form.scriptId));
  if (!script.success) bad(400, "errors.badForm");
  const scriptId = script.data;
  if (!(args.data.rows.get(DEMO_ITEMS.scripts) ?? []).some((r) => r.id === scriptId)) bad(404, "errors.notFound");
  const fail = (status: number, extra: Partial<Extract<DemoScoresResult, { ok: false }>>) => ({ status, body: { ok: false as const, intent: "demo-scores" as const, scriptId, submitted: form, ...extra } });
  if (args.locked) return fail(409, { locked: true, errors: { _form: "gate.errors.locked" } });
  const scorer = one(form.scorer).replace(/\s+/g, " ").trim();
  const errors: Record<string, string> = {};
  if (scorer === "") errors.scorer = "selection.errors.scorerRequired";
  else if ([...scorer].length > SCORER_MAX_LENGTH) errors.scorer = `validation.tooLong|${JSON.stringify({ max: SCORER_MAX_LENGTH })}`;
  const products = productCandidates(args.data.rows);
  const current = readDemoScores(args.data).get(scriptId) ?? new Map();
  const wanted: Array<{ vendorId: number; score: number | null; base: number }> = [];
  for (const p of products) {
    const raw = form[`score-${p.rowId}`];
    if (raw === undefined) continue;
    const text = one(raw).trim();
    const base = version.safeParse(one(form[`version-${p.rowId}`]) || "0");
    if (!base.success) bad(400, "errors.badForm");
    if (text === "") {
      wanted.push({ vendorId: p.rowId, score: null, base: base.data });
      continue;
    }
    const n = Number(text);
    if (!Number.isInteger(n) || n < DEMO_SCORE_MIN || n > DEMO_SCORE_MAX) errors[`score-${p.rowId}`] = "selection.errors.demoScore";
    else wanted.push({ vendorId: p.rowId, score: n, base: base.data });
  }
  if (Object.keys(errors).length) return fail(400, { errors });
  const key = scorerKey(scorer);
  const conflicts: Array<{ vendorId: number; theirs: number | null; yours: number | null }> = [];
  const theirsOf = (c: Conflict) => {
    const v = (c.theirs as Record<string, unknown> | null)?.score;
    return v === null || v === undefined ? null : Number(v);
  };
  try {
    writeTransaction(db, () => {
      for (const w of wanted) {
        const row = current.get(w.vendorId)?.get(key);
        const raw = { vendor: String(w.vendorId), script: String(scriptId), scorer, score: String(w.score ?? ""), comment: row?.comment ?? "" };
        if (!row) {
          if (w.score === null) continue;
          if (w.base !== 0) {
            conflicts.push({ vendorId: w.vendorId, theirs: null, yours: w.score });
            continue;
          }
          const r = addRow(db, { projectId: args.projectId, item: args.scoresItem, raw, by: args.by });
          if (r.status === "invalid") errors[`score-${w.vendorId}`] = Object.values(r.errors)[0] ?? "errors.badForm";
          continue;
        }
        if (w.score === row.score) continue;
        if (w.score === null) {
          const r = deleteRow(db, { projectId: args.projectId, item: args.scoresItem, rowId: row.rowId, baseVersion: w.base, by: args.by });
          if (r.status === "conflict") conflicts.push({ vendorId: w.vendorId, theirs: theirsOf(r.conflict), yours: null });
          continue;
        }
        const r = updateRow(db, { projectId: args.projectId, item: args.scoresItem, rowId: row.rowId, baseVersion: w.base, raw, by: args.by });
        if (r.status === "conflict") conflicts.push({ vendorId: w.vendorId, theirs: r.conflict.deleted ? null : theirsOf(r.conflict), yours: w.score });
        else if (r.status === "invalid") errors[`score-${w.vendorId}`] = Object.values(r.errors)[0] ?? "errors.badForm";
      }
      if (conflicts.length || Object.keys(errors).length) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  if (conflicts.length || Object.keys(errors).length) return fail(conflicts.length ? 409 : 400, { conflicts, errors });
  return { status: 200, body: { ok: true, intent: "demo-scores", scriptId } };
}
