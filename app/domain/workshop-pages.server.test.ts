import { describe, expect, test } from "vitest";
import { BUILT_IN_PACKS_DIR, loadPacks } from "#methodology/load.ts";
import { ballotFromForm, offeredKinds } from "./workshop-pages.server.ts";
import { ballotSchema, type ActivitySubjects } from "./workshop.ts";

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
const stepOf = (phaseId: string, stepId: string) => {
  const phase = pack.phases.find((p) => p.id === phaseId)!;
  return [phase, phase.steps.find((s) => s.id === stepId)!] as const;
};

describe("activities are offered where they fit", () => {
  test.each([
    ["goals", "goals-prioritise", ["ideas", "goal-scores", "poll"]],
    ["vision", "vision-workshop", ["ideas", "goal-scores", "poll"]],
    ["team", "team-readiness", ["ideas", "readiness", "poll"]],
    ["team", "team-mandate", ["poll"]],
  ] as const)("%s › %s", (phaseId, stepId, kinds) => {
    expect(offeredKinds(pack, ...stepOf(phaseId, stepId))).toEqual(kinds);
  });
});

describe("a phone's form read as a ballot", () => {
  const subjects: ActivitySubjects = { kind: "goal-scores", mode: "criteria", goals: [{ id: "7", label: "G" }], criteria: [{ id: "9", label: "C" }, { id: "10", label: "D" }] };
  test("the scale's radio buttons become the scores the ballot schema takes", () => {
    const value = ballotFromForm(subjects, { intent: "vote", activityId: "3", "s:7:9": "4", "s:7:10": "0" });
    expect(ballotSchema(subjects).parse(value)).toEqual({ scores: { "7": { "9": 4, "10": 0 } } });
  });
  test("a field the activity does not score is passed on, so the ballot is refused rather than trimmed", () => {
    expect(ballotSchema(subjects).safeParse(ballotFromForm(subjects, { "s:7:9": "4", "s:8:9": "1" })).success).toBe(false);
    expect(ballotSchema(subjects).safeParse(ballotFromForm(subjects, { "s:7:9": "4", other: "1" })).success).toBe(false);
    expect(ballotSchema(subjects).safeParse(ballotFromForm(subjects, { "s:7:9": "6" })).success).toBe(false);
  });
});
