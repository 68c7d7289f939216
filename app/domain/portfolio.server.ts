/**
 * The consultant's portfolio: every project the user belongs to, with its
 * current phase, progress, sign-offs awaiting a decision and health
 * findings — sortable by any of them.
 */
import type { Db } from "#db/client.ts";
import { listProjects, loadProjectData, packOf } from "./projects.server.ts";
import { projectGates } from "./signoff.server.ts";
import { healthCounts, phaseStates } from "./health.server.ts";

export const PORTFOLIO_SORTS = ["name", "phase", "progress", "signoffs", "health", "updated"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

export function portfolio(db: Db, userId: number, sort: PortfolioSort, dir: "asc" | "desc") {
  // Archived projects are set aside (decision 047): listed apart, under "Archived projects".
  const rows = listProjects(db, userId).filter((s) => !s.project.archivedAt).map((s) => {
    const pack = packOf(s.project);
    const gateMap = pack ? projectGates(db, s.project.id, pack) : new Map();
    const gates = [...gateMap.values()];
    const awaiting = pack ? pack.phases.filter((p) => gates.find((g) => g.phaseId === p.id)?.status === "awaiting").map((p) => ({ id: p.id, title: p.title })) : [];
    const health = pack ? healthCounts(pack, loadProjectData(db, s.project.id), phaseStates(gateMap)) : null;
    const phaseIndex = pack && s.currentPhase ? pack.phases.findIndex((p) => p.id === s.currentPhase!.id) : pack ? pack.phases.length : -1;
    return { summary: s, awaiting, health, phaseIndex, progress: s.required ? s.requiredAnswered / s.required : 0 };
  });
  const key = (r: (typeof rows)[number]): string | number => {
    switch (sort) {
      case "name":
        return r.summary.project.name;
      case "phase":
        return r.phaseIndex;
      case "progress":
        return r.progress;
      case "signoffs":
        return r.awaiting.length;
      case "health":
        return r.health ? r.health.high * 10_000 + r.health.total : -1;
      case "updated":
        return r.summary.project.updatedAt;
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "fa");
    return sign * c || a.summary.project.name.localeCompare(b.summary.project.name, "fa");
  });
  return rows;
}
