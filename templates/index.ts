/**
 * The deliverables Gambegam writes, each a pure builder (input → docx
 * Document), and the phase whose sign-off each one records.
 */
import type { Document } from "docx";
import type { Pack } from "#methodology/schema.ts";
import type { DeliverableId, DeliverableInput } from "./model.ts";
import { buildScopeDocument } from "./deliverables/scope-document.ts";
import { buildVisionMinutes } from "./deliverables/vision-minutes.ts";
import { buildGoNoGoRecord } from "./deliverables/go-no-go.ts";
import { buildChangeManagementPlan } from "./deliverables/change-management-plan.ts";
import { buildPostLaunchReview } from "./deliverables/post-launch-review.ts";
import { buildRfp } from "./deliverables/rfp.ts";
import { buildSelectionReport } from "./deliverables/selection-report.ts";

export type DeliverableDefinition = {
  id: DeliverableId;
  /** The phase whose sign-off the document shows. */
  phaseId: string;
  /**
   * The phases whose workshop sessions the document prints, when it carries
   * more than its own phase's content (decision 038): the scope document
   * carries the goals and their priorities, the change-management plan the
   * team's readiness, the go/no-go record the customisation phase's (which
   * has no document of its own). Default: its own phase.
   */
  sessionPhases?: readonly string[];
  /** Items the document reads; a pack without the first one cannot produce it. */
  requires: string;
  /** Diagrams it shows: generated ones by name, charts as `chart:<name>`, and diagram items by id. */
  figures: string[];
  build: (input: DeliverableInput) => Document;
  /** What else the pack must define (e.g. its change-management workbench). */
  needs?: (pack: Pack) => boolean;
};

export const DELIVERABLES: readonly DeliverableDefinition[] = [
  { id: "vision-minutes", phaseId: "vision", requires: "vision.workshop-participants", figures: [], build: buildVisionMinutes },
  {
    id: "scope-document",
    phaseId: "requirements",
    sessionPhases: ["goals", "requirements"],
    requires: "requirements.register",
    figures: ["chart:value-effort", "roadmap", "requirements.current-process-map", "requirements.future-process-map", "team-structure"],
    build: buildScopeDocument,
  },
  // After the scope document, in the method's order. Issued once the requirements are signed; the selection phase's sign-off approves it with the choice.
  { id: "rfp", phaseId: "selection", requires: "selection.rfp-issue-date", figures: [], build: buildRfp, needs: (p) => Boolean(p.selection) },
  { id: "selection-report", phaseId: "selection", requires: "selection.decision-reasons", figures: [], build: buildSelectionReport, needs: (p) => Boolean(p.selection) },
  // Customisation has no document of its own; its design sessions and prototype reviews built what UAT tested and the go/no-go decides on.
  { id: "go-no-go", phaseId: "deployment", sessionPhases: ["customisation", "deployment"], requires: "deployment.go-decision", figures: [], build: buildGoNoGoRecord },
  // The plan is agreed with the requirements (impacted groups, communication, training): it closes that phase.
  { id: "change-management-plan", phaseId: "requirements", sessionPhases: ["team", "requirements"], requires: "requirements.impacted-groups", figures: ["chart:readiness"], build: buildChangeManagementPlan, needs: (p) => Boolean(p.changeManagement) },
  { id: "post-launch-review", phaseId: "review", requires: "review.adoption", figures: ["chart:adoption", "chart:kpi", "chart:metrics"], build: buildPostLaunchReview, needs: (p) => Boolean(p.postLaunchReview) },
];

/** The phases whose workshop sessions a deliverable prints. */
export function sessionPhasesOf(def: DeliverableDefinition): readonly string[] {
  return def.sessionPhases ?? [def.phaseId];
}

export function deliverable(id: string): DeliverableDefinition | undefined {
  return DELIVERABLES.find((d) => d.id === id);
}

export * from "./model.ts";
