/**
 * Each impacted group's standing on the five ADKAR stages (awareness, desire,
 * knowledge, ability, reinforcement) and its barrier point: the first stage
 * scored below the threshold, where effort goes first because the later
 * stages do not move without it (decision 029). Pure.
 */
import type { ProjectAnswers } from "#app/domain/project-answers.ts";

export const ADKAR_STAGES = ["awareness", "desire", "knowledge", "ability", "reinforcement"] as const;
export type AdkarStage = (typeof ADKAR_STAGES)[number];
export const BARRIER_BELOW = 3;

export type AdkarStanding = { group: string; scores: Array<number | null>; barrier: { stage: AdkarStage; score: number } | null };

export function adkarStanding(data: ProjectAnswers, registerId = "requirements.adkar", groupsId = "requirements.impacted-groups"): AdkarStanding[] {
  const groups = new Map((data.rows.get(groupsId) ?? []).map((r, i) => [String(r.id), String(r.cells.group ?? "").trim() || `#${i + 1}`]));
  return (data.rows.get(registerId) ?? []).map((r) => {
    const scores = ADKAR_STAGES.map((s) => (typeof r.cells[s] === "number" ? (r.cells[s] as number) : null));
    const i = scores.findIndex((v) => v !== null && v < BARRIER_BELOW);
    return { group: groups.get(String(r.cells.group)) ?? "", scores, barrier: i >= 0 ? { stage: ADKAR_STAGES[i]!, score: scores[i]! } : null };
  });
}
