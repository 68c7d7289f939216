import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { impactedGroups, readinessAssessment, readinessTopics } from "./change.ts";
import { adoptionFigures, addMonths, kpiFigures, metricFigures, monthsBetween, parseMeasure, progressToTarget } from "./adoption.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;

function project(answers: Record<string, unknown>, rows: Record<string, Array<Record<string, string | number | null>>> = {}): ProjectAnswers {
  return {
    answers: new Map(Object.entries(answers).map(([k, value]) => [k, { value }])),
    rows: new Map(Object.entries(rows).map(([k, list]) => [k, list.map((cells, i) => ({ id: i + 1, cells }))])),
  };
}

const topics = readinessTopics(pack).map((t) => t.id);
const scores = (list: Array<number | null>) => Object.fromEntries(topics.map((id, i) => [id, list[i] === null ? null : { score: list[i], evidence: `e${i}` }]));

describe("readiness assessment", () => {
  it("has the nine topics of the brief, as ratings from 0 to 5", () => {
    expect(topics).toHaveLength(9);
    const r = readinessAssessment(pack, project({}))!;
    expect([r.min, r.max, r.gapBelow, r.outsideHelpGaps]).toEqual([0, 5, 3, 3]);
  });

  it("nothing scored: no average, no gaps, the verdict waits for the scores", () => {
    const r = readinessAssessment(pack, project({}))!;
    expect(r.scored).toBe(0);
    expect(r.average).toBeNull();
    expect(r.gaps).toEqual([]);
    expect(r.unscored).toHaveLength(9);
    expect(r.outsideHelp).toBe("incomplete");
  });

  it("scores below 3 are gaps, lowest first; three gaps advise outside help even with topics unscored", () => {
    const r = readinessAssessment(pack, project(scores([2, 3, 0, 1, 5, null, null, null, null])))!;
    expect(r.gaps.map((g) => g.score)).toEqual([0, 1, 2]);
    expect(r.gaps[0]!.item.id).toBe(topics[2]);
    expect(r.scored).toBe(5);
    expect(r.average).toBeCloseTo(11 / 5);
    expect(r.outsideHelp).toBe("advised");
  });

  it("a score of exactly 3 is not a gap; two gaps with everything scored means no outside help", () => {
    const r = readinessAssessment(pack, project(scores([3, 3, 3, 3, 3, 3, 3, 2, 2])))!;
    expect(r.gaps).toHaveLength(2);
    expect(r.outsideHelp).toBe("not-needed");
    expect(readinessAssessment(pack, project(scores([3, 3, 3, 3, 3, 3, 3, 2, null])))!.outsideHelp).toBe("incomplete");
  });

  it("zero is a score, not a missing answer; a value saved as a checklist task keeps its evidence", () => {
    const r = readinessAssessment(pack, project({ [topics[0]!]: { score: 0, evidence: "" }, [topics[1]!]: { owner: "x", status: "done", evidence: "old notes" } }))!;
    expect(r.topics[0]).toMatchObject({ score: 0, gap: true });
    expect(r.topics[1]).toMatchObject({ score: null, evidence: "old notes", gap: false });
  });
});

describe("impacted groups", () => {
  it("impact is the mean of the scored aspects; large change with high resistance and change without a sponsor need attention", () => {
    const v = impactedGroups(pack, project({}, {
      "requirements.impacted-groups": [
        { group: "Sales reps", processes: 4, tools: 5, "job-roles": 2, metrics: 4, compensation: 3, resistance: "high", sponsor: "Narges" },
        { group: "Service", processes: 2, tools: null, "job-roles": null, metrics: null, compensation: null, resistance: "high", sponsor: "" },
        { group: "Finance", resistance: "low", sponsor: "" },
      ],
    }))!;
    expect(v.aspects.map((a) => a.id)).toEqual(["processes", "tools", "job-roles", "metrics", "compensation"]);
    expect(v.groups[0]).toMatchObject({ impact: 3.6, attention: ["high-impact-high-resistance"] });
    expect(v.groups[1]).toMatchObject({ impact: 2, attention: ["no-sponsor"] });
    expect(v.groups[2]).toMatchObject({ impact: null, attention: [] });
  });
});

describe("adoption series", () => {
  const row = (period: string, group: string, active: number, licensed: number) => ({ period, group, active, licensed });

  it("rates per group and overall, periods in order whatever the order of entry", () => {
    const a = adoptionFigures(pack, project({ "deployment.go-live-date": "2027-01-15" }, {
      "review.adoption": [row("2027-04-15", "Sales", 30, 40), row("2027-02-15", "Sales", 10, 40), row("2027-02-15", "Service", 5, 10), row("2027-04-15", "Service", 9, 10)],
    }))!;
    expect(a.periods).toEqual(["2027-02-15", "2027-04-15"]);
    expect(a.series.map((s) => s.points.map((p) => p?.rate))).toEqual([[25, 75], [50, 90]]);
    expect(a.overall.map((p) => p?.rate)).toEqual([30, 78]);
    expect(a.verdict).toMatchObject({ kind: "before-reference", months: 3, next: { months: 6, percent: 80 } });
    expect(a.issues).toEqual([]);
  });

  it("a missing period is a gap (not zero) and is reported; the overall rate uses the groups that reported", () => {
    const a = adoptionFigures(pack, project({}, {
      "review.adoption": [row("2027-02-28", "Sales", 10, 40), row("2027-02-28", "Service", 5, 10), row("2027-03-31", "Service", 6, 10), row("2027-04-30", "Sales", 20, 40)],
    }))!;
    expect(a.series[0]!.points[1]).toBeNull();
    expect(a.issues).toContainEqual({ kind: "missing-period", group: "Sales", period: "2027-03-31" });
    expect(a.overall.map((p) => p?.rate)).toEqual([30, 60, 50]);
    // Service never reported in April: after its last report that is a gap too.
    expect(a.issues).toContainEqual({ kind: "missing-period", group: "Service", period: "2027-04-30" });
    expect(a.verdict).toEqual({ kind: "no-go-live", rate: 50 });
  });

  it("a group that starts reporting late is not 'missing' before its first report", () => {
    const a = adoptionFigures(pack, project({}, { "review.adoption": [row("2027-02-28", "Sales", 10, 40), row("2027-03-31", "Partners", 1, 2), row("2027-03-31", "Sales", 20, 40)] }))!;
    expect(a.issues).toEqual([]);
  });

  it("zero licensed users gives no rate and a warning, and is left out of the overall rate", () => {
    const a = adoptionFigures(pack, project({}, { "review.adoption": [row("2027-02-28", "Partners", 3, 0), row("2027-02-28", "Sales", 10, 20)] }))!;
    expect(a.series[0]!.points[0]).toMatchObject({ active: 3, licensed: 0, rate: null });
    expect(a.issues).toEqual([{ kind: "zero-licensed", group: "Partners", period: "2027-02-28" }]);
    expect(a.overall[0]!.rate).toBe(50);
  });

  it("more active than licensed users is reported as it is (over 100%) with a warning", () => {
    const a = adoptionFigures(pack, project({}, { "review.adoption": [row("2027-02-28", "Sales", 45, 40)] }))!;
    expect(a.series[0]!.points[0]!.rate).toBe(112.5);
    expect(a.issues).toEqual([{ kind: "over-100", group: "Sales", period: "2027-02-28", rate: 112.5 }]);
  });

  it("group names match whatever their spacing or case; a period entered twice keeps the later row and says so", () => {
    const a = adoptionFigures(pack, project({}, { "review.adoption": [row("2027-02-28", "Sales  reps", 1, 10), row("2027-02-28", "sales reps", 2, 10)] }))!;
    expect(a.series).toHaveLength(1);
    expect(a.series[0]!.points[0]!.active).toBe(2);
    expect(a.issues).toEqual([{ kind: "duplicate", group: "Sales  reps", period: "2027-02-28" }]);
  });

  it("compares the latest overall rate with the reference that applies that many months after go-live", () => {
    const rows = { "review.adoption": [row("2027-07-20", "Sales", 70, 100)] };
    expect(adoptionFigures(pack, project({ "deployment.go-live-date": "2027-01-20" }, rows))!.verdict).toMatchObject({ kind: "compared", months: 6, met: false, reference: { percent: 80, date: "2027-07-20" } });
    expect(adoptionFigures(pack, project({ "deployment.go-live-date": "2027-01-21" }, rows))!.verdict).toMatchObject({ kind: "before-reference", months: 5 });
    const later = { "review.adoption": [row("2028-02-01", "Sales", 96, 100)] };
    expect(adoptionFigures(pack, project({ "deployment.go-live-date": "2027-01-20" }, later))!.verdict).toMatchObject({ kind: "compared", met: true, reference: { percent: 95 } });
    expect(adoptionFigures(pack, project({}, {}))!.verdict).toEqual({ kind: "no-data" });
  });

  it("month arithmetic keeps to the calendar's month ends", () => {
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2027-01-15", 12)).toBe("2028-01-15");
    expect(monthsBetween("2027-01-31", "2027-02-28")).toBe(1);
    expect(monthsBetween("2027-01-15", "2027-07-14")).toBe(5);
    expect(monthsBetween("2027-01-15", "2027-07-15")).toBe(6);
  });
});

describe("KPI and indicator progress", () => {
  it("reads the number in a target such as '۱۸٪', '9 days' or '1,200'", () => {
    expect(parseMeasure("۱۸٪")).toBe(18);
    expect(parseMeasure("۹ روز")).toBe(9);
    expect(parseMeasure("1,200 calls")).toBe(1200);
    expect(parseMeasure("-2.5")).toBe(-2.5);
    expect(parseMeasure("more")).toBeNull();
    expect(parseMeasure(null)).toBeNull();
  });

  it("progress runs from the baseline (0%) to the target (100%), for lower-is-better targets too", () => {
    expect(progressToTarget(14, 18, 10)).toBe(50);
    expect(progressToTarget(3, 9, 3)).toBe(100);
    expect(progressToTarget(20, 18, 10)).toBe(-25);
    expect(progressToTarget(35, 22, 30)).toBeCloseTo(162.5);
    expect(progressToTarget(5, null, 10)).toBeNull();
    expect(progressToTarget(5, 4, null)).toBeNull();
    expect(progressToTarget(4, 4, 4)).toBe(100);
  });

  it("each goal's actuals by period, with its status; goals without actuals or a numeric target say so", () => {
    const k = kpiFigures(pack, project({}, {
      "goals.register": [
        { goal: "Reduce churn", kpi: "% stores without orders", baseline: "18%", target: "10%" },
        { goal: "More channels", kpi: "channels", baseline: "2", target: "more" },
        { goal: "Faster complaints", kpi: "days", baseline: "9", target: "3" },
      ],
      "review.kpi-actuals": [
        { goal: 1, period: "2027-03-31", actual: 16 },
        { goal: 1, period: "2027-06-30", actual: 10 },
        { goal: 2, period: "2027-06-30", actual: 3 },
        { goal: 99, period: "2027-06-30", actual: 1 },
      ],
    }))!;
    expect(k.periods).toEqual(["2027-03-31", "2027-06-30"]);
    expect(k.series.map((s) => [s.label, s.status])).toEqual([["Reduce churn", "met"], ["More channels", "no-target"], ["Faster complaints", "no-data"]]);
    expect(k.series[0]!.points.map((p) => p?.progress)).toEqual([25, 100]);
    expect(k.series[1]!.points[0]).toBeNull();
  });

  it("indicators group their rows by name across periods", () => {
    const m = metricFigures(pack, project({}, {
      "review.usage-metrics": [
        { metric: "Complete contact details", unit: "%", period: "2027-03-31", baseline: 40, target: 90, actual: 55 },
        { metric: "complete contact details", unit: "%", period: "2027-06-30", actual: 65 },
        { metric: "Undated", actual: 1 },
      ],
    }))!;
    expect(m.series).toHaveLength(1);
    expect(m.series[0]!.points.map((p) => p?.progress)).toEqual([30, 50]);
    expect(m.series[0]!.status).toBe("moving");
  });
});
