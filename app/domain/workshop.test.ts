import { describe, expect, test } from "vitest";
import { ballotSchema, cleanRoomText, groupIdeas, normaliseCode, pointsToScores, stats, summarise, adoptedScore, type ActivitySubjects } from "./workshop.ts";

describe("the room's votes summarised", () => {
  test("median, spread (interquartile range), min, max and how many voted", () => {
    expect(stats([1, 2, 3, 4])).toEqual({ n: 4, median: 2.5, q1: 1.75, q3: 3.25, spread: 1.5, min: 1, max: 4 });
    expect(stats([5, 1, 3])).toMatchObject({ n: 3, median: 3, q1: 2, q3: 4, spread: 2, min: 1, max: 5 });
    expect(stats([4])).toMatchObject({ n: 1, median: 4, spread: 0, min: 4, max: 4 });
    expect(stats([])).toMatchObject({ n: 0, median: null, spread: null });
  });

  const goals: ActivitySubjects = { kind: "goal-scores", mode: "criteria", goals: [{ id: "1", label: "Fewer lost customers" }, { id: "2", label: "Faster complaints" }], criteria: [{ id: "10", label: "Value" }, { id: "11", label: "Effort" }] };

  test("goal scores: per goal × criterion, counting only the cells a participant scored", () => {
    const s = summarise(goals, [{ scores: { "1": { "10": 5, "11": 2 } } }, { scores: { "1": { "10": 3 }, "2": { "10": 1 } } }, { scores: { "1": { "10": 4 } } }]);
    expect(s.voters).toBe(3);
    if (s.kind !== "goal-scores" || s.mode !== "criteria") throw new Error("kind");
    const cell = (g: string, c: string) => s.cells.find((x) => x.goalId === g && x.criterionId === c)!.stats;
    expect(cell("1", "10")).toMatchObject({ n: 3, median: 4, min: 3, max: 5 });
    expect(cell("1", "11")).toMatchObject({ n: 1, median: 2 });
    expect(cell("2", "11")).toMatchObject({ n: 0, median: null });
  });

  test("points: each goal's total and distribution (a goal left out counts 0); into scores the most-voted goal gets 5", () => {
    const s = summarise({ kind: "goal-scores", mode: "points", points: 10, goals: goals.kind === "goal-scores" ? goals.goals : [] }, [{ points: { "1": 7, "2": 3 } }, { points: { "1": 10 } }]);
    if (s.kind !== "goal-scores" || s.mode !== "points") throw new Error("kind");
    expect(s.goals).toEqual([
      { goalId: "1", total: 17, stats: expect.objectContaining({ n: 2, median: 8.5 }) },
      { goalId: "2", total: 3, stats: expect.objectContaining({ n: 2, median: 1.5, min: 0 }) },
    ]);
    expect([...pointsToScores(s.goals)]).toEqual([["1", 5], ["2", 1]]);
  });

  test("poll counts per option; readiness per topic", () => {
    const poll = summarise({ kind: "poll", question: "Ready?", options: ["Yes", "Not yet", "No"] }, [{ option: 0 }, { option: 0 }, { option: 2 }]);
    expect(poll).toEqual({ kind: "poll", voters: 3, options: [{ option: 0, label: "Yes", count: 2 }, { option: 1, label: "Not yet", count: 0 }, { option: 2, label: "No", count: 1 }] });
    const r = summarise({ kind: "readiness", topics: [{ id: "team.readiness-culture", label: "Culture" }] }, [{ ratings: { "team.readiness-culture": 2 } }, { ratings: { "team.readiness-culture": 3 } }]);
    expect(r).toMatchObject({ voters: 2, topics: [{ topicId: "team.readiness-culture", stats: { median: 2.5 } }] });
  });

  test("a median adopted into a whole score: a half rounds up, within 0–5", () => {
    expect([2.5, 2.49, 3.5, 0, 5].map(adoptedScore)).toEqual([3, 2, 4, 0, 5]);
  });
});

describe("ballots are checked against what the activity scores", () => {
  const goals: ActivitySubjects = { kind: "goal-scores", mode: "criteria", goals: [{ id: "1", label: "A" }], criteria: [{ id: "10", label: "V" }] };
  test("scores out of range, unknown goals or criteria, empty ballots and extra keys are refused", () => {
    const s = ballotSchema(goals);
    expect(s.safeParse({ scores: { "1": { "10": 4 } } }).success).toBe(true);
    for (const bad of [{ scores: { "1": { "10": 6 } } }, { scores: { "1": { "10": -1 } } }, { scores: { "1": { "10": 2.5 } } }, { scores: { "9": { "10": 3 } } }, { scores: { "1": { "99": 3 } } }, { scores: {} }, { scores: { "1": { "10": 3 } }, extra: 1 }, null, "5"])
      expect(s.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
  test("points may not exceed the activity's points; a poll option must exist", () => {
    const p = ballotSchema({ kind: "goal-scores", mode: "points", points: 10, goals: [{ id: "1", label: "A" }, { id: "2", label: "B" }] });
    expect(p.safeParse({ points: { "1": 6, "2": 4 } }).success).toBe(true);
    expect(p.safeParse({ points: { "1": 6, "2": 5 } }).success).toBe(false);
    const poll = ballotSchema({ kind: "poll", question: "Q", options: ["a", "b"] });
    expect(poll.safeParse({ option: 1 }).success).toBe(true);
    expect(poll.safeParse({ option: 2 }).success).toBe(false);
  });
});

describe("the room's text", () => {
  test("bidi controls and invisible characters removed, line breaks and runs of spaces collapsed, trimmed", () => {
    expect(cleanRoomText("  Sara\u202E\u2066 Ahmadi\n\n ")).toBe("Sara Ahmadi");
    expect(cleanRoomText("می‌خواهم")).toBe("می‌خواهم"); // the half-space stays
  });
  test("codes: typed loosely, only from the unambiguous alphabet", () => {
    expect(normaliseCode(" k7q-h4m ")).toBe("K7QH4M");
    expect(normaliseCode("K7QH40")).toBeNull(); // 0 is not in the alphabet
    expect(normaliseCode("K7QH4")).toBeNull();
  });
  test("ideas grouped after merges, following chains", () => {
    const at = "2026-01-01";
    const g = groupIdeas([
      { id: 1, participantId: 1, text: "Phone app", mergedInto: null, createdAt: at },
      { id: 2, participantId: 2, text: "Mobile app", mergedInto: 1, createdAt: at },
      { id: 3, participantId: 3, text: "App!", mergedInto: 2, createdAt: at },
      { id: 4, participantId: 3, text: "Fewer forms", mergedInto: null, createdAt: at },
    ]);
    expect(g).toEqual([
      { id: 1, text: "Phone app", count: 3, merged: [{ id: 2, text: "Mobile app" }, { id: 3, text: "App!" }] },
      { id: 4, text: "Fewer forms", count: 1, merged: [] },
    ]);
  });
});
