/**
 * What a deliverable builder is given: plain data, already loaded and with its
 * diagrams already drawn. Builders read nothing else, so the same input always
 * gives the same document (apart from the time stamp it is given).
 */
import type { Pack } from "#methodology/schema.ts";
import type { Branding } from "#app/domain/branding.ts";
import type { ProjectAnswers } from "#app/domain/project-answers.ts";

// Declared in the domain (which the documents read from); named here too for the builders.
export { BRAND_FONTS, DEFAULT_BRANDING, type BrandFont, type Branding, type Logo } from "#app/domain/branding.ts";
export type { ProjectAnswers } from "#app/domain/project-answers.ts";

import type { SessionRecord } from "#app/domain/workshop.ts";
export type DocLang = "fa" | "en";

export const DELIVERABLE_IDS = ["scope-document", "vision-minutes", "go-no-go", "change-management-plan", "post-launch-review", "rfp", "selection-report"] as const;
export type DeliverableId = (typeof DELIVERABLE_IDS)[number];

/** The sign-off state of the phase a deliverable closes, as the gate shows it. */
export type SignOffState = {
  phaseTitle: string;
  status: "open" | "awaiting" | "signed" | "reopened";
  currentFingerprint: string;
  changedSinceSignoff: boolean;
  lastApproval: { by: string; at: string; fingerprint: string; comment: string } | null;
  request: { by: string; at: string } | null;
  rejection: { by: string; at: string; comment: string } | null;
  /**
   * An approval recorded in an imported project file: not a signature made
   * here, shown as "imported from <source>, not verified here" (decision 015).
   * `matches`: the content now is the content it names.
   */
  importedApproval?: { by: string; at: string; fingerprint: string; source: string; matches: boolean } | null;
};

/**
 * A diagram drawn by the server (SVG with a PNG fallback), or why it could not
 * be. Charts come as PNG only (`svg: null`): their labels must keep the font
 * they were drawn with, whatever fonts the reader's machine has.
 */
export type DiagramImage =
  | { kind: "image"; svg: Uint8Array | null; png: Uint8Array; width: number; height: number }
  | { kind: "fallback"; reason: "unavailable" | "invalid" | "failed" | "too-large" };

export type Figure = {
  title: string;
  definition: string;
  image: DiagramImage;
  /** What the diagram shows, as a table, for when it cannot be drawn. */
  fallback: { columns: string[]; rows: string[][] };
};

export type DeliverableInput = {
  lang: DocLang;
  pack: Pack;
  project: { name: string; client: string; startDate: string; description: string };
  data: ProjectAnswers;
  signOff: SignOffState | null;
  version: number;
  /** ISO timestamp: when the document was produced. */
  generatedAt: string;
  generatedBy: string;
  branding: Branding;
  /** Diagrams by key (e.g. `team-structure`, `roadmap`, or a diagram item's id). */
  figures: Record<string, Figure>;
  /**
   * A draft for the team: unanswered items are shown in place, clearly
   * marked, instead of being listed in the "Open items" appendix (the
   * consultant chooses when exporting).
   */
  draft?: boolean;
  /**
   * The date the document carries on its cover instead of the export date
   * (ISO date): an issued RFP carries its issue date, a selection report no
   * date earlier than the decision it records.
   */
  dated?: string;
  /** An RFP sent to vendors: the cover says "Issued for response", not approved. */
  issuedForResponse?: boolean;
  /**
   * Who prepared this version, as the cover names them: the person who
   * exported it (for the command line, the name given or the project's
   * consultant or manager). Falls back to `generatedBy`.
   */
  author?: string;
  /** Document control: every version of this deliverable so far, oldest first. */
  revisions?: Revision[];
  /** Document control: who receives the document. */
  distribution?: Person[];
  /** The approval table's rows: the client's signatories first, then the consultant's. */
  signatories?: Array<Person & { side: "client" | "consultant" }>;
  /** The workshop sessions of the document's phase, oldest first (decision 038); printed before the end matter. */
  workshops?: SessionRecord[];
};

/** A person as a document lists them, already in the document's language. */
export type Person = { name: string; role: string; organisation: string };

/**
 * One version of a deliverable: when it was first produced, by whom, and what
 * changed since the version before: the ids of the phases whose content
 * changed, `project` (the project's details) or `sign-off` (the gate's state).
 * `changes` is null for the first version and for versions recorded before
 * what changed was kept.
 */
export type Revision = { version: number; date: string; author: string; changes: string[] | null };
