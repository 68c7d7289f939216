import { describe, expect, it } from "vitest";
import type { ProjectAnswers } from "#app/domain/project-answers.ts";
import { raciMatrix } from "./raci.ts";

const data = (assignments: Array<[number, number, string]>): ProjectAnswers => ({
  answers: new Map(),
  rows: new Map<string, Array<{ id: number; cells: Record<string, string | number | null> }>>([
    ["team.members", [1, 2, 3, 4].map((id) => ({ id, cells: { name: `Member ${id}` } }))],
    ["requirements.deliverables", [10, 11, 12].map((id) => ({ id, cells: { deliverable: `Deliverable ${id}` } }))],
    ["requirements.raci", assignments.map(([deliverable, member, role], i) => ({ id: 100 + i, cells: { deliverable, member, role } }))],
  ]),
});

describe("the RACI matrix", () => {
  it("has a column per member holding a letter, letters combined, and names what is missing", () => {
    const m = raciMatrix(data([[10, 1, "responsible"], [10, 1, "accountable"], [10, 2, "informed"], [11, 2, "responsible"], [11, 1, "accountable"], [11, 2, "accountable"]]))!;
    expect(m.members).toEqual(["Member 1", "Member 2"]);
    expect(m.rows).toEqual([
      { deliverable: "Deliverable 10", letters: ["R/A", "I"], byRole: { R: ["Member 1"], A: ["Member 1"], C: [], I: ["Member 2"] } },
      { deliverable: "Deliverable 11", letters: ["A", "R/A"], byRole: { R: ["Member 2"], A: ["Member 1", "Member 2"], C: [], I: [] } },
    ]);
    expect(m.problems).toEqual([{ deliverable: "Deliverable 11", kind: "several-accountable" }]);
  });

  it("is absent without assignments", () => {
    expect(raciMatrix(data([]))).toBeNull();
  });
});
