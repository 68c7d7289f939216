/**
 * The thresholds a project's checks use: the project's own value where it set
 * one (the method settings page), else the pack's default. Pure functions of
 * the pack and the project's data, shared by the pages and the documents.
 */
import type { Pack, Threshold } from "#methodology/schema.ts";
import { GOOD_PRACTICE_SOURCE } from "#methodology/schema.ts";
import { THRESHOLD } from "#methodology/thresholds.ts";
import type { ProjectAnswers } from "./project-answers.ts";

export { THRESHOLD };

/** A threshold as a project uses it: its value, and whether that is the pack's default. */
export type ThresholdUse = {
  threshold: Threshold;
  value: number;
  default: number;
  isDefault: boolean;
  /** The default is Gambegam's own number (the sources give none). */
  gambegams: boolean;
};

export function thresholdUse(pack: Pack, data: Pick<ProjectAnswers, "settings">, id: string): ThresholdUse {
  const threshold = pack.thresholds.find((t) => t.id === id);
  // The pack's checks (methodology/load.ts) make sure every threshold read here is declared.
  if (!threshold) throw new Error(`threshold '${id}' is not declared in pack ${pack.id} ${pack.version}`);
  const own = data.settings?.get(id);
  const value = own === undefined ? threshold.default : own;
  return { threshold, value, default: threshold.default, isDefault: own === undefined, gambegams: threshold.source === GOOD_PRACTICE_SOURCE };
}

export function thresholdValue(pack: Pack, data: Pick<ProjectAnswers, "settings">, id: string): number {
  return thresholdUse(pack, data, id).value;
}

/** The thresholds a health rule or a page uses, in the pack's order. */
export function thresholdsUsedBy(pack: Pack, data: Pick<ProjectAnswers, "settings">, by: { rule: string } | { page: Threshold["pages"][number] }): ThresholdUse[] {
  return pack.thresholds
    .filter((t) => ("rule" in by ? t.rules.includes(by.rule) : t.pages.includes(by.page)))
    .map((t) => thresholdUse(pack, data, t.id));
}

/** What the roadmap's warnings measure against. */
export type PlanningLimits = { maxShare: number; minGoals: number; windowDays: number };

export function planningLimits(pack: Pack, data: Pick<ProjectAnswers, "settings">): PlanningLimits {
  return {
    maxShare: thresholdValue(pack, data, THRESHOLD.firstStageShare) / 100,
    minGoals: thresholdValue(pack, data, THRESHOLD.firstStageMinGoals),
    windowDays: thresholdValue(pack, data, THRESHOLD.overnightWindowDays),
  };
}
