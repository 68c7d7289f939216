/**
 * Change management worked out from a project's answers: the readiness
 * assessment (scores, gaps, whether outside help is advised) and how much the
 * work of each impacted group changes. Pure functions of the data, shared by
 * the page and the change-management plan.
 */
import type { ChangeManagementConfig, Localized, Pack, RatingItem, RegisterItem } from "#methodology/schema.ts";
import { allItems, findItem } from "#methodology/load.ts";
import { readRating } from "#methodology/values.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { THRESHOLD, thresholdValue } from "./thresholds.ts";

export type ReadinessTopic = { item: RatingItem; score: number | null; evidence: string; gap: boolean };

export type Readiness = {
  topics: ReadinessTopic[];
  scored: number;
  /** Mean of the scored topics; null when none is scored. */
  average: number | null;
  gaps: ReadinessTopic[];
  unscored: ReadinessTopic[];
  /**
   * `advised`: at least `outsideHelpGaps` gaps (whatever is still unscored);
   * `incomplete`: fewer gaps so far, but topics are unscored;
   * `not-needed`: every topic scored and fewer gaps than that.
   */
  outsideHelp: "advised" | "incomplete" | "not-needed";
  gapBelow: number;
  outsideHelpGaps: number;
  min: number;
  max: number;
};

export function readinessTopics(pack: Pack): RatingItem[] {
  const tag = pack.changeManagement?.readiness.tag;
  if (!tag) return [];
  return allItems(pack)
    .map(({ item }) => item)
    .filter((i): i is RatingItem => i.kind === "rating" && i.tags.includes(tag));
}

export function readinessAssessment(pack: Pack, data: ProjectAnswers): Readiness | null {
  const cm = pack.changeManagement;
  if (!cm) return null;
  const items = readinessTopics(pack);
  // The project's own numbers where it set them (the method settings page), else the pack's defaults.
  const gapBelow = thresholdValue(pack, data, THRESHOLD.readinessGapBelow);
  const outsideHelpGaps = thresholdValue(pack, data, THRESHOLD.outsideHelpGaps);
  const topics = items.map((item) => {
    const { score, evidence } = readRating(data.answers.get(item.id)?.value);
    return { item, score, evidence, gap: score !== null && score < gapBelow };
  });
  const scoredTopics = topics.filter((t) => t.score !== null);
  const gaps = topics.filter((t) => t.gap).sort((a, b) => a.score! - b.score!);
  const unscored = topics.filter((t) => t.score === null);
  const outsideHelp = gaps.length >= outsideHelpGaps ? "advised" : unscored.length ? "incomplete" : "not-needed";
  return {
    topics,
    scored: scoredTopics.length,
    average: scoredTopics.length ? scoredTopics.reduce((n, t) => n + t.score!, 0) / scoredTopics.length : null,
    gaps,
    unscored,
    outsideHelp,
    gapBelow,
    outsideHelpGaps,
    min: items[0]?.min ?? 0,
    max: items[0]?.max ?? 5,
  };
}

export type GroupImpact = {
  rowId: number;
  group: string;
  people: number | null;
  scores: Array<{ aspect: string; score: number | null }>;
  /** Mean of the scored aspects (0–5); null when none is scored. */
  impact: number | null;
  resistance: string | null;
  sponsor: string;
  /** Large change (mean ≥ 3) met with high resistance, or any change with nobody answering for it. */
  attention: Array<"high-impact-high-resistance" | "no-sponsor">;
};

export type ImpactView = {
  register: RegisterItem;
  aspects: Array<{ id: string; label: Localized; max: number }>;
  groups: GroupImpact[];
};

const text = (v: unknown) => (typeof v === "string" ? v.trim() : v === null || v === undefined ? "" : String(v));
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function impactedGroups(pack: Pack, data: ProjectAnswers): ImpactView | null {
  const cm: ChangeManagementConfig | undefined = pack.changeManagement;
  if (!cm) return null;
  const register = findItem(pack, cm.impactedGroups) as RegisterItem;
  const aspects = cm.aspects.map((id) => {
    const col = register.columns.find((c) => c.id === id)!;
    return { id, label: col.label, max: col.type === "scale" ? col.max : 5 };
  });
  const groups = (data.rows.get(register.id) ?? []).map((r): GroupImpact => {
    const scores = aspects.map((a) => ({ aspect: a.id, score: num(r.cells[a.id]) }));
    const scored = scores.filter((s) => s.score !== null);
    const impact = scored.length ? scored.reduce((n, s) => n + s.score!, 0) / scored.length : null;
    const resistance = text(r.cells.resistance) || null;
    const sponsor = text(r.cells.sponsor);
    const attention: GroupImpact["attention"] = [];
    if (impact !== null && impact >= 3 && resistance === "high") attention.push("high-impact-high-resistance");
    if (impact !== null && impact > 0 && !sponsor) attention.push("no-sponsor");
    return { rowId: r.id, group: text(r.cells.group), people: num(r.cells.people), scores, impact, resistance, sponsor, attention };
  });
  return { register, aspects, groups };
}
