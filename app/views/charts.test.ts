import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { esc, lineChart, matrixChart, niceTicks, radarChart, wrapLabel } from "./charts.ts";

const texts = (svg: string): string[] => {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === "object") {
      for (const [k, v] of Object.entries(n)) {
        if (k === "text") for (const t of Array.isArray(v) ? v : [v]) out.push(String(typeof t === "object" ? (t as Record<string, unknown>)["#text"] : t));
        else walk(v);
      }
    }
  };
  walk(new XMLParser({ ignoreAttributes: false }).parse(svg));
  return out;
};

describe("charts", () => {
  const hostile = 'A <script>alert(1)</script> & "quotes" \u0007\uD800';

  it("radar: one labelled axis per topic with its score; unscored topics say so and get no point", () => {
    const svg = radarChart({ title: "Readiness", lang: "en", min: 0, max: 5, threshold: { value: 3, label: "Below 3: a gap" }, unscoredLabel: "not scored", axes: [{ label: "Culture", value: 2 }, { label: "Leadership", value: 4 }, { label: "Training", value: null }, { label: "Fit", value: 0 }] });
    expect(XMLValidator.validate(svg)).toBe(true);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(["Culture", "2 / 5", "Leadership", "4 / 5", "Training", "not scored", "Fit", "0 / 5", "Below 3: a gap"]));
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray="5 4"');
  });

  it("Persian charts use Persian digits and right-to-left labels", () => {
    const svg = radarChart({ title: "آمادگی", lang: "fa", min: 0, max: 5, unscoredLabel: "بی‌نمره", axes: [{ label: "فرهنگ", value: 3 }, { label: "رهبری", value: 1 }, { label: "آموزش", value: 2 }] });
    expect(texts(svg)).toEqual(expect.arrayContaining(["۳ از ۵", "۱ از ۵"]));
    expect(svg).toContain('direction="rtl"');
    const line = lineChart({ title: "پذیرش", lang: "fa", xLabels: ["۱۴۰۶/۰۱/۰۱"], series: [{ name: "فروش", values: [50] }], yUnit: "٪", yMax: 100 });
    expect(texts(line)).toEqual(expect.arrayContaining(["۰٪", "۲۰٪", "۱۰۰٪", "فروش"]));
  });

  it("user text cannot break out of the SVG", () => {
    expect(esc(hostile)).toBe("A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ");
    const svg = lineChart({ title: hostile, lang: "en", xLabels: [hostile], series: [{ name: hostile, values: [1] }] });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain("<script>");
  });

  it("line chart: a gap breaks the line instead of dropping to zero, and every value gets a marker", () => {
    const svg = lineChart({ title: "t", lang: "en", xLabels: ["a", "b", "c", "d"], series: [{ name: "s", values: [10, null, 30, 40] }], yMax: 100 });
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]!.split(" ").length);
    expect(lines).toEqual([2]);
    // Three values, plus the legend's key.
    expect(svg.match(/<circle /g)).toHaveLength(4);
  });

  it("the y axis grows to show values over 100% and the reference lines, and keeps its floor", () => {
    const svg = lineChart({ title: "t", lang: "en", xLabels: ["a"], series: [{ name: "s", values: [112.5] }], yUnit: "%", yMax: 100, references: [{ value: 80, label: "80% after six months" }] });
    const t = texts(svg);
    expect(t).toContain("0%");
    expect(t.some((x) => /^1[2-9]0%$/.test(x))).toBe(true);
    expect(t).toContain("80% after six months");
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-25, 162.5)).toEqual([-50, 0, 50, 100, 150, 200]);
  });

  it("long labels wrap to two lines and end with an ellipsis", () => {
    expect(wrapLabel("A clear organisation-wide picture of good CRM with customer journeys", 22)).toEqual(["A clear", "organisation-wide…"]);
    expect(wrapLabel("Short", 22)).toEqual(["Short"]);
  });
});

describe("the value/effort matrix full screen on a 1366 × 768 laptop (review finding 9)", () => {
  const svg = matrixChart({
    title: "t", lang: "fa", min: 0, max: 5, xLabel: "میزان تلاش", yLabel: "ارزش",
    quadrants: ["برد سریع", "پروژه بزرگ", "کار جانبی", "چاه پول"],
    points: [{ n: 1, x: 2, y: 4 }, { n: 12, x: 4, y: 1 }],
  });
  const [, , w, h] = /viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as [number, number, number, number];
  // The full-screen picture area on that screen: the window less the title bar and the table's summary.
  const fitted = Math.min(1326 / w, 620 / h);

  it("fits the window with every label at the room's 18 px, so it is not drawn larger and cut at the bottom", () => {
    const smallest = Math.min(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(smallest * fitted).toBeGreaterThanOrEqual(18);
  });

  it("leaves room under the x-axis title for Persian letters' descent", () => {
    const y = Number(new RegExp(`<text x="[\\d.]+" y="([\\d.]+)"[^>]*>میزان تلاش</text>`).exec(svg)![1]);
    expect(h - y).toBeGreaterThanOrEqual(12);
  });
});
