import { describe, expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { findItem } from "#methodology/load.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import { loadProjectData } from "./projects.server.ts";
import { gapToRequirement, saveScores } from "./planning.server.ts";
import { readScores } from "./planning.ts";

const { db, projectId, pack } = demoProjectDatabase();
const planning = pack.planning!;
const scoresItem = findItem(pack, planning.scores) as RegisterItem;
const requirementsItem = findItem(pack, planning.requirements) as RegisterItem;
const by = { id: null, name: "Test" };


const data = () => loadProjectData(db, projectId);
const ids = (itemId: string) => data().rows.get(itemId)!.map((r) => r.id);
const grid = () => readScores(planning, data());
const save = (form: Record<string, string>) => saveScores(db, { projectId, planning, scoresItem, data: data(), form, by, locked: false });

describe("saving a goal's scores", () => {
  test("changes, clears and adds scores; a stale version changes nothing and shows both values", () => {
    const [goal] = ids(planning.goals);
    const [value, effort, risk] = ids(planning.criteria);
    const cell = (c: number) => grid().get(goal!)!.get(c);
    const before = { value: cell(value!)!, effort: cell(effort!)! };
    expect(save({ goalId: String(goal), [`score-${value}`]: "3", [`version-${value}`]: String(before.value.version), [`score-${risk}`]: "", [`version-${risk}`]: String(cell(risk!)!.version) }).status).toBe(200);
    expect(cell(value!)!.score).toBe(3);
    expect(cell(risk!)).toBeUndefined();

    // Effort is fine, value is stale: nothing is written, and the conflict names both values.
    const r = save({ goalId: String(goal), [`score-${effort}`]: "0", [`version-${effort}`]: String(before.effort.version), [`score-${value}`]: "4", [`version-${value}`]: String(before.value.version) });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, conflicts: [{ criterionId: value, theirs: 3, yours: 4 }] });
    expect(cell(effort!)!.score).toBe(before.effort.score);
    expect(cell(value!)!.score).toBe(3);

    // A score cleared by someone else while this form was open is a conflict too.
    expect(save({ goalId: String(goal), [`score-${risk}`]: "2", [`version-${risk}`]: "1" }).status).toBe(409);
    expect(save({ goalId: String(goal), [`score-${risk}`]: "2", [`version-${risk}`]: "0" }).status).toBe(200);
    expect(cell(risk!)!.score).toBe(2);
  });

  test("a score out of range or not whole is refused next to its field, and nothing is written", () => {
    const [goal] = ids(planning.goals);
    const [value] = ids(planning.criteria);
    const before = JSON.stringify([...grid().get(goal!)!]);
    for (const bad of ["6", "-1", "2.5", "five"]) {
      const r = save({ goalId: String(goal), [`score-${value}`]: bad, [`version-${value}`]: "0" });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ errors: { [`score-${value}`]: "planning.errors.score" } });
    }
    expect(JSON.stringify([...grid().get(goal!)!])).toBe(before);
  });

  test("a goal of another register or project is not found; a locked phase is refused", () => {
    expect(() => save({ goalId: "999999" })).toThrow();
    const [goal] = ids(planning.goals);
    const r = saveScores(db, { projectId, planning, scoresItem, data: data(), form: { goalId: String(goal) }, by, locked: true });
    expect(r.status).toBe(409);
  });
});

describe("turning a journey gap into a requirement", () => {
  test("adds a requirement that names the touchpoint, once", () => {
    const touchpoints = data().rows.get(planning.touchpoints)!;
    const open = touchpoints.find((tp) => !data().rows.get(planning.requirements)!.some((r) => Number(r.cells.touchpoint) === tp.id))!;
    const run = () => gapToRequirement(db, { projectId, planning, requirementsItem, data: data(), form: { touchpointId: String(open.id) }, by, locked: false });
    const first = run();
    expect(first.status).toBe(200);
    const added = data().rows.get(planning.requirements)!.find((r) => Number(r.cells.touchpoint) === open.id)!;
    expect(added.cells.requirement).toBe(String(open.cells.gap));
    const again = run();
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: "planning.errors.gapCovered" });
  });
});
