/**
 * The RACI of a project as a matrix: one row per deliverable, one column per
 * team member who holds a letter, each cell the member's letters (R, A, C, I)
 * for that deliverable. Built from the RACI register (one row per person and
 * role), the deliverables and the team; pure, so a page can show what the
 * scope document prints (decision 029).
 */
import type { ProjectAnswers } from "#app/domain/project-answers.ts";

export const RACI_LETTERS = { responsible: "R", accountable: "A", consulted: "C", informed: "I" } as const;
type Role = keyof typeof RACI_LETTERS;

export type RaciProblem = { deliverable: string; kind: "no-accountable" | "several-accountable" | "no-responsible" };
export type RaciMatrix = {
  members: string[];
  /** Per deliverable: each member's letters (matrix form) and each letter's members (list form, for a team too wide for a page). */
  rows: Array<{ deliverable: string; letters: string[]; byRole: Record<"R" | "A" | "C" | "I", string[]> }>;
  problems: RaciProblem[];
};

const text = (v: unknown) => (typeof v === "string" ? v.trim() : v == null ? "" : String(v));

export function raciMatrix(data: ProjectAnswers, ids = { raci: "requirements.raci", deliverables: "requirements.deliverables", team: "team.members" }): RaciMatrix | null {
  const assignments = data.rows.get(ids.raci) ?? [];
  if (!assignments.length) return null;
  const deliverables = (data.rows.get(ids.deliverables) ?? []).map((r, i) => ({ id: r.id, name: text(r.cells.deliverable) || `#${i + 1}` }));
  const team = (data.rows.get(ids.team) ?? []).map((r, i) => ({ id: r.id, name: text(r.cells.name) || `#${i + 1}` }));
  const cell = new Map<string, Set<Role>>();
  for (const a of assignments) {
    const role = text(a.cells.role) as Role;
    if (!(role in RACI_LETTERS)) continue;
    const key = `${a.cells.deliverable}|${a.cells.member}`;
    cell.set(key, (cell.get(key) ?? new Set()).add(role));
  }
  // Only members holding a letter get a column: the matrix stays as narrow as the work.
  const members = team.filter((m) => deliverables.some((d) => cell.has(`${d.id}|${m.id}`)));
  const order: Role[] = ["responsible", "accountable", "consulted", "informed"];
  const rows = deliverables
    .filter((d) => members.some((m) => cell.has(`${d.id}|${m.id}`)))
    .map((d) => ({
      deliverable: d.name,
      letters: members.map((m) => order.filter((r) => cell.get(`${d.id}|${m.id}`)?.has(r)).map((r) => RACI_LETTERS[r]).join("/")),
      byRole: Object.fromEntries(order.map((r) => [RACI_LETTERS[r], members.filter((m) => cell.get(`${d.id}|${m.id}`)?.has(r)).map((m) => m.name)])) as Record<"R" | "A" | "C" | "I", string[]>,
    }));
  const problems: RaciProblem[] = [];
  for (const r of rows) {
    const accountable = r.letters.filter((l) => l.includes("A")).length;
    if (accountable === 0) problems.push({ deliverable: r.deliverable, kind: "no-accountable" });
    if (accountable > 1) problems.push({ deliverable: r.deliverable, kind: "several-accountable" });
    if (!r.letters.some((l) => l.includes("R"))) problems.push({ deliverable: r.deliverable, kind: "no-responsible" });
  }
  return { members: members.map((m) => m.name), rows, problems };
}
