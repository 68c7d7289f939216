import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { moscowRanking, readCriteria, readGoals, readScores, readStages, roadmapWarnings, traceability, valueEffortMatrix, weightedRanking } from "./planning.ts";
import { planningLimits } from "./thresholds.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const planning = pack.planning!;
type Cells = Record<string, string | number | null>;
/** Registers by id; each row's id is 100 × (register's place) + its position, so refs are easy to write. */
function project(registers: Record<string, Cells[]>, answers: Record<string, unknown> = {}): ProjectAnswers {
  const rows = new Map<string, Array<{ id: number; cells: Cells }>>();
  Object.entries(registers).forEach(([id, list]) => rows.set(id, list.map((cells, i) => ({ id: idOf(id, i + 1), cells }))));
  return { answers: new Map(Object.entries(answers).map(([k, value]) => [k, { value }])), rows };
}
const BASE: Record<string, number> = { "goals.register": 100, "goals.criteria": 200, "goals.roadmap": 300, "requirements.register": 400, "goals.touchpoints": 500, "customisation.uat-scenarios": 600, "vision.segments": 700, "goals.scores": 800 };
const idOf = (register: string, n: number) => (BASE[register] ?? 900) + n;
const goal = (n: number) => idOf("goals.register", n);
const crit = (n: number) => idOf("goals.criteria", n);

/** A grid of scores: scores[g][c] for goal g+1 on criterion c+1 (null = not scored). */
function scored(goals: string[], criteria: Cells[], scores: Array<Array<number | null>>) {
  const rows: Cells[] = [];
  scores.forEach((byCrit, g) => byCrit.forEach((s, c) => s !== null && rows.push({ goal: goal(g + 1), criterion: crit(c + 1), score: s })));
  const data = project({ "goals.register": goals.map((name) => ({ goal: name })), "goals.criteria": criteria, "goals.scores": rows });
  return weightedRanking(readGoals(planning, data), readCriteria(planning, data), readScores(planning, data));
}
const order = (r: ReturnType<typeof weightedRanking>) => r.entries.map((e) => `${e.rank ?? "-"}${e.tied ? "=" : ""}:${e.goal.name}`);

describe("weighted scoring", () => {
  const value = { name: "Value", weight: 3, direction: "benefit" };
  const effort = { name: "Effort", weight: 1, direction: "cost" };

  it("ranks by the weighted mean, a cost criterion counting the other way round", () => {
    const r = scored(["A", "B", "C"], [value, effort], [[3, 3], [5, 5], [4, 0]]);
    // A: (3·3 + 1·2)/4 = 2.75   B: (15 + 0)/4 = 3.75   C: (12 + 5)/4 = 4.25
    expect(order(r)).toEqual(["1:C", "2:B", "3:A"]);
    expect(r.entries[0]!.score).toBeCloseTo(4.25);
  });

  it("the order changes when a weight changes", () => {
    const heavyEffort = { ...effort, weight: 10 };
    expect(order(scored(["A", "B", "C"], [value, heavyEffort], [[3, 3], [5, 5], [4, 0]]))[0]).toBe("1:C");
    expect(order(scored(["A", "B"], [value, heavyEffort], [[3, 1], [5, 5]]))).toEqual(["1:A", "2:B"]);
    expect(order(scored(["A", "B"], [value, effort], [[3, 1], [5, 5]]))).toEqual(["1:B", "2:A"]);
  });

  it("equal scores share a rank, shown as a tie, and the next rank is skipped", () => {
    const r = scored(["A", "B", "C", "D"], [value], [[2], [4], [4], [1]]);
    expect(order(r)).toEqual(["1=:B", "1=:C", "3:A", "4:D"]);
  });

  it("scores equal up to rounding noise are one tie", () => {
    // 1/3 weights: (1·1 + 1·2 + 1·3)/3 vs (1·2 + 1·2 + 1·2)/3, both 2.
    const w = (name: string) => ({ name, weight: 1 / 3, direction: "benefit" });
    expect(order(scored(["A", "B"], [w("x"), w("y"), w("z")], [[1, 2, 3], [2, 2, 2]]))).toEqual(["1=:A", "1=:B"]);
  });

  it("a criterion of weight zero does not count; all weights zero ranks nothing and says why", () => {
    const zero = { name: "Ignored", weight: 0, direction: "benefit" };
    expect(order(scored(["A", "B"], [value, zero], [[2, 5], [3, 0]]))).toEqual(["1:B", "2:A"]);
    const none = scored(["A", "B"], [zero, { ...effort, weight: 0 }], [[1, 1], [5, 5]]);
    expect(none.problem).toBe("zero-weights");
    expect(none.entries.every((e) => e.rank === null)).toBe(true);
    expect(scored(["A"], [], [[]]).problem).toBe("no-criteria");
  });

  it("a goal missing a score on a counted criterion is listed after the ranked ones, with what it misses", () => {
    const r = scored(["A", "B"], [value, effort], [[5, null], [1, 1]]);
    expect(order(r)).toEqual(["1:B", "-:A"]);
    expect(r.entries[1]!.missing.map((c) => c.name)).toEqual(["Effort"]);
  });

  it("a single goal is first, and not a tie", () => {
    expect(order(scored(["Only"], [value], [[2]]))).toEqual(["1:Only"]);
  });

  it("200 goals: every goal ranked, ranks never decrease, ties only between equal scores", () => {
    const names = Array.from({ length: 200 }, (_, i) => `G${i}`);
    const r = scored(names, [value, effort], names.map((_, i) => [i % 6, (i * 7) % 6]));
    expect(r.entries).toHaveLength(200);
    expect(r.entries.every((e) => e.rank !== null)).toBe(true);
    for (let i = 1; i < 200; i++) {
      const [a, b] = [r.entries[i - 1]!, r.entries[i]!];
      expect(a.score!).toBeGreaterThanOrEqual(b.score!);
      expect(b.rank === a.rank).toBe(Math.abs(a.score! - b.score!) < 1e-9);
      if (b.rank !== a.rank) expect(b.rank).toBe(i + 1);
    }
    // 6 × 6 score pairs give few distinct values: ties are the rule here.
    expect(r.entries.filter((e) => e.tied).length).toBeGreaterThan(100);
  });

  it("no goals: nothing to rank, and it says so", () => {
    expect(scored([], [value], []).problem).toBe("no-goals");
  });
});

describe("MoSCoW", () => {
  const data = (classes: Array<string | null>) => project({ "goals.register": classes.map((m, i) => ({ goal: `G${i + 1}`, moscow: m })) });
  it("must before should before could before won't; a class shares its rank; unclassified goals come last, unranked", () => {
    const r = moscowRanking(readGoals(planning, data(["could", "must", null, "must", "wont", "should"])));
    expect(r.entries.map((e) => `${e.rank ?? "-"}${e.tied ? "=" : ""}:${e.goal.name}`)).toEqual(["1=:G2", "1=:G4", "3:G6", "4:G1", "5:G5", "-:G3"]);
  });
  it("a single goal, and a class nobody chose", () => {
    expect(moscowRanking(readGoals(planning, data(["should"]))).entries[0]).toMatchObject({ rank: 1, tied: false });
    expect(moscowRanking(readGoals(planning, data([]))).problem).toBe("no-goals");
  });
});

describe("value-versus-effort matrix", () => {
  it("places each fully scored goal in its quadrant; others are listed as unplaced", () => {
    const data = project({
      "goals.register": [{ goal: "Quick" }, { goal: "Big" }, { goal: "Small" }, { goal: "Pit" }, { goal: "Unscored" }],
      "goals.criteria": [{ name: "V", weight: 2, direction: "benefit", axis: "value" }, { name: "E", weight: 1, direction: "cost", axis: "effort" }],
      "goals.scores": [
        [1, 5, 1], [2, 4, 4], [3, 1, 1], [4, 1, 5],
      ].flatMap(([g, v, e]) => [{ goal: goal(g!), criterion: crit(1), score: v! }, { goal: goal(g!), criterion: crit(2), score: e! }]),
    });
    const m = valueEffortMatrix(readGoals(planning, data), readCriteria(planning, data), readScores(planning, data));
    expect(m.points.map((p) => `${p.goal.name}:${p.quadrant}`)).toEqual(["Quick:quick-win", "Big:major-project", "Small:fill-in", "Pit:money-pit"]);
    expect(m.unplaced.map((g) => g.name)).toEqual(["Unscored"]);
  });
  it("without an axis criterion nothing is placed", () => {
    const data = project({ "goals.register": [{ goal: "A" }], "goals.criteria": [{ name: "V", weight: 1, direction: "benefit" }], "goals.scores": [{ goal: goal(1), criterion: crit(1), score: 4 }] });
    const m = valueEffortMatrix(readGoals(planning, data), readCriteria(planning, data), readScores(planning, data));
    expect(m.points).toEqual([]);
    expect(m.axes.value).toEqual([]);
  });
});

describe("roadmap warnings", () => {
  const stage = (n: number) => idOf("goals.roadmap", n);
  const warnings = (goals: Cells[], stages: Cells[] = [{ name: "S1", start: "2027-01-01", end: "2027-06-30" }, { name: "S2", start: "2027-07-01", end: "2027-12-31" }]) => {
    const data = project({ "goals.register": goals, "goals.roadmap": stages });
    return roadmapWarnings(readStages(planning, data), readGoals(planning, data), planningLimits(pack, data)).map((w) => w.kind);
  };
  const g = (s: number | null, date: string | null = null) => ({ goal: "g", stage: s === null ? null : stage(s), "target-date": date });

  it("the first stage is overloaded above 40% of the goals once it holds more than three", () => {
    expect(warnings([g(1), g(1), g(1), g(2), g(2), g(2), g(2), g(2), g(2), g(2)])).not.toContain("first-stage-overloaded"); // 3 of 10
    expect(warnings([g(1), g(1), g(1), g(1), g(2), g(2), g(2), g(2), g(2), g(2)])).not.toContain("first-stage-overloaded"); // 4 of 10 = 40%
    expect(warnings([g(1), g(1), g(1), g(1), g(1), g(2), g(2), g(2), g(2), g(2)])).toContain("first-stage-overloaded"); // 5 of 10
    expect(warnings([g(1), g(1), g(1), g(2)])).not.toContain("first-stage-overloaded"); // 3 goals: never more than minGoals
  });

  it("the first stage is the earliest by date, not the first row", () => {
    const stages = [{ name: "Late", start: "2028-01-01", end: "2028-06-01" }, { name: "Early", start: "2027-01-01", end: "2027-06-01" }];
    expect(warnings([g(2), g(2), g(2), g(2), g(1)], stages)).toContain("first-stage-overloaded");
    expect(warnings([g(1), g(1), g(1), g(1), g(2)], stages)).not.toContain("first-stage-overloaded");
  });

  it("all goals due within 31 days is the overnight mistake; spread dates are not", () => {
    expect(warnings([g(1, "2027-03-01"), g(2, "2027-03-20"), g(2, "2027-03-31")])).toContain("all-at-once");
    expect(warnings([g(1, "2027-03-01"), g(2, "2027-09-20")])).not.toContain("all-at-once");
    expect(warnings([g(1, "2027-03-01"), g(2, null)])).not.toContain("all-at-once");
  });

  it("every goal in one stage, while there are several stages", () => {
    expect(warnings([g(2), g(2)])).toContain("single-stage");
    expect(warnings([g(1), g(2)])).not.toContain("single-stage");
  });

  it("a goal due outside its stage, backwards stage dates and unassigned goals are reported", () => {
    const w = warnings([g(1, "2027-09-01"), g(null)], [{ name: "S1", start: "2027-01-01", end: "2027-06-30" }, { name: "Bad", start: "2027-12-01", end: "2027-07-01" }]);
    expect(w).toEqual(expect.arrayContaining(["goal-outside-stage", "stage-dates", "unassigned"]));
  });
});

describe("traceability", () => {
  it("follows goal → requirement → UAT scenario and lists each kind of orphan", () => {
    const data = project(
      {
        "goals.register": [{ goal: "Served", kpi: "Churn", baseline: 18, target: 10, unit: "%" }, { goal: "Lonely" }],
        "goals.touchpoints": [{ touchpoint: "Visit", gap: "No history" }, { touchpoint: "Call", gap: "Lost complaints" }, { touchpoint: "Web", gap: "" }],
        "requirements.register": [
          { requirement: "Customer file", goal: goal(1), touchpoint: idOf("goals.touchpoints", 1) },
          { requirement: "Stray", goal: null },
          { requirement: "Dangling", goal: 999 },
        ],
        "customisation.uat-scenarios": [{ scenario: "Open a file", requirement: idOf("requirements.register", 1), status: "passed" }],
      },
      { "vision.strategy-statement": "Every shop a partner." },
    );
    const t = traceability(planning, data);
    expect(t.vision).toEqual([{ itemId: "vision.strategy-statement", text: "Every shop a partner." }]);
    expect(t.goals[0]!.requirements.map((r) => [r.name, r.uat.map((u) => u.name)])).toEqual([["Customer file", ["Open a file"]]]);
    expect(t.goals[0]!.goal).toMatchObject({ kpi: "Churn", baseline: 18, target: 10, unit: "%" });
    expect(t.orphans.requirementsWithoutGoal.map((r) => r.name)).toEqual(["Stray", "Dangling"]);
    expect(t.orphans.goalsWithoutRequirement.map((g) => g.name)).toEqual(["Lonely"]);
    expect(t.orphans.requirementsWithoutUat.map((r) => r.name)).toEqual(["Stray", "Dangling"]);
    expect(t.orphans.gapsWithoutRequirement.map((x) => x.name)).toEqual(["Call"]);
  });
});
