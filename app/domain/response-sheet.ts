/**
 * The response sheet's side that needs no server: the items it reads, the
 * requirements numbered R1… in the register's order, the fit levels' words,
 * the product candidates, and the shapes the builder and the reader share
 * (response-sheet.server.ts builds and reads the workbook).
 */
import { findItem } from "#methodology/load.ts";
import type { Language, Localized, Pack } from "#methodology/schema.ts";
import type { ProjectAnswers } from "./project-answers.ts";

export const FIT_LEVEL_IDS = ["standard", "configuration", "customisation", "third-party", "not-supported"] as const;
export type FitLevel = (typeof FIT_LEVEL_IDS)[number];

export type SheetRequirement = {
  rowId: number;
  /** "R3": the 1-based place in the requirements register. */
  number: string;
  text: string;
  description: string;
  /** The priority in words, in the sheet's language ("" when not set). */
  priority: string;
  /** The goal it serves, in words ("" when none). */
  goal: string;
};

export type ResponseSheetInput = {
  lang: Language;
  project: { id: number; createdAt: string; name: string; client: string };
  requirementsItemId: string;
  requirements: SheetRequirement[];
  fitLevels: ReadonlyArray<{ id: string; label: Localized }>;
  /** Shown as given (formatted by the caller in the sheet's language); null: not set. */
  rfp: { issueDate: string | null; dueDate: string | null; contact: string | null };
  /** The product candidate the sheet is issued to, or null for a blank sheet. */
  vendor: { rowId: number; name: string } | null;
};

/** A problem to show the user: an i18n key under `selection.import.` and its parameters. */
export type SheetProblem = { key: string; params?: Record<string, string | number> };

export type SheetExpectation = {
  project: { id: number; createdAt: string };
  requirementsItemId: string;
  /** The register now, in order. */
  requirements: ReadonlyArray<{ rowId: number; number: string; text: string }>;
  fitLevels: ReadonlyArray<{ id: string; label: Localized }>;
};

/** The items the response sheet reads and writes (the contract of the selection phase). */
export const SHEET_ITEMS = {
  requirements: "requirements.register",
  candidates: "selection.candidates",
  responses: "selection.vendor-responses",
  goals: "goals.register",
} as const;

type Rows = ProjectAnswers["rows"];
const cellString = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** The register's requirements, numbered R1… in its order (the order the scope document lists them). */
export function numberedRequirements(rows: Rows): Array<{ rowId: number; number: string; text: string; cells: Record<string, string | number | null> }> {
  return (rows.get(SHEET_ITEMS.requirements) ?? []).map((r, i) => ({ rowId: r.id, number: `R${i + 1}`, text: cellString(r.cells.requirement), cells: r.cells }));
}

/** The five fit levels with their words, from the responses register's `fit` column. */
export function fitLevelsOf(pack: Pack): Array<{ id: string; label: Localized }> {
  const item = findItem(pack, SHEET_ITEMS.responses);
  const fit = item?.kind === "register" ? item.columns.find((c) => c.id === "fit") : undefined;
  return fit && fit.type === "choice" ? fit.options.map((o) => ({ id: o.id, label: o.label })) : [];
}

export function sheetExpectation(pack: Pack, project: { id: number; createdAt: string }, data: ProjectAnswers): SheetExpectation {
  return {
    project,
    requirementsItemId: SHEET_ITEMS.requirements,
    requirements: numberedRequirements(data.rows).map(({ rowId, number, text }) => ({ rowId, number, text })),
    fitLevels: fitLevelsOf(pack),
  };
}

/** The product candidates a sheet can be issued to and imported for. */
export function productCandidates(rows: Rows): Array<{ rowId: number; name: string; status: string }> {
  return (rows.get(SHEET_ITEMS.candidates) ?? [])
    .filter((r) => r.cells.kind === "product")
    .map((r) => ({ rowId: r.id, name: cellString(r.cells.name), status: cellString(r.cells.status) }));
}

