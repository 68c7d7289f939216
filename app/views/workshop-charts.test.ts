import { describe, expect, test } from "vitest";
import { rangeChart } from "./workshop-charts.ts";

const stats = { n: 3, median: 3, q1: 2, q3: 4, min: 1, max: 5 };
const ticks = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)"[^>]*>([0-9۰-۹])<\/text>/g)].map((m) => ({ x: Number(m[1]), label: m[2]! }));

describe("the projector's range chart", () => {
  test("runs left to right in English and right to left in Persian, with Persian digits", () => {
    const en = ticks(rangeChart({ title: "t", lang: "en", min: 0, max: 5, rows: [{ label: "Goal", stats }], votesLabel: String }));
    const fa = ticks(rangeChart({ title: "t", lang: "fa", min: 0, max: 5, rows: [{ label: "هدف", stats }], votesLabel: String }));
    expect(en.find((t) => t.label === "0")!.x).toBeLessThan(en.find((t) => t.label === "5")!.x);
    expect(fa.find((t) => t.label === "۰")!.x).toBeGreaterThan(fa.find((t) => t.label === "۵")!.x);
  });

  test("a Persian goal in an English chart is laid out right to left, anchored to the same (left) edge", () => {
    const svg = rangeChart({ title: "t", lang: "en", min: 0, max: 5, rows: [{ label: "کاهش ریزش مشتری", sublabel: "Risk", stats }], votesLabel: String });
    expect(svg).toMatch(/<text x="12"[^>]*text-anchor="end" direction="rtl">کاهش ریزش مشتری<\/text>/);
    expect(svg).toMatch(/<text x="12"[^>]*text-anchor="start" direction="ltr">Risk<\/text>/);
  });

  test("the median, the middle half and the range are drawn for a row with votes, nothing for one without", () => {
    const svg = rangeChart({ title: "t", lang: "en", min: 0, max: 5, rows: [{ label: "A", stats }, { label: "B", stats: { n: 0, median: null, q1: null, q3: null, min: null, max: null } }], votesLabel: (n) => `${n} votes` });
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain(">0 votes<");
    expect(svg).toContain(">3 votes<");
  });
});
