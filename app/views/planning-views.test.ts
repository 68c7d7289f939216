import { describe, expect, it } from "vitest";
import type { Criterion, Goal, Ranking, ScoreGrid } from "#app/domain/planning.ts";
import { moscowRanking, weightedRanking } from "#app/domain/planning.ts";
import { rankingTable, scoreGridTable } from "./planning-views.ts";

const goal = (id: number, name: string, extra: Partial<Goal> = {}): Goal => ({
  id,
  index: id - 1,
  name,
  kpi: "",
  measurement: "",
  unit: "",
  baseline: null,
  target: null,
  moscow: null,
  stageId: null,
  targetDate: null,
  tech: null,
  techReason: "",
  ...extra,
});
const value: Criterion = { id: 11, name: "Value", weight: 3, direction: "benefit", axis: "value" };
const risk: Criterion = { id: 12, name: "Risk", weight: 1, direction: "cost", axis: null };
function grid(cells: Array<[number, number, number]>): ScoreGrid {
  const g: ScoreGrid = new Map();
  for (const [goalId, critId, score] of cells) {
    if (!g.has(goalId)) g.set(goalId, new Map());
    g.get(goalId)!.set(critId, { score, rowId: goalId * 100 + critId, version: 1 });
  }
  return g;
}

const goals = [goal(1, "Cut churn", { stageId: 7, moscow: "must" }), goal(2, "Faster complaints", { moscow: "must" }), goal(3, "Wallet share", { stageId: 8, moscow: "could" }), goal(4, "New channels")];
const scores = grid([
  [1, 11, 4], [1, 12, 1],
  [2, 11, 4], [2, 12, 1],
  [3, 11, 5], [3, 12, 5],
  [4, 11, 2],
]);
const stages = new Map([[7, "Stage 1"], [8, "مرحله ۲"]]);

describe("the ranking as a table (the Word scope document prints it)", () => {
  const weighted: Ranking = weightedRanking(goals, [value, risk], scores);

  it("lists goals best first with their weighted score to two decimals, ties marked, and why a goal is not ranked", () => {
    const t = rankingTable(weighted, stages, "en");
    expect(t.columns).toEqual(["Rank", "Goal", "Score (of 5)", "Roadmap stage"]);
    // Cut churn and Faster complaints: (3·4 + 1·4)/4 = 4; Wallet share: (15 + 0)/4 = 3.75.
    expect(t.rows).toEqual([
      ["1 (tie)", "Cut churn", "4", "Stage 1"],
      ["1 (tie)", "Faster complaints", "4", "Not assigned"],
      ["3", "Wallet share", "3.75", "مرحله ۲"],
      ["—", "New channels", "Not ranked yet — no score for: Risk", "Not assigned"],
    ]);
  });

  it("is written in Persian with Persian digits and words", () => {
    const t = rankingTable(weighted, stages, "fa");
    expect(t.columns).toEqual(["رتبه", "هدف", "امتیاز (از ۵)", "مرحله نقشه راه"]);
    expect(t.rows[0]).toEqual(["۱ (هم‌رتبه)", "Cut churn", "۴", "Stage 1"]);
    expect(t.rows[2]).toEqual(["۳", "Wallet share", "۳٫۷۵", "مرحله ۲"]);
    expect(t.rows[3]![2]).toBe("هنوز رتبه ندارد — امتیاز ندارد در: Risk");
  });

  it("by MoSCoW, shows each goal's class instead of a score", () => {
    const t = rankingTable(moscowRanking(goals), stages, "en");
    expect(t.columns[2]).toBe("MoSCoW class");
    expect(t.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["1 (tie)", "Cut churn", "Must have"],
      ["1 (tie)", "Faster complaints", "Must have"],
      ["3", "Wallet share", "Could have"],
      ["—", "New channels", "No class chosen"],
    ]);
  });
});

describe("the score grid as a table", () => {
  it("has a column per criterion and a dash where a goal has no score", () => {
    expect(scoreGridTable(goals, [value, risk], scores, "fa")).toEqual({
      columns: ["هدف", "Value", "Risk"],
      rows: [
        ["Cut churn", "۴", "۱"],
        ["Faster complaints", "۴", "۱"],
        ["Wallet share", "۵", "۵"],
        ["New channels", "۲", "—"],
      ],
    });
  });
});
