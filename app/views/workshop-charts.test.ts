import { describe, expect, test } from "vitest";
import { pollChart, rangeChart, spreadRadar } from "./workshop-charts.ts";
import { localDigits } from "./format.ts";

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

/** The smallest text of a chart as drawn across a 1366 px projector (1302 px inside the page's margins). */
function smallestAt1366(svg: string): number {
  const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)![1]);
  const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  return (Math.min(...sizes) * 1302) / width;
}
/** Where a text lies from its x: a right-to-left text anchored at its start runs leftwards. */
const runsLeft = (attrs: string) => /text-anchor="start" direction="rtl"|text-anchor="end" direction="ltr"/.test(attrs);

describe("readable from the back of a room (review finding 3)", () => {
  const rows = [
    { label: "ارزش برای کسب‌وکار", stats },
    { label: "فوریت", stats },
    { label: "Risk", stats },
  ];

  test("every label is at least 20 px when the chart fills a 1366 px projector", () => {
    for (const lang of ["en", "fa"] as const) {
      expect(smallestAt1366(rangeChart({ title: "t", lang, min: 0, max: 5, rows, votesLabel: String }))).toBeGreaterThanOrEqual(20);
      expect(smallestAt1366(pollChart({ title: "t", lang, options: [{ label: "A", count: 2 }, { label: "B", count: 1 }] }))).toBeGreaterThanOrEqual(20);
      const topics = ["Leadership", "Data", "Process", "People", "Tools"].map((label) => ({ label, stats }));
      expect(smallestAt1366(spreadRadar({ title: "t", lang, min: 0, max: 5, topics, unscoredLabel: "—", bandLabel: "Middle half" }))).toBeGreaterThanOrEqual(20);
    }
  });

  test("the Persian vote count «۳ رأی» lies inside the chart, not off its left edge", () => {
    const svg = rangeChart({ title: "t", lang: "fa", min: 0, max: 5, rows, votesLabel: (n) => `${localDigits(n, "fa")} رأی` });
    const votes = [...svg.matchAll(/<text x="([\d.]+)"([^>]*)>۳ رأی<\/text>/g)];
    expect(votes.length).toBe(rows.length);
    for (const m of votes) expect(runsLeft(m[2]!) ? Number(m[1]) : Infinity).toBeGreaterThan(100);
  });
});
