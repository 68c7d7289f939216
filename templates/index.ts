/**
 * The deliverables Gambegam writes, each a pure builder (input → docx
 * Document), and the phase whose sign-off each one records.
 */
import type { Document } from "docx";
import type { DeliverableId, DeliverableInput } from "./model.ts";
import { buildScopeDocument } from "./deliverables/scope-document.ts";
import { buildVisionMinutes } from "./deliverables/vision-minutes.ts";
import { buildGoNoGoRecord } from "./deliverables/go-no-go.ts";

export type DeliverableDefinition = {
  id: DeliverableId;
  /** The phase whose sign-off the document shows. */
  phaseId: string;
  /** Items the document reads; a pack without the first one cannot produce it. */
  requires: string;
  /** Diagrams it shows: generated ones by name, and diagram items by id. */
  figures: string[];
  build: (input: DeliverableInput) => Document;
};

export const DELIVERABLES: readonly DeliverableDefinition[] = [
  { id: "vision-minutes", phaseId: "vision", requires: "vision.workshop-participants", figures: [], build: buildVisionMinutes },
  {
    id: "scope-document",
    phaseId: "requirements",
    requires: "requirements.register",
    figures: ["roadmap", "requirements.current-process-map", "requirements.future-process-map", "team-structure"],
    build: buildScopeDocument,
  },
  { id: "go-no-go", phaseId: "deployment", requires: "deployment.go-decision", figures: [], build: buildGoNoGoRecord },
];

export function deliverable(id: string): DeliverableDefinition | undefined {
  return DELIVERABLES.find((d) => d.id === id);
}

export * from "./model.ts";
