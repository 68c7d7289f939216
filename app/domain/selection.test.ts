import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { rankProducts, selectionModel, shiftedShares } from "./selection.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
type Cells = Record<string, string | number | null>;
type Data = { rows: Record<string, Cells[]>; answers: Record<string, unknown> };
const BASE: Record<string, number> = { "requirements.register": 400, "selection.candidates": 600, "selection.demo-scripts": 800 };
const id = (register: string, n: number) => (BASE[register] ?? 900) + n;
function toAnswers(d: Data): ProjectAnswers {
  return {
    answers: new Map(Object.entries(d.answers).map(([k, value]) => [k, { value }])),
    rows: new Map(Object.entries(d.rows).map(([k, list]) => [k, list.map((cells, i) => ({ id: id(k, i + 1), cells }))])),
  };
}
const A = id("selection.candidates", 1);
const B = id("selection.candidates", 2);
const C = id("selection.candidates", 3);
const R = (n: number) => id("requirements.register", n);
const S = (n: number) => id("selection.demo-scripts", n);
const respond = (vendor: number, fits: string[], extra: Cells = {}) => fits.map((fit, i) => ({ vendor, requirement: R(i + 1), fit, ...extra }));
const score = (vendor: number, script: number, scorer: string, s: number) => ({ vendor, script: S(script), scorer, score: s });

/**
 * Three requirements (must, should, could), two short-listed products and a
 * third that does not support the must-have, a long-listed product nobody
 * answered for, a partner. Figures worked by hand in the comments.
 */
function project(): Data {
  return {
    rows: {
      "requirements.register": [
        { requirement: "Customer file", priority: "must" },
        { requirement: "Complaint tracking", priority: "should" },
        { requirement: "Field visits on a phone", priority: "could" },
      ],
      "selection.candidates": [
        { name: "Alpha CRM", kind: "product", status: "chosen", cost: 100, references: 4, "partner-strength": 5 },
        { name: "Beta CRM", kind: "product", status: "short-list", cost: 80, references: 3, "partner-strength": 2 },
        { name: "Gamma CRM", kind: "product", status: "rejected", cost: 50, references: 5, "partner-strength": 5 },
        { name: "Delta CRM", kind: "product", status: "long-list" },
        { name: "Northwind Consulting", kind: "partner", status: "chosen" },
      ],
      "selection.vendor-responses": [
        // Alpha: 3×1 + 2×0.8 + 1×0 = 4.6 of 6 → 76.67
        ...respond(A, ["standard", "configuration", "not-supported"]),
        // Beta: 3×0.4 + 2×1 + 1×1 = 4.2 of 6 → 70
        ...respond(B, ["customisation", "standard", "standard"]),
        // Gamma: the must-have not supported → knocked out
        ...respond(C, ["not-supported", "standard", "standard"]),
      ],
      "selection.demo-scripts": [{ script: "Log a complaint" }, { script: "Plan a visit" }],
      "selection.demo-scores": [
        // Alpha: script 1 (4 + 5) / 2 = 4.5, script 2 = 3 → 3.75 → 68.75; two scorers
        score(A, 1, "Sara", 4),
        score(A, 1, "Reza", 5),
        score(A, 2, "Sara", 3),
        // Beta: 5 and 5 → 100
        score(B, 1, "Sara", 5),
        score(B, 2, "Sara", 5),
        score(C, 1, "Sara", 5),
        score(C, 2, "Sara", 5),
      ],
    },
    answers: { "selection.cost-period": 5, "selection.decision-date": "2027-03-01" },
  };
}

describe("the selection model", () => {
  const model = selectionModel(pack, toAnswers(project()))!;
  const evalOf = (pid: number) => model.evaluations.find((e) => e.product.rowId === pid)!;

  it("numbers the requirements R1… in the register's order, with their priority", () => {
    expect(model.requirements.map((r) => [r.number, r.text, r.priority])).toEqual([
      ["R1", "Customer file", "must"],
      ["R2", "Complaint tracking", "should"],
      ["R3", "Field visits on a phone", "could"],
    ]);
  });

  it("evaluates the short-listed, chosen and answered products, not a long-listed one nobody answered for, nor a partner", () => {
    expect(model.products.map((p) => p.name)).toEqual(["Alpha CRM", "Beta CRM", "Gamma CRM"]);
    expect(model.chosen.products.map((p) => p.name)).toEqual(["Alpha CRM"]);
    expect(model.chosen.partners.map((p) => p.name)).toEqual(["Northwind Consulting"]);
  });

  it("shows the fit-gap matrix requirement × product, marking must-haves not supported", () => {
    expect(model.matrix.map((m) => m.cells.map((c) => c.fit))).toEqual([
      ["standard", "customisation", "not-supported"],
      ["configuration", "standard", "standard"],
      ["not-supported", "standard", "standard"],
    ]);
    expect(model.matrix[0]!.cells.map((c) => c.knockOut)).toEqual([false, false, true]);
    // a could-have that is not supported is a gap, not a knock-out
    expect(model.matrix[2]!.cells[0]!.knockOut).toBe(false);
  });

  it("scores fit by priority, demos from the scripts' means, cost against the cheapest, references and partner on 0–100", () => {
    expect(evalOf(A)).toMatchObject({ fitScore: 76.67, demoScore: 68.75, costScore: 50, referencesScore: 75, partnerScore: 100, knockedOut: false, answered: 3 });
    expect(evalOf(A).demo).toMatchObject({ mean: 3.75, scorers: 2, scriptsScored: 2 });
    expect(evalOf(A).demo.perScript.map((s) => s.mean)).toEqual([4.5, 3]);
    // Gamma (cost 50) is the cheapest of the products, so Beta's 80 scores 62.5
    expect(evalOf(B)).toMatchObject({ fitScore: 70, demoScore: 100, costScore: 62.5, referencesScore: 50, partnerScore: 25 });
    expect(evalOf(C)).toMatchObject({ knockedOut: true, knockOuts: [R(1)] });
  });

  it("ranks by the default weights when the project has none, knocked-out products last however high they score", () => {
    expect(model.weights.from).toBe("default");
    expect(model.weights.share).toEqual({ fit: 0.4, demo: 0.25, cost: 0.15, references: 0.1, partner: 0.1 });
    // Alpha 30.67 + 17.19 + 7.5 + 7.5 + 10 = 72.86 (from the scores as shown); Beta 28 + 25 + 9.38 + 5 + 2.5 = 69.88
    expect(model.ranking.map((r) => [r.name, r.rank, r.total, r.knockedOut])).toEqual([
      ["Alpha CRM", 1, 72.86, false],
      ["Beta CRM", 2, 69.88, false],
      ["Gamma CRM", 3, expect.any(Number), true],
    ]);
    expect(model.ranking[0]!.contributions).toEqual({ fit: 30.67, demo: 17.19, cost: 7.5, references: 7.5, partner: 10 });
    expect(model.leader).toBe(A);
    expect(model.costPeriod).toBe(5);
    expect(model.decisionDate).toBe("2027-03-01");
  });

  it("uses the project's own weights, normalised", () => {
    const d = project();
    d.rows["selection.evaluation-weights"] = [
      { criterion: "demo", weight: 60 },
      { criterion: "fit", weight: 20 },
    ];
    const m = selectionModel(pack, toAnswers(d))!;
    expect(m.weights.from).toBe("project");
    expect(m.weights.share).toMatchObject({ demo: 0.75, fit: 0.25, cost: 0 });
    expect(m.leader).toBe(B);
  });

  it("says which weight shifts change the leader, and the smallest shift that does", () => {
    const demo = model.sensitivity.criteria.find((c) => c.criterion === "demo")!;
    expect(model.sensitivity.step).toBe(10);
    expect(demo.down.leaderChanges).toBe(false);
    expect(demo.up).toMatchObject({ shift: 10, leaderChanges: true, leader: B });
    expect(demo.tippingShift!.leader).toBe(B);
    expect(demo.tippingShift!.shift).toBeGreaterThan(0);
    expect(demo.tippingShift!.shift).toBeLessThanOrEqual(10);
    expect(model.sensitivity.robust).toBe(false);
    const partner = model.sensitivity.criteria.find((c) => c.criterion === "partner")!;
    expect(partner.up.leaderChanges).toBe(false);
  });

  it("rescales the other weights when one moves, keeping the total at 1", () => {
    const s = shiftedShares({ fit: 0.4, demo: 0.25, cost: 0.15, references: 0.1, partner: 0.1 }, "fit", -10);
    expect(s.fit).toBeCloseTo(0.3);
    expect(s.demo).toBeCloseTo(0.25 * (0.7 / 0.6));
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it("knocks out a product that did not answer a must-have", () => {
    const d = project();
    d.rows["selection.vendor-responses"] = d.rows["selection.vendor-responses"]!.filter((r) => !(r.vendor === A && r.requirement === R(1)));
    const m = selectionModel(pack, toAnswers(d))!;
    expect(m.evaluations.find((e) => e.product.rowId === A)!.knockedOut).toBe(true);
    expect(m.leader).toBe(B);
  });

  it("is empty, not broken, for a project that has not started selecting", () => {
    const m = selectionModel(pack, toAnswers({ rows: {}, answers: {} }))!;
    expect(m).toMatchObject({ products: [], matrix: [], ranking: [], leader: null, costPeriod: null, decisionDate: null });
    expect(m.sensitivity.robust).toBe(true);
  });
});

describe("ties", () => {
  it("two products with the same total share first place, and then there is no single leader", () => {
    const d = project();
    d.rows["selection.candidates"]![1] = { ...d.rows["selection.candidates"]![0]!, name: "Beta CRM", status: "short-list" };
    d.rows["selection.vendor-responses"] = [...respond(A, ["standard", "configuration", "not-supported"]), ...respond(B, ["standard", "configuration", "not-supported"])];
    d.rows["selection.demo-scores"] = [score(A, 1, "Sara", 4), score(B, 1, "Sara", 4)];
    const m = selectionModel(pack, toAnswers(d))!;
    expect(m.ranking.slice(0, 2).map((r) => [r.name, r.rank])).toEqual([["Alpha CRM", 1], ["Beta CRM", 1]]);
    expect(m.leader).toBeNull();
  });
});

describe("the sensitivity's quick search agrees with the full ranking", () => {
  it("at the tipping shift the full ranking has the new leader, one point short of it the old one", () => {
    const d = project();
    const m = selectionModel(pack, toAnswers(d))!;
    const leaderAt = (c: (typeof m.sensitivity.criteria)[number]["criterion"], shift: number) => {
      const ranking = rankProducts(m.evaluations, shiftedShares(m.weights.share, c, shift));
      return ranking[0]!.knockedOut || (ranking[1] && !ranking[1].knockedOut && ranking[1].rank === ranking[0]!.rank) ? null : ranking[0]!.productId;
    };
    const tipped = m.sensitivity.criteria.filter((c) => c.tippingShift);
    expect(tipped.length).toBeGreaterThan(0);
    for (const c of tipped) {
      const { shift, leader } = c.tippingShift!;
      expect(leaderAt(c.criterion, shift)).toBe(leader);
      const shorter = shift - Math.sign(shift);
      if (shorter !== 0) expect(leaderAt(c.criterion, shorter)).toBe(m.leader);
    }
  });
});

describe("the demo score of scripts whose means are thirds", () => {
  it("averages the scripts' unrounded means and rounds only the result (3⅓ and 4 → 3.67 → 66.67, not 66.63)", () => {
    const d = project();
    d.rows["selection.demo-scores"] = [score(A, 1, "Sara", 3), score(A, 1, "Reza", 3), score(A, 1, "Ali", 4), score(A, 2, "Sara", 4)];
    const m = selectionModel(pack, toAnswers(d))!;
    const a = m.evaluations.find((e) => e.product.rowId === A)!;
    expect(a.demo.perScript.map((s) => s.mean)).toEqual([3.33, 4]);
    expect(a.demo.mean).toBe(3.67);
    expect(a.demoScore).toBe(66.67);
  });
});
