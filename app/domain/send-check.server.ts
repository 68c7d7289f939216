/**
 * The send check of a stored project: its gates read once, then the pure
 * check (send-check.ts) over the deliverables its pack can produce. The
 * Documents page and the command-line export call this.
 */
import type { Db } from "#db/client.ts";
import type { ProjectRow } from "#db/schema.ts";
import type { Pack } from "#methodology/schema.ts";
import { availableDeliverables } from "./deliverables.server.ts";
import { gateView, projectGates } from "./signoff.server.ts";
import type { ProjectData } from "./projects.server.ts";
import { sendCheck, type DeliverableCheck } from "./send-check.ts";

export function projectSendCheck(db: Db, project: ProjectRow, pack: Pack, data: ProjectData): DeliverableCheck[] {
  const deliverables = availableDeliverables(pack).map((d) => ({ id: d.id, phaseId: d.phaseId }));
  const gates = projectGates(db, project.id, pack);
  const phases = pack.phases.filter((p) => deliverables.some((d) => d.phaseId === p.id));
  const facts = phases.map((phase) => ({ phaseId: phase.id, changedSinceSignoff: gateView(pack, phase, gates, data).changedSinceSignoff }));
  return sendCheck({ pack, projectId: project.id, data, gates: facts, deliverables });
}
