/**
 * The product's own thresholds are a project's settings: each check reads the
 * project's value when it has one, the pack's default otherwise.
 */
import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import { GOOD_PRACTICE_SOURCE } from "#methodology/schema.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { healthCheck } from "./health.ts";
import { readinessAssessment, readinessTopics } from "./change.ts";
import { adoptionFigures } from "./adoption.ts";
import { readGoals, readStages, roadmapWarnings } from "./planning.ts";
import { planningLimits, thresholdUse, thresholdsUsedBy } from "./thresholds.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
type Rows = Record<string, Array<Record<string, string | number | null>>>;
function project(answers: Record<string, unknown>, rows: Rows = {}, settings: Record<string, number> = {}): ProjectAnswers {
  return {
    answers: new Map(Object.entries(answers).map(([k, value]) => [k, { value }])),
    rows: new Map(Object.entries(rows).map(([k, list]) => [k, list.map((cells, i) => ({ id: i + 1 + (k === "vision.segments" ? 700 : 0), cells }))])),
    settings: new Map(Object.entries(settings)),
  };
}

describe("the pack declares each threshold with its default and whose number it is", () => {
  it("the product's own numbers are Gambegam's defaults; the adoption reference is the source's, with what it says", () => {
    const byId = new Map(pack.thresholds.map((t) => [t.id, t]));
    for (const id of ["readiness-gap-below", "outside-help-gaps", "first-stage-share", "first-stage-min-goals", "overnight-window-days", "decided-segments"]) {
      expect(byId.get(id)?.source, id).toBe(GOOD_PRACTICE_SOURCE);
    }
    const six = byId.get("adoption-after-six-months")!;
    expect(six.source).toBe("004_66590585499c929c.txt");
    expect(six.sourceSays!.en).toMatch(/sales and marketing staff/);
    expect(six.reading!.en).toMatch(/every user group.*a working assumption for this project, not the article's finding/);
  });
});

describe("a project's value replaces the default", () => {
  const requirementsWithOneSegment: Rows = {
    "requirements.register": [{ requirement: "Customer file" }],
    "vision.segments": [{ name: "Chains", decision: "invest" }],
  };
  it("decided segments: one decided segment is a finding at the default of two, none when the project asks for one", () => {
    const fires = (settings: Record<string, number>) => healthCheck(pack, project({}, requirementsWithOneSegment, settings))!.findings.some((f) => f.rule.id === "requirements-before-strategy");
    expect(fires({})).toBe(true);
    expect(fires({ "decided-segments": 1 })).toBe(false);
  });

  it("readiness: a score of 3 is no gap at the default, a gap when the project sets the bar at 4; outside help follows its own number", () => {
    const scores = Object.fromEntries(readinessTopics(pack).map((t, i) => [t.id, { score: i < 2 ? 3 : 5, evidence: "e" }]));
    const atDefault = readinessAssessment(pack, project(scores))!;
    expect([atDefault.gaps.length, atDefault.outsideHelp, atDefault.gapBelow]).toEqual([0, "not-needed", 3]);
    const stricter = readinessAssessment(pack, project(scores, {}, { "readiness-gap-below": 4, "outside-help-gaps": 2 }))!;
    expect([stricter.gaps.length, stricter.outsideHelp, stricter.gapBelow, stricter.outsideHelpGaps]).toEqual([2, "advised", 4, 2]);
  });

  it("roadmap: the first stage's share and the 'all at once' window are the project's", () => {
    const rows: Rows = {
      "goals.roadmap": [
        { name: "Stage 1", start: "2027-01-01", end: "2027-06-30" },
        { name: "Stage 2", start: "2027-07-01", end: "2027-12-31" },
      ],
      "goals.register": [1, 2, 3, 4, 5].map((n) => ({ goal: `G${n}`, stage: n <= 4 ? 1 : 2, "target-date": `2027-03-0${n}` })),
    };
    const kinds = (settings: Record<string, number>) => {
      const d = project({}, rows, settings);
      return roadmapWarnings(readStages(pack.planning!, d), readGoals(pack.planning!, d), planningLimits(pack, d)).map((w) => w.kind);
    };
    expect(kinds({})).toEqual(expect.arrayContaining(["first-stage-overloaded", "all-at-once"]));
    expect(kinds({ "first-stage-share": 90, "overnight-window-days": 2 })).not.toEqual(expect.arrayContaining(["first-stage-overloaded"]));
    expect(kinds({ "first-stage-share": 90, "overnight-window-days": 2 })).not.toContain("all-at-once");
  });

  it("adoption: the reference compared with is the project's share", () => {
    const rows: Rows = { "review.adoption": [{ period: "2027-07-15", group: "Sales", active: 70, licensed: 100 }] };
    const verdict = (settings: Record<string, number>) => adoptionFigures(pack, project({ "deployment.go-live-date": "2027-01-10" }, rows, settings))!.verdict;
    expect(verdict({})).toMatchObject({ kind: "compared", met: false, reference: { percent: 80 } });
    expect(verdict({ "adoption-after-six-months": 60 })).toMatchObject({ kind: "compared", met: true, reference: { percent: 60, isDefault: false } });
  });

  it("a finding names the thresholds its rule used, with the value and whether it is Gambegam's default", () => {
    const d = project({}, {}, { "overnight-window-days": 14 });
    const used = thresholdsUsedBy(pack, d, { rule: "roadmap-overnight" });
    expect(used.map((u) => [u.threshold.id, u.value, u.isDefault])).toEqual([
      ["first-stage-share", 40, true],
      ["first-stage-min-goals", 3, true],
      ["overnight-window-days", 14, false],
    ]);
    expect(thresholdUse(pack, d, "decided-segments")).toMatchObject({ value: 2, isDefault: true, default: 2 });
  });
});
