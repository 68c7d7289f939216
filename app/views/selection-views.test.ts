/**
 * The selection page as a new user reads it: a criterion with no input says so
 * (never a 0 that reads as a poor score), the weights say when they are the
 * method's defaults, the sensitivity waits for complete inputs; an import's
 * problem lines carry the interface's digits with each value isolated.
 */
import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectAnswers } from "#app/domain/project-answers.ts";
import { evaluationView } from "./selection-views.ts";
import { importProblemParams, splitValues, valueToken } from "./import-problems.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
function answers(rows: Record<string, Array<Record<string, unknown>>>, base = 100): ProjectAnswers {
  return { answers: new Map(), rows: new Map(Object.entries(rows).map(([k, list], j) => [k, list.map((cells, i) => ({ id: base * (j + 1) + i + 1, cells }))])) } as unknown as ProjectAnswers;
}
// requirements.register ids 101, 102; candidates 201, 202
const partial = answers({
  "requirements.register": [{ requirement: "Customer file", priority: "must" }, { requirement: "Complaints", priority: "should" }],
  "selection.candidates": [{ name: "Alpha CRM", kind: "product", status: "short-list" }, { name: "Beta CRM", kind: "product", status: "short-list", references: 4 }],
  "selection.vendor-responses": [{ vendor: 201, requirement: 101, fit: "standard" }, { vendor: 201, requirement: 102, fit: "standard" }],
});

describe("a ranking with missing inputs", () => {
  it("says which inputs are missing instead of showing 0 (en)", () => {
    const v = evaluationView(pack, partial, "en")!;
    const alpha = v.ranking.find((r) => r.name === "Alpha CRM")!;
    const cell = (r: typeof alpha, c: string) => r.contributions[v.criteria.findIndex((x) => x.id === c)];
    expect(cell(alpha, "demo")).toBe("no demo scores yet");
    expect(cell(alpha, "cost")).toBe("no price yet");
    expect(cell(alpha, "references")).toBe("no reference checks yet");
    expect(cell(alpha, "partner")).toBe("no partner rating yet");
    const beta = v.ranking.find((r) => r.name === "Beta CRM")!;
    expect(cell(beta, "fit")).toBe("no answers yet");
    expect(cell(beta, "references")).not.toMatch(/yet/);
    expect(v.weightsNote).toBe("defaults, not yet agreed");
    expect(v.inputsComplete).toBe(false);
  });
  it("in Persian too", () => {
    const v = evaluationView(pack, partial, "fa")!;
    const alpha = v.ranking.find((r) => r.name === "Alpha CRM")!;
    expect(alpha.contributions[v.criteria.findIndex((x) => x.id === "demo")]).toBe("هنوز امتیاز نمایشی نیست");
    expect(v.weightsNote).toBe("پیش‌فرض؛ هنوز توافق نشده");
  });
});

describe("an import's problem lines", () => {
  it("use the interface's digits", () => {
    expect(importProblemParams({ number: "R1", row: 12, value: "abc", sheet: "Requirements", cell: "B5" }, "fa")).toEqual({ number: "R۱", row: "۱۲", value: "abc", sheet: "Requirements", cell: "B5" });
    expect(importProblemParams({ number: "R1" }, "en")).toEqual({ number: "R1" });
  });
  it("cut the sentence into text and values, each value to be isolated in its own <bdi>", () => {
    expect(splitValues(`${valueToken(0)}، خانه ${valueToken(1)}: فرمول`, ["Requirements", "H3"])).toEqual([{ value: "Requirements" }, "، خانه ", { value: "H3" }, ": فرمول"]);
  });
});
