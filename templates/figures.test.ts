import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import { figureSources } from "./figures.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const MAP = "flowchart LR\n  A[ویزیتور سفارش را می‌نویسد] --> B[تحویل فرم به دفتر]\n  B -- بله --> C[صدور بارنامه]";
const project = {
  answers: new Map<string, { value: unknown }>([
    ["requirements.current-process-map", { value: { definition: MAP } }],
    ["requirements.future-process-map", { value: { definition: "graph TD\n  A --> B" } }],
  ]),
  rows: new Map([["goals.roadmap", [{ id: 1, cells: { name: "مرحله ۱", start: "2026-12-22", end: "2027-06-21" } as Record<string, string | number | null> }, { id: 2, cells: { name: "مرحله ۲", start: "2027-06-22", end: "2027-12-21" } }]]]),
};

describe("a document's figures read in its language's direction", () => {
  it("a Persian document's process map is drawn from a right-to-left definition; an English one as written", () => {
    const fa = figureSources(["requirements.current-process-map"], pack, project, "fa", "P")[0]!;
    expect(fa.kind === "diagram" && fa.definition).toMatch(/^flowchart RL\n/);
    expect(fa.kind === "diagram" && fa.definition).toContain("A[ویزیتور سفارش را می‌نویسد] --> B[تحویل فرم به دفتر]");
    const en = figureSources(["requirements.current-process-map"], pack, project, "en", "P")[0]!;
    expect(en.kind === "diagram" && en.definition).toBe(MAP);
    // Top to bottom has no reading direction: kept as written.
    const td = figureSources(["requirements.future-process-map"], pack, project, "fa", "P")[0]!;
    expect(td.kind === "diagram" && td.definition).toBe("graph TD\n  A --> B");
  });

  it("the roadmap is Gambegam's own drawing, time right to left in Persian", () => {
    const fa = figureSources(["roadmap"], pack, project, "fa", "P")[0]!;
    expect(fa.kind).toBe("chart");
    const svg = fa.kind === "chart" ? fa.svg : "";
    const x = (stage: number) => Number(svg.match(new RegExp(`<rect class="bar" data-stage="${stage}" x="([\\d.]+)"`))![1]);
    expect(x(0)).toBeGreaterThan(x(1));
    expect(fa.fallback.rows.length).toBe(2);
  });
});
