/**
 * The two completed engagements read through the selection evaluation and the
 * health check as their sponsor would: the product they chose leads the
 * ranking, and no selection rule fires on a project done properly.
 */
import { describe, expect, it } from "vitest";
import { useCompletedEngagements } from "#tests/fixtures/completed-engagements.ts";
import { projectGates } from "./signoff.server.ts";
import { phaseStates } from "./health.server.ts";
import { healthCheck } from "./health.ts";
import { selectionModel } from "./selection.ts";

const engagements = useCompletedEngagements();

describe.each(["en", "fa"] as const)("the completed engagement (%s)", (lang) => {
  it("chose one product and one partner; the chosen product leads the ranking and is not knocked out", () => {
    const { pack, data } = engagements.get(lang);
    const m = selectionModel(pack, data)!;
    expect(m.chosen.products).toHaveLength(1);
    expect(m.chosen.partners).toHaveLength(1);
    expect(m.products.length).toBeGreaterThanOrEqual(2);
    expect(m.leader).toBe(m.chosen.products[0]!.rowId);
    expect(m.ranking.find((r) => r.chosen)!.knockedOut).toBe(false);
    // every product evaluated answered every requirement
    for (const e of m.evaluations) expect(e.answered).toBe(m.requirements.length);
    expect(m.decisionDate).not.toBeNull();
  });

  it("every phase is signed, and none of the selection rules fires", () => {
    const { db, id, pack, data } = engagements.get(lang);
    const signed = phaseStates(projectGates(db, id, pack));
    expect([...signed.keys()].sort()).toEqual(pack.phases.map((p) => p.id).sort());
    const fired = healthCheck(pack, data, signed)!.findings.map((f) => f.rule.id);
    expect(fired.filter((r) => ["vendor-chosen-before-strategy", "vendor-without-demo", "must-have-unmet"].includes(r))).toEqual([]);
  });
});
