/**
 * Strategy before software, worked out from a project's answers: goal
 * ranking (weighted scoring and MoSCoW, ties kept as ties), the
 * value-versus-effort matrix, the roadmap's warnings and the traceability
 * chain vision → goal → requirement → UAT scenario → KPI. Pure functions of
 * the data, shared by the pages, the health check and the tests.
 */
import type { PlanningConfig } from "#methodology/schema.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import type { PlanningLimits } from "./thresholds.ts";
import { parseMeasure } from "#methodology/values.ts";

type Row = { id: number; cells: Record<string, string | number | null> };
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const num = (v: unknown): number | null => parseMeasure(v);
const refId = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
};
const iso = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

export function rowsOf(data: ProjectAnswers, id: string | undefined): ReadonlyArray<Row> {
  return id ? (data.rows.get(id) ?? []) : [];
}

// ------------------------------------------------------------------ goals

export type Moscow = "must" | "should" | "could" | "wont";
export const MOSCOW_ORDER: readonly Moscow[] = ["must", "should", "could", "wont"];
export type TechLevel = "low-tech" | "mid-tech" | "high-tech";

export type Goal = {
  id: number;
  /** 0-based place in the goals register (the team's own order). */
  index: number;
  name: string;
  kpi: string;
  measurement: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  moscow: Moscow | null;
  stageId: number | null;
  targetDate: string | null;
  tech: TechLevel | null;
  techReason: string;
};

export function readGoals(config: PlanningConfig, data: ProjectAnswers): Goal[] {
  return rowsOf(data, config.goals).map((r, index) => {
    const moscow = text(r.cells.moscow);
    const tech = text(r.cells["tech-level"]);
    return {
      id: r.id,
      index,
      name: text(r.cells.goal) || `#${index + 1}`,
      kpi: text(r.cells.kpi),
      measurement: text(r.cells.measurement),
      unit: text(r.cells.unit),
      baseline: num(r.cells.baseline),
      target: num(r.cells.target),
      moscow: (MOSCOW_ORDER as readonly string[]).includes(moscow) ? (moscow as Moscow) : null,
      stageId: refId(r.cells.stage),
      targetDate: iso(r.cells["target-date"]),
      tech: tech === "low-tech" || tech === "mid-tech" || tech === "high-tech" ? tech : null,
      techReason: text(r.cells["tech-reason"]),
    };
  });
}

/** What a goal lacks to be measurable: its indicator, baseline or target. */
export function missingMeasure(g: Goal): Array<"kpi" | "baseline" | "target"> {
  const missing: Array<"kpi" | "baseline" | "target"> = [];
  if (!g.kpi) missing.push("kpi");
  if (g.baseline === null) missing.push("baseline");
  if (g.target === null) missing.push("target");
  return missing;
}

// ------------------------------------------------------------------ ranking

export type Criterion = { id: number; name: string; weight: number; direction: "benefit" | "cost"; axis: "value" | "effort" | null };

export function readCriteria(config: PlanningConfig, data: ProjectAnswers): Criterion[] {
  return rowsOf(data, config.criteria).map((r, i) => {
    const w = num(r.cells.weight);
    const axis = text(r.cells.axis);
    return {
      id: r.id,
      name: text(r.cells.name) || `#${i + 1}`,
      weight: w !== null && w > 0 ? w : 0,
      direction: text(r.cells.direction) === "cost" ? "cost" : "benefit",
      axis: axis === "value" || axis === "effort" ? axis : null,
    };
  });
}

export type ScoreCell = { score: number; rowId: number; version: number };
/** goal id → criterion id → score (the later row wins when one pair is scored twice). */
export type ScoreGrid = Map<number, Map<number, ScoreCell>>;

export function readScores(config: PlanningConfig, data: ProjectAnswers): ScoreGrid {
  const grid: ScoreGrid = new Map();
  for (const r of rowsOf(data, config.scores) as ReadonlyArray<Row & { version?: number }>) {
    const goal = refId(r.cells.goal);
    const criterion = refId(r.cells.criterion);
    const score = num(r.cells.score);
    if (goal === null || criterion === null || score === null) continue;
    if (!grid.has(goal)) grid.set(goal, new Map());
    grid.get(goal)!.set(criterion, { score, rowId: r.id, version: r.version ?? 1 });
  }
  return grid;
}

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;

export type RankedGoal = {
  goal: Goal;
  /** Weighted score on the 0–5 scale, or the MoSCoW class's place (1 = must); null when not rankable yet. */
  score: number | null;
  /** Competition rank (1, 2, 2, 4): equal scores share a rank. Null when unranked. */
  rank: number | null;
  tied: boolean;
  /** Weighted criteria this goal has no score for. */
  missing: Criterion[];
};

export type Ranking = {
  method: "weighted" | "moscow";
  /** Ranked goals first (best first; ties in the register's order), then the unranked ones. */
  entries: RankedGoal[];
  /** Why nothing (or not everything) can be ranked. */
  problem: "no-goals" | "no-criteria" | "zero-weights" | null;
};

/** Scores are compared to three decimals: 3.3333… and 3.3334 are one tie, not two places. */
const key = (x: number) => Math.round(x * 1000) / 1000;

function assignRanks(entries: RankedGoal[], better: (a: number, b: number) => number): RankedGoal[] {
  const ranked = entries.filter((e) => e.score !== null).sort((a, b) => better(a.score!, b.score!) || a.goal.index - b.goal.index);
  const unranked = entries.filter((e) => e.score === null).sort((a, b) => a.goal.index - b.goal.index);
  ranked.forEach((e, i) => {
    e.rank = i > 0 && key(ranked[i - 1]!.score!) === key(e.score!) ? ranked[i - 1]!.rank : i + 1;
  });
  for (const e of ranked) e.tied = ranked.some((o) => o !== e && o.rank === e.rank);
  return [...ranked, ...unranked];
}

/**
 * Weighted scoring: each criterion's score (0–5) times its weight, a cost
 * criterion counted the other way round (5 − score), divided by the sum of
 * the weights — so the result stays on the 0–5 scale whatever the weights.
 * Criteria of weight 0 do not count. A goal missing a score on a counted
 * criterion is not ranked until it has one (its missing criteria are listed).
 */
export function weightedRanking(goals: Goal[], criteria: Criterion[], scores: ScoreGrid): Ranking {
  const counted = criteria.filter((c) => c.weight > 0);
  const problem = goals.length === 0 ? "no-goals" : criteria.length === 0 ? "no-criteria" : counted.length === 0 ? "zero-weights" : null;
  const totalWeight = counted.reduce((s, c) => s + c.weight, 0);
  const entries = goals.map((goal): RankedGoal => {
    const row = scores.get(goal.id);
    const missing = counted.filter((c) => row?.get(c.id) === undefined);
    let score: number | null = null;
    if (counted.length && missing.length === 0) {
      const sum = counted.reduce((s, c) => {
        const v = Math.min(SCORE_MAX, Math.max(SCORE_MIN, row!.get(c.id)!.score));
        return s + c.weight * (c.direction === "cost" ? SCORE_MAX - v : v);
      }, 0);
      score = sum / totalWeight;
    }
    return { goal, score, rank: null, tied: false, missing };
  });
  return { method: "weighted", entries: assignRanks(entries, (a, b) => b - a), problem };
}

/** The ranking method the team chose: weighted scoring unless it chose MoSCoW. */
export function rankingMethod(config: PlanningConfig, data: ProjectAnswers): Ranking["method"] {
  return data.answers.get(config.rankingMethod)?.value === "moscow" ? "moscow" : "weighted";
}

/** MoSCoW: must, should, could, won't — every goal of a class shares its rank. Unclassified goals are unranked. */
export function moscowRanking(goals: Goal[]): Ranking {
  const entries = goals.map((goal): RankedGoal => ({ goal, score: goal.moscow ? MOSCOW_ORDER.indexOf(goal.moscow) + 1 : null, rank: null, tied: false, missing: [] }));
  return { method: "moscow", entries: assignRanks(entries, (a, b) => a - b), problem: goals.length === 0 ? "no-goals" : null };
}

export type MatrixPoint = { goal: Goal; value: number; effort: number; quadrant: "quick-win" | "major-project" | "fill-in" | "money-pit" };

/**
 * The value-versus-effort matrix: a goal's value is the weighted mean of its
 * scores on the value-axis criteria, its effort that of the effort-axis ones
 * (high = much effort). The quadrants split at the middle of the scale.
 */
export function valueEffortMatrix(goals: Goal[], criteria: Criterion[], scores: ScoreGrid): { points: MatrixPoint[]; unplaced: Goal[]; axes: { value: Criterion[]; effort: Criterion[] } } {
  const axis = (a: "value" | "effort") => criteria.filter((c) => c.axis === a);
  const axes = { value: axis("value"), effort: axis("effort") };
  const mean = (goal: Goal, cs: Criterion[]): number | null => {
    const row = scores.get(goal.id);
    const scored = cs.filter((c) => row?.get(c.id) !== undefined);
    if (!cs.length || scored.length < cs.length) return null;
    const w = scored.map((c) => (c.weight > 0 ? c.weight : 1));
    return scored.reduce((s, c, i) => s + w[i]! * row!.get(c.id)!.score, 0) / w.reduce((a, b) => a + b, 0);
  };
  const mid = (SCORE_MIN + SCORE_MAX) / 2;
  const points: MatrixPoint[] = [];
  const unplaced: Goal[] = [];
  for (const goal of goals) {
    const value = mean(goal, axes.value);
    const effort = mean(goal, axes.effort);
    if (value === null || effort === null) {
      unplaced.push(goal);
      continue;
    }
    const high = value >= mid;
    const hard = effort >= mid;
    points.push({ goal, value, effort, quadrant: high ? (hard ? "major-project" : "quick-win") : hard ? "money-pit" : "fill-in" });
  }
  return { points, unplaced, axes };
}

// ------------------------------------------------------------------ roadmap

export type Stage = { id: number; index: number; name: string; start: string | null; end: string | null; tech: TechLevel | null };

export function readStages(config: PlanningConfig, data: ProjectAnswers): Stage[] {
  return rowsOf(data, config.roadmap).map((r, index) => {
    const tech = text(r.cells["technology-level"]);
    return {
      id: r.id,
      index,
      name: text(r.cells.name) || `#${index + 1}`,
      start: iso(r.cells.start),
      end: iso(r.cells.end),
      tech: tech === "low-tech" || tech === "mid-tech" || tech === "high-tech" ? tech : null,
    };
  });
}

/** The roadmap stages' names by row id (what a goal's stage refers to). */
export function stageNames(config: PlanningConfig, data: ProjectAnswers): Map<number, string> {
  return new Map(readStages(config, data).map((st) => [st.id, st.name]));
}

export type RoadmapWarning =
  | { kind: "first-stage-overloaded"; stage: Stage; count: number; total: number; maxShare: number; minGoals: number }
  | { kind: "all-at-once"; count: number; from: string; to: string; windowDays: number }
  | { kind: "single-stage"; stage: Stage; count: number }
  | { kind: "stage-dates"; stage: Stage }
  | { kind: "goal-outside-stage"; goal: Goal; stage: Stage }
  | { kind: "unassigned"; goals: Goal[] };

const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * What the roadmap gets wrong, against the method's "not overnight" rule:
 * the first stage (by start date, else by order) carries more than
 * `maxShare` of the goals and more than `minGoals` of them; every dated goal
 * is due within `windowDays` of the others; every goal sits in one stage;
 * plus dates that cannot be drawn. The limits are the project's thresholds
 * (`planningLimits` in thresholds.ts).
 */
export function roadmapWarnings(stages: Stage[], goals: Goal[], limits: PlanningLimits): RoadmapWarning[] {
  const out: RoadmapWarning[] = [];
  const byId = new Map(stages.map((s) => [s.id, s]));
  const assigned = goals.filter((g) => g.stageId !== null && byId.has(g.stageId));
  const first = firstStage(stages);
  if (first && goals.length) {
    const count = assigned.filter((g) => g.stageId === first.id).length;
    if (count > limits.minGoals && count / goals.length > limits.maxShare)
      out.push({ kind: "first-stage-overloaded", stage: first, count, total: goals.length, maxShare: limits.maxShare, minGoals: limits.minGoals });
  }
  const dated = goals.map((g) => g.targetDate).filter((d): d is string => d !== null).sort();
  if (dated.length >= 2 && days(dated[0]!, dated[dated.length - 1]!) <= limits.windowDays)
    out.push({ kind: "all-at-once", count: dated.length, from: dated[0]!, to: dated[dated.length - 1]!, windowDays: limits.windowDays });
  if (stages.length >= 2 && goals.length >= 2 && assigned.length === goals.length) {
    const only = new Set(assigned.map((g) => g.stageId));
    if (only.size === 1) out.push({ kind: "single-stage", stage: byId.get([...only][0]!)!, count: goals.length });
  }
  for (const s of stages) if (s.start && s.end && s.end < s.start) out.push({ kind: "stage-dates", stage: s });
  for (const g of assigned) {
    const s = byId.get(g.stageId!)!;
    if (g.targetDate && s.start && s.end && s.start <= s.end && (g.targetDate < s.start || g.targetDate > s.end)) out.push({ kind: "goal-outside-stage", goal: g, stage: s });
  }
  const unassigned = goals.filter((g) => g.stageId === null || !byId.has(g.stageId));
  if (unassigned.length && stages.length) out.push({ kind: "unassigned", goals: unassigned });
  return out;
}

/** The stage that starts first (undated stages count in their register order, after dated ones). */
export function firstStage(stages: Stage[]): Stage | null {
  if (!stages.length) return null;
  const dated = stages.filter((s) => s.start).sort((a, b) => a.start!.localeCompare(b.start!) || a.index - b.index);
  return dated[0] ?? stages[0]!;
}

// ------------------------------------------------------------------ traceability

export type TraceRequirement = { id: number; name: string; goalId: number | null; touchpointId: number | null; uat: Array<{ id: number; name: string; status: string }> };
export type TraceGoal = { goal: Goal; requirements: TraceRequirement[] };
export type Touchpoint = { id: number; name: string; segmentId: number | null; stage: string; channel: string; initiatedBy: string; consent: string; action: string; dataHeld: string; influence: string; gap: string };

export function readTouchpoints(config: PlanningConfig, data: ProjectAnswers): Touchpoint[] {
  return rowsOf(data, config.touchpoints).map((r, i) => ({
    id: r.id,
    name: text(r.cells.touchpoint) || `#${i + 1}`,
    segmentId: refId(r.cells.segment),
    stage: text(r.cells.stage),
    channel: text(r.cells.channel),
    initiatedBy: text(r.cells["initiated-by"]),
    consent: text(r.cells.consent),
    action: text(r.cells["customer-action"]),
    dataHeld: text(r.cells["data-held"]),
    influence: text(r.cells["influence-opportunity"]),
    gap: text(r.cells.gap),
  }));
}

export type Traceability = {
  vision: Array<{ itemId: string; text: string }>;
  goals: TraceGoal[];
  orphans: {
    requirementsWithoutGoal: TraceRequirement[];
    goalsWithoutRequirement: Goal[];
    requirementsWithoutUat: TraceRequirement[];
    gapsWithoutRequirement: Touchpoint[];
  };
  counts: { goals: number; requirements: number; uat: number };
};

export function traceability(config: PlanningConfig, data: ProjectAnswers): Traceability {
  const goals = readGoals(config, data);
  const goalIds = new Set(goals.map((g) => g.id));
  const uatRows = rowsOf(data, config.uatScenarios);
  const requirements: TraceRequirement[] = rowsOf(data, config.requirements).map((r, i) => ({
    id: r.id,
    name: text(r.cells.requirement) || `#${i + 1}`,
    goalId: refId(r.cells.goal),
    touchpointId: refId(r.cells.touchpoint),
    uat: uatRows
      .filter((u) => refId(u.cells.requirement) === r.id)
      .map((u, j) => ({ id: u.id, name: text(u.cells.scenario) || `#${j + 1}`, status: text(u.cells.status) })),
  }));
  const served = (r: TraceRequirement) => r.goalId !== null && goalIds.has(r.goalId);
  const closing = new Set(requirements.map((r) => r.touchpointId).filter((x) => x !== null));
  return {
    vision: config.vision.map((itemId) => ({ itemId, text: text(data.answers.get(itemId)?.value) })).filter((v) => v.text),
    goals: goals.map((goal) => ({ goal, requirements: requirements.filter((r) => r.goalId === goal.id) })),
    orphans: {
      requirementsWithoutGoal: requirements.filter((r) => !served(r)),
      goalsWithoutRequirement: goals.filter((g) => !requirements.some((r) => r.goalId === g.id)),
      requirementsWithoutUat: requirements.filter((r) => r.uat.length === 0),
      gapsWithoutRequirement: readTouchpoints(config, data).filter((t) => t.gap && !closing.has(t.id)),
    },
    counts: { goals: goals.length, requirements: requirements.length, uat: uatRows.length },
  };
}

// ------------------------------------------------------------------ segments

export type Segment = {
  id: number;
  name: string;
  size: number | null;
  band: string;
  rank: number | null;
  currentValue: number | null;
  potentialValue: number | null;
  decision: string;
  valuedContacts: string;
  mustNot: string;
};

export function readSegments(config: PlanningConfig, data: ProjectAnswers): Segment[] {
  return rowsOf(data, config.segments).map((r, i) => ({
    id: r.id,
    name: text(r.cells.name) || `#${i + 1}`,
    size: num(r.cells.size),
    band: text(r.cells["profitability-band"]),
    rank: num(r.cells["profitability-rank"]),
    currentValue: num(r.cells["current-value"]),
    potentialValue: num(r.cells["potential-value"]),
    decision: text(r.cells.decision),
    valuedContacts: text(r.cells["valued-contacts"]),
    mustNot: text(r.cells["must-not"]),
  }));
}
