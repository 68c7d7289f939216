import { describe, expect, test } from "vitest";
import { useCompletedEngagements } from "#tests/fixtures/completed-engagements.ts";
import { findItem } from "#methodology/load.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import { loadProjectData } from "./projects.server.ts";
import { DEMO_ITEMS, readDemoScores, saveDemoScores } from "./demo-scores.server.ts";
import { productCandidates } from "./response-sheet.ts";

const engagements = useCompletedEngagements();
const by = { id: null, name: "Test" };

describe("the demo-score grid", () => {
  test("one scorer's row: scores added, changed and cleared; a stale score is a conflict with both values and nothing of the row is saved", () => {
    const { db, id, pack } = engagements.get("en");
    const item = findItem(pack, DEMO_ITEMS.scores) as RegisterItem;
    const data = () => loadProjectData(db, id);
    const script = data().rows.get(DEMO_ITEMS.scripts)![0]!.id;
    const [a, b] = productCandidates(data().rows);
    const save = (form: Record<string, string>) => saveDemoScores(db, { projectId: id, scoresItem: item, data: data(), form: { intent: "demo-scores", scriptId: String(script), scorer: "  Ada   Lovelace ", ...form }, by, locked: false });
    const cell = (vendor: number) => readDemoScores(data()).get(script)?.get(vendor)?.get("ada lovelace");

    expect(save({ [`score-${a!.rowId}`]: "4", [`version-${a!.rowId}`]: "0", [`score-${b!.rowId}`]: "2", [`version-${b!.rowId}`]: "0" }).status).toBe(200);
    expect([cell(a!.rowId)?.score, cell(b!.rowId)?.score, cell(a!.rowId)?.scorer]).toEqual([4, 2, "Ada Lovelace"]);

    // The same scorer, spelt differently, changes the same rows; an empty score clears one.
    const va = cell(a!.rowId)!.version, vb = cell(b!.rowId)!.version;
    expect(saveDemoScores(db, { projectId: id, scoresItem: item, data: data(), form: { intent: "demo-scores", scriptId: String(script), scorer: "ADA LOVELACE", [`score-${a!.rowId}`]: "5", [`version-${a!.rowId}`]: String(va), [`score-${b!.rowId}`]: "", [`version-${b!.rowId}`]: String(vb) }, by, locked: false }).status).toBe(200);
    expect([cell(a!.rowId)?.score, cell(b!.rowId)]).toEqual([5, undefined]);

    // Based on the old version of a's score: a conflict naming both values; b's new score is not saved either.
    const r = save({ [`score-${a!.rowId}`]: "1", [`version-${a!.rowId}`]: String(va), [`score-${b!.rowId}`]: "3", [`version-${b!.rowId}`]: "0" });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, conflicts: [{ vendorId: a!.rowId, theirs: 5, yours: 1 }] });
    expect([cell(a!.rowId)?.score, cell(b!.rowId)]).toEqual([5, undefined]);
  });

  test("refused next to the field, nothing written: a score out of 1–5, no scorer, a locked phase", () => {
    const { db, id, pack } = engagements.get("fa");
    const item = findItem(pack, DEMO_ITEMS.scores) as RegisterItem;
    const data = loadProjectData(db, id);
    const script = data.rows.get(DEMO_ITEMS.scripts)![0]!.id;
    const [a] = productCandidates(data.rows);
    const before = JSON.stringify(data.rows.get(DEMO_ITEMS.scores));
    const run = (form: Record<string, string>, locked = false) => saveDemoScores(db, { projectId: id, scoresItem: item, data, form: { intent: "demo-scores", scriptId: String(script), ...form }, by, locked });
    for (const bad of ["0", "6", "2.5", "پنج"]) {
      expect(run({ scorer: "سارا", [`score-${a!.rowId}`]: bad, [`version-${a!.rowId}`]: "0" })).toMatchObject({ status: 400, body: { errors: { [`score-${a!.rowId}`]: "selection.errors.demoScore" } } });
    }
    expect(run({ scorer: "  ", [`score-${a!.rowId}`]: "3", [`version-${a!.rowId}`]: "0" })).toMatchObject({ status: 400, body: { errors: { scorer: "selection.errors.scorerRequired" } } });
    expect(run({ scorer: "سارا", [`score-${a!.rowId}`]: "3", [`version-${a!.rowId}`]: "0" }, true)).toMatchObject({ status: 409, body: { locked: true } });
    expect(JSON.stringify(loadProjectData(db, id).rows.get(DEMO_ITEMS.scores))).toBe(before);
  });
});
