/**
 * The post-launch review's figures worked out from the registers: adoption
 * rate per user group and period (against the sources' reference), and the
 * progress of each goal's KPI and each usage indicator from its baseline to
 * its target. Pure functions, shared by the page and the review report.
 *
 * Figures are reported as they are: a period a group did not report stays a
 * gap (never zero), zero licensed users gives no rate, and more active than
 * licensed users gives a rate over 100% with a warning — never a clamp.
 */
import type { Localized, Pack, PostLaunchReviewConfig, RegisterItem, Threshold } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import { parseMeasure, toLatinDigits } from "#methodology/values.ts";

export { parseMeasure };
import type { ProjectAnswers } from "./project-answers.ts";
import { thresholdUse } from "./thresholds.ts";

export type AdoptionPoint = { period: string; active: number; licensed: number; rate: number | null };

export type AdoptionSeries = { key: string; group: string; points: Array<AdoptionPoint | null> };

export type AdoptionIssue =
  | { kind: "zero-licensed"; group: string; period: string }
  | { kind: "over-100"; group: string; period: string; rate: number }
  | { kind: "missing-period"; group: string; period: string }
  | { kind: "duplicate"; group: string; period: string };

/**
 * A reference level: the share is the project's threshold (`threshold`, its
 * default and origin; `isDefault` when the project kept the pack's number).
 */
export type AdoptionReference = { months: number; percent: number; label: Localized; source: string; threshold: Threshold; isDefault: boolean; date: string | null };

export type Adoption = {
  /** Every period any group reported, oldest first (ISO dates). */
  periods: string[];
  /** One series per group, with a point (or null) per period. */
  series: AdoptionSeries[];
  /** All groups together, per period (groups with licensed users only). */
  overall: Array<AdoptionPoint | null>;
  goLive: string | null;
  references: AdoptionReference[];
  /** The latest overall rate against the reference that applies then. */
  verdict:
    | { kind: "no-data" }
    | { kind: "no-go-live"; rate: number | null }
    | { kind: "before-reference"; rate: number | null; months: number; next: AdoptionReference }
    | { kind: "compared"; rate: number | null; months: number; reference: AdoptionReference; met: boolean };
  issues: AdoptionIssue[];
};

const text = (v: unknown) => (typeof v === "string" ? v.trim() : v === null || v === undefined ? "" : String(v));
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** ISO date plus whole months (end-of-month safe: 31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, "0")}-${String(nm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Whole months from `from` to `to` (ISO dates), counting a month only once its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split("-").map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (months > 0 && addMonths(from, months) > to) months--;
  if (months < 0 && d2 > d1) months++;
  return months;
}

export function rate(active: number, licensed: number): number | null {
  return licensed > 0 ? (active / licensed) * 100 : null;
}

export function adoptionFigures(pack: Pack, data: ProjectAnswers): Adoption | null {
  const cfg: PostLaunchReviewConfig | undefined = pack.postLaunchReview;
  if (!cfg) return null;
  const rows = data.rows.get(cfg.adoption) ?? [];
  const goLiveValue = data.answers.get(cfg.goLive)?.value;
  const goLive = typeof goLiveValue === "string" && /^\d{4}-\d{2}-\d{2}$/.test(goLiveValue) ? goLiveValue : null;
  const issues: AdoptionIssue[] = [];
  const byGroup = new Map<string, { group: string; byPeriod: Map<string, AdoptionPoint> }>();
  for (const r of rows) {
    const period = text(r.cells.period);
    const group = text(r.cells.group);
    const active = num(r.cells.active);
    const licensed = num(r.cells.licensed);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(period) || !group || active === null || licensed === null) continue;
    const key = group.normalize("NFKC").replace(/\s+/g, " ").toLocaleLowerCase();
    const entry = byGroup.get(key) ?? { group, byPeriod: new Map() };
    byGroup.set(key, entry);
    if (entry.byPeriod.has(period)) issues.push({ kind: "duplicate", group: entry.group, period });
    // The later row of a duplicated period wins: it is the one entered last.
    entry.byPeriod.set(period, { period, active, licensed, rate: rate(active, licensed) });
  }
  const periods = [...new Set([...byGroup.values()].flatMap((g) => [...g.byPeriod.keys()]))].sort();
  const series: AdoptionSeries[] = [...byGroup.entries()].map(([key, g]) => ({ key, group: g.group, points: periods.map((p) => g.byPeriod.get(p) ?? null) }));
  for (const s of series) {
    s.points.forEach((p, i) => {
      const period = periods[i]!;
      if (!p) {
        // Only a gap between the group's first and last report, or after it started reporting, is missing.
        if (s.points.slice(0, i).some(Boolean)) issues.push({ kind: "missing-period", group: s.group, period });
      } else if (p.licensed === 0) issues.push({ kind: "zero-licensed", group: s.group, period });
      else if (p.rate !== null && p.rate > 100) issues.push({ kind: "over-100", group: s.group, period, rate: p.rate });
    });
  }
  const overall = periods.map((_, i) => {
    const pts = series.map((s) => s.points[i]).filter((p): p is AdoptionPoint => Boolean(p && p.licensed > 0));
    if (!pts.length) return null;
    const active = pts.reduce((n, p) => n + p.active, 0);
    const licensed = pts.reduce((n, p) => n + p.licensed, 0);
    return { period: periods[i]!, active, licensed, rate: rate(active, licensed) };
  });
  const references = [...cfg.adoptionReference]
    .sort((a, b) => a.months - b.months)
    .map((r) => {
      const use = thresholdUse(pack, data, r.threshold);
      return { months: r.months, percent: use.value, label: r.label, source: use.threshold.source, threshold: use.threshold, isDefault: use.isDefault, date: goLive ? addMonths(goLive, r.months) : null };
    });
  const lastIndex = overall.map((p, i) => (p ? i : -1)).filter((i) => i >= 0).pop();
  let verdict: Adoption["verdict"];
  if (lastIndex === undefined) verdict = { kind: "no-data" };
  else {
    const latest = overall[lastIndex]!;
    if (!goLive) verdict = { kind: "no-go-live", rate: latest.rate };
    else {
      const months = monthsBetween(goLive, latest.period);
      const applicable = references.filter((r) => r.months <= months).pop();
      if (!applicable) verdict = references[0] ? { kind: "before-reference", rate: latest.rate, months, next: references[0] } : { kind: "no-go-live", rate: latest.rate };
      else verdict = { kind: "compared", rate: latest.rate, months, reference: applicable, met: latest.rate !== null && latest.rate >= applicable.percent };
    }
  }
  return { periods, series, overall, goLive, references, verdict, issues };
}


/**
 * How far an actual value has moved from the baseline to the target, in
 * percent (100 = target reached; above 100 = beyond it; below 0 = worse than
 * the baseline). Works for "lower is better" targets too (baseline 9 days,
 * target 3). Without both a baseline and a target there is no direction to
 * measure along, so no progress (null).
 */
export function progressToTarget(actual: number, baseline: number | null, target: number | null): number | null {
  if (target === null || baseline === null) return null;
  if (baseline === target) return actual === target ? 100 : null;
  return ((actual - baseline) / (target - baseline)) * 100;
}

export type MeasureSeries = {
  key: string;
  label: string;
  /** What is measured (a goal's KPI, or the indicator's unit). */
  measure: string;
  baseline: number | null;
  target: number | null;
  baselineText: string;
  targetText: string;
  points: Array<{ period: string; actual: number; progress: number | null } | null>;
  latest: { period: string; actual: number; progress: number | null } | null;
  status: "met" | "moving" | "not-moving" | "no-target" | "no-data";
};

function statusOf(s: Omit<MeasureSeries, "status">): MeasureSeries["status"] {
  if (!s.latest) return "no-data";
  if (s.latest.progress === null) return "no-target";
  if (s.latest.progress >= 100) return "met";
  return s.latest.progress > 0 ? "moving" : "not-moving";
}

function buildSeries(periods: string[], groups: Map<string, Omit<MeasureSeries, "points" | "latest" | "status"> & { byPeriod: Map<string, number> }>): MeasureSeries[] {
  return [...groups.values()].map((g) => {
    const { byPeriod, ...rest } = g;
    const points = periods.map((p) => {
      const actual = byPeriod.get(p);
      return actual === undefined ? null : { period: p, actual, progress: progressToTarget(actual, g.baseline, g.target) };
    });
    const latest = [...points].reverse().find((p) => p !== null) ?? null;
    const s = { ...rest, points, latest };
    return { ...s, status: statusOf(s) };
  });
}

/** Each goal's KPI actuals per period, with its baseline and target read from the goals register. */
export function kpiFigures(pack: Pack, data: ProjectAnswers): { periods: string[]; series: MeasureSeries[]; goalsRegister: string } | null {
  const cfg = pack.postLaunchReview;
  if (!cfg) return null;
  const reg = findItem(pack, cfg.kpiActuals) as RegisterItem;
  const goalCol = reg.columns.find((c) => c.id === "goal");
  const goalsRegister = goalCol?.type === "ref" ? goalCol.register : "";
  const goals = new Map((data.rows.get(goalsRegister) ?? []).map((r, i) => [r.id, { row: r, index: i }]));
  const rows = (data.rows.get(cfg.kpiActuals) ?? []).filter((r) => goals.has(Number(r.cells.goal)) && /^\d{4}-\d{2}-\d{2}$/.test(text(r.cells.period)) && num(r.cells.actual) !== null);
  const periods = [...new Set(rows.map((r) => text(r.cells.period)))].sort();
  const groups = new Map<string, Omit<MeasureSeries, "points" | "latest" | "status"> & { byPeriod: Map<string, number> }>();
  // Goals keep the goals register's order; a goal with no actuals yet still shows (as "no data").
  for (const [id, { row, index }] of goals) {
    groups.set(String(id), {
      key: String(id),
      label: text(row.cells.goal) || `#${index + 1}`,
      measure: text(row.cells.kpi),
      baseline: parseMeasure(row.cells.baseline),
      target: parseMeasure(row.cells.target),
      baselineText: text(row.cells.baseline),
      targetText: text(row.cells.target),
      byPeriod: new Map(),
    });
  }
  for (const r of rows) groups.get(String(r.cells.goal))!.byPeriod.set(text(r.cells.period), num(r.cells.actual)!);
  return { periods, series: buildSeries(periods, groups), goalsRegister };
}

/** Each usage or data-quality indicator across the periods it was measured in. */
export function metricFigures(pack: Pack, data: ProjectAnswers): { periods: string[]; series: MeasureSeries[] } | null {
  const cfg = pack.postLaunchReview;
  if (!cfg) return null;
  const rows = (data.rows.get(cfg.metrics) ?? []).filter((r) => text(r.cells.metric) && num(r.cells.actual) !== null && /^\d{4}-\d{2}-\d{2}$/.test(text(r.cells.period)));
  const periods = [...new Set(rows.map((r) => text(r.cells.period)))].sort();
  const groups = new Map<string, Omit<MeasureSeries, "points" | "latest" | "status"> & { byPeriod: Map<string, number> }>();
  for (const r of rows) {
    const label = text(r.cells.metric);
    const key = label.normalize("NFKC").replace(/\s+/g, " ").toLocaleLowerCase();
    const g = groups.get(key) ?? { key, label, measure: text(r.cells.unit), baseline: null, target: null, baselineText: "", targetText: "", byPeriod: new Map() };
    // The latest row that states a baseline or target sets it for the whole series.
    if (num(r.cells.baseline) !== null) (g.baseline = num(r.cells.baseline)), (g.baselineText = String(r.cells.baseline));
    if (num(r.cells.target) !== null) (g.target = num(r.cells.target)), (g.targetText = String(r.cells.target));
    g.byPeriod.set(text(r.cells.period), num(r.cells.actual)!);
    groups.set(key, g);
  }
  return { periods, series: buildSeries(periods, groups) };
}
