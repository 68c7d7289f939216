/**
 * The go/no-go criteria — user acceptance testing, training, data migration,
 * support — and their state, worked out from what the team recorded in the
 * deployment phase. Pure: answers in, states out.
 */
import type { ChecklistValue } from "#methodology/values.ts";
import type { ProjectAnswers } from "./model.ts";

export type CriterionId = "uat" | "training" | "migration" | "support";
export type CriterionState = "met" | "partial" | "not-met" | "no-data";

export type Criterion =
  | { id: "uat"; state: CriterionState; runs: number; passed: number; withIssues: number; failed: number; serious: number; passRate: number | null }
  | { id: "training"; state: CriterionState; planned: number; held: number; attendees: number; taskStatus: ChecklistValue["status"] | null }
  | { id: "migration"; state: CriterionState; sets: number; migrated: number; rejected: number; verified: number; taskStatus: ChecklistValue["status"] | null }
  | { id: "support"; state: CriterionState; people: number; mechanisms: number; taskStatus: ChecklistValue["status"] | null };

const rows = (data: ProjectAnswers, id: string) => data.rows.get(id) ?? [];
const numberIn = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const taskStatus = (data: ProjectAnswers, id: string): ChecklistValue["status"] | null =>
  (data.answers.get(id)?.value as ChecklistValue | undefined)?.status ?? null;
const taskDone = (s: ChecklistValue["status"] | null) => s === "done" || s === "not-applicable";

export function uatCriterion(data: ProjectAnswers): Extract<Criterion, { id: "uat" }> {
  const results = rows(data, "deployment.uat-results");
  const count = (result: string) => results.filter((r) => r.cells.result === result).length;
  const passed = count("passed");
  const withIssues = count("passed-with-issues");
  const failed = count("failed");
  const serious = results.filter((r) => r.cells.result === "failed" && (r.cells.severity === "major" || r.cells.severity === "critical")).length;
  const rate = data.answers.get("deployment.uat-pass-rate")?.value;
  const state: CriterionState = results.length === 0 ? "no-data" : serious > 0 ? "not-met" : failed > 0 ? "partial" : "met";
  return { id: "uat", state, runs: results.length, passed, withIssues, failed, serious, passRate: typeof rate === "number" ? rate : null };
}

export function trainingCriterion(data: ProjectAnswers): Extract<Criterion, { id: "training" }> {
  const sessions = rows(data, "deployment.training-sessions").filter((r) => r.cells.status !== "cancelled");
  const held = sessions.filter((r) => r.cells.status === "held");
  const status = taskStatus(data, "deployment.task-train-users");
  const state: CriterionState =
    sessions.length === 0 ? (taskDone(status) ? "met" : "no-data") : held.length === sessions.length && taskDone(status) ? "met" : held.length > 0 ? "partial" : "not-met";
  return { id: "training", state, planned: sessions.length, held: held.length, attendees: held.reduce((a, r) => a + numberIn(r.cells.attendees), 0), taskStatus: status };
}

export function migrationCriterion(data: ProjectAnswers): Extract<Criterion, { id: "migration" }> {
  const sets = rows(data, "deployment.migration-log");
  const verified = sets.filter((r) => typeof r.cells["verified-by"] === "string" && (r.cells["verified-by"] as string).trim() !== "").length;
  const status = taskStatus(data, "deployment.task-final-migration");
  const state: CriterionState =
    sets.length === 0 ? (taskDone(status) ? "met" : "no-data") : verified === sets.length && taskDone(status) ? "met" : "partial";
  return {
    id: "migration",
    state,
    sets: sets.length,
    migrated: sets.reduce((a, r) => a + numberIn(r.cells["records-migrated"]), 0),
    rejected: sets.reduce((a, r) => a + numberIn(r.cells["records-rejected"]), 0),
    verified,
    taskStatus: status,
  };
}

export function supportCriterion(data: ProjectAnswers): Extract<Criterion, { id: "support" }> {
  const people = rows(data, "deployment.support-team").length;
  const mechanisms = rows(data, "deployment.support-mechanisms").length;
  const status = taskStatus(data, "deployment.task-support-plan");
  const state: CriterionState =
    people === 0 && mechanisms === 0 ? (taskDone(status) ? "partial" : "no-data") : people > 0 && mechanisms > 0 && taskDone(status) ? "met" : people > 0 || mechanisms > 0 ? "partial" : "not-met";
  return { id: "support", state, people, mechanisms, taskStatus: status };
}

export function goNoGoCriteria(data: ProjectAnswers): Criterion[] {
  return [uatCriterion(data), trainingCriterion(data), migrationCriterion(data), supportCriterion(data)];
}
