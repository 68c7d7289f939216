/**
 * Team coverage: which of the pack's recommended roles have at least one
 * member in the team register, and who fills each.
 */
import type { Pack, TeamRole } from "#methodology/schema.ts";
import type { ProjectData } from "./projects.server.ts";

export type RoleCoverage = {
  role: TeamRole;
  members: Array<{ rowId: number; name: string; unit: string }>;
};

export type TeamCoverage = {
  register: { itemId: string; stepId: string; phaseId: string };
  roles: RoleCoverage[];
  unfilled: number;
  /** Members whose role is not one of the recommended roles (e.g. "other"). */
  others: Array<{ rowId: number; name: string; unit: string; role: string | null }>;
};

export function teamCoverage(pack: Pack, data: ProjectData): TeamCoverage | null {
  const team = pack.team;
  if (!team) return null;
  let location: TeamCoverage["register"] | null = null;
  for (const ph of pack.phases) for (const st of ph.steps) if (st.items.some((it) => it.id === team.register)) location ??= { itemId: team.register, stepId: st.id, phaseId: ph.id };
  if (!location) return null;
  const rows = data.rows.get(team.register) ?? [];
  const text = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
  const roles = team.roles.map((role) => ({
    role,
    members: rows
      .filter((r) => r.cells[team.roleColumn] === role.id)
      .map((r) => ({ rowId: r.id, name: text(r.cells.name ?? Object.values(r.cells)[0]), unit: text(r.cells.unit) })),
  }));
  const roleIds = new Set(team.roles.map((r) => r.id));
  const others = rows
    .filter((r) => !roleIds.has(String(r.cells[team.roleColumn] ?? "")))
    .map((r) => ({ rowId: r.id, name: text(r.cells.name ?? Object.values(r.cells)[0]), unit: text(r.cells.unit), role: (r.cells[team.roleColumn] as string | null) ?? null }));
  return { register: location, roles, unfilled: roles.filter((r) => r.members.length === 0).length, others };
}
