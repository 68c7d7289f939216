import { describe, expect, it } from "vitest";
import jalaali from "jalaali-js";
import { getPacks } from "#methodology/registry.ts";
import { roadmapTimeline, SCREEN_TIMELINE } from "./roadmap-timeline.ts";
import type { DiagramData } from "./diagrams.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const data = (rows: Record<string, Array<Record<string, string | number | null>>>): DiagramData => ({
  rows: new Map(Object.entries(rows).map(([k, list]) => [k, list.map((cells, i) => ({ id: i + 1, cells }))])),
});
const threeStages = data({
  "goals.roadmap": [
    { name: "مرحله ۱: ثبت مشتری", start: "2026-12-22", end: "2027-06-21" },
    { name: "مرحله ۲: فروش", start: "2027-06-22", end: "2027-12-21" },
    { name: "مرحله ۳: کانال‌ها", start: "2027-12-22", end: "2028-06-20" },
  ],
  "goals.register": [{ goal: "کاهش ریزش", stage: 1, "target-date": "2027-06-01" }],
});
const WIDTHS = { narrow: 640, wide: 970 };

/** Each drawn bar's stage and horizontal extent. */
const bars = (svg: string) => [...svg.matchAll(/<rect class="bar" data-stage="(\d+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => ({ stage: Number(m[1]), x: Number(m[2]), right: Number(m[2]) + Number(m[3]) }));
/** Each tick's date and position. */
const ticks = (svg: string) => [...svg.matchAll(/<line class="tick[^"]*" data-date="([\d-]+)" x1="([\d.]+)"/g)].map((m) => ({ date: m[1]!, x: Number(m[2]) }));
/** The visible text of the drawing, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/[\u2066-\u2069]/g, ""));

describe("the roadmap Gambegam draws itself", () => {
  it("in Persian, time runs right to left: the first stage's bar is right of the last one's", () => {
    const { svg } = roadmapTimeline(pack, threeStages, "fa", "نقشه راه", WIDTHS);
    const b = bars(svg!);
    expect(b.map((x) => x.stage)).toEqual([0, 1, 2]);
    expect(b[0]!.x).toBeGreaterThan(b[2]!.right - 1);
    expect(b[0]!.x).toBeGreaterThan(b[1]!.x);
  });

  it("in English, time runs left to right", () => {
    const { svg } = roadmapTimeline(pack, threeStages, "en", "Roadmap", WIDTHS);
    const b = bars(svg!);
    expect(b[0]!.right).toBeLessThan(b[2]!.x + 1);
  });

  it("in Persian, a tick on every Jalali month start (1 Dey 1405 = 2026-12-22), later months further left", () => {
    const t = ticks(roadmapTimeline(pack, threeStages, "fa", "نقشه راه", WIDTHS).svg!);
    expect(t[0]!.date).toBe("2026-12-22");
    expect(t.map((x) => x.date)).toContain("2027-01-21"); // 1 Bahman 1405
    expect(t.map((x) => x.date)).toContain("2027-03-21"); // 1 Farvardin 1406
    for (const { date } of t) {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      expect(jalaali.toJalaali(y, m, d).jd).toBe(1);
    }
    expect(t.length).toBe(19); // Dey 1405 to Tir 1407, both ends
    for (let i = 1; i < t.length; i++) expect(t[i]!.x).toBeLessThan(t[i - 1]!.x);
    const labels = texts(roadmapTimeline(pack, threeStages, "fa", "نقشه راه", WIDTHS).svg!);
    expect(labels).toContain("دی");
    expect(labels).toContain("۱۴۰۵");
    expect(labels).toContain("فروردین");
  });

  it("in English, ticks on the 1st of each month, left to right, named", () => {
    const { svg } = roadmapTimeline(pack, threeStages, "en", "Roadmap", WIDTHS);
    const t = ticks(svg!);
    expect(t[0]!.date).toBe("2026-12-01");
    expect(t.every((x) => x.date.endsWith("-01"))).toBe(true);
    for (let i = 1; i < t.length; i++) expect(t[i]!.x).toBeGreaterThan(t[i - 1]!.x);
    expect(texts(svg!)).toEqual(expect.arrayContaining(["Dec", "2026", "Jan", "2027"]));
  });

  it("each stage says its name and its dates, start before end, in the document's way", () => {
    const fa = texts(roadmapTimeline(pack, threeStages, "fa", "نقشه راه", WIDTHS).svg!);
    expect(fa).toContain("مرحله ۱: ثبت مشتری");
    expect(fa).toContain("۱ دی ۱۴۰۵ تا ۳۱ خرداد ۱۴۰۶");
    const en = texts(roadmapTimeline(pack, threeStages, "en", "Roadmap", WIDTHS).svg!);
    expect(en).toContain("22 December 2026 – 21 June 2027");
    // A Persian stage name in an English drawing is isolated, so it cannot pull the dates around it.
    expect(roadmapTimeline(pack, threeStages, "en", "Roadmap", WIDTHS).svg).toContain("\u2068مرحله ۱: ثبت مشتری\u2069");
  });

  it("a roadmap of many years names years, not months, and stays small", () => {
    for (const lang of ["fa", "en"] as const) {
      const { svg } = roadmapTimeline(pack, data({ "goals.roadmap": [{ name: "Long", start: "2026-01-01", end: "2075-12-31" }] }), lang, "R", WIDTHS);
      expect(ticks(svg!).length).toBeGreaterThan(4);
      expect(ticks(svg!).length).toBeLessThan(60);
      expect(svg!.length).toBeLessThan(20_000);
      expect(texts(svg!)).toContain(lang === "fa" ? "۱۴۱۰" : "2030");
    }
  });

  it("a goal with a target date is a marker on its stage's row", () => {
    const { svg } = roadmapTimeline(pack, threeStages, "fa", "نقشه راه", WIDTHS);
    expect(svg).toMatch(/<polygon class="goal" data-date="2027-06-01"/);
  });

  it("fills the page it will sit on: a long roadmap takes the wide width, a short one the narrow; nothing dated draws nothing", () => {
    const width = (svg: string) => Number(svg.match(/<svg[^>]* width="(\d+)"/)![1]);
    const wide = roadmapTimeline(pack, threeStages, "fa", "R", WIDTHS).svg!;
    expect(width(wide)).toBe(970);
    const short = roadmapTimeline(pack, data({ "goals.roadmap": [{ name: "A", start: "2027-01-01", end: "2027-06-30" }] }), "en", "R", WIDTHS).svg!;
    expect(width(short)).toBe(640);
    const height = (svg: string) => Number(svg.match(/<svg[^>]* height="(\d+)"/)![1]);
    // Wide and low enough for a landscape page, with room under it for the table of stages.
    expect(height(wide)).toBeLessThan(970 / 2.2);
    const none = roadmapTimeline(pack, data({ "goals.roadmap": [{ name: "No dates" }] }), "en", "R", WIDTHS);
    expect(none.svg).toBeNull();
    expect(none.table.rows.map((r) => r[0])).toEqual(["No dates"]);
  });
});

describe("the roadmap's ticks on the calendar's own month starts", () => {
  const monthName = (iso: string) => new Intl.DateTimeFormat("fa-IR-u-ca-persian", { month: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  // Ranges across Jalali leap years (Esfand 1399 and 1403 have 30 days) and across Nowruz, short and long.
  const ranges: Array<[string, string]> = [["2021-02-10", "2021-05-30"], ["2025-02-19", "2025-04-25"], ["2025-03-20", "2026-03-21"], ["2024-12-31", "2027-01-01"], ["2026-03-21", "2026-03-21"]];
  for (const [start, end] of ranges) {
    for (const style of [undefined, SCREEN_TIMELINE]) {
      it(`in Persian, from ${start} to ${end}${style ? " (drawn for a screen)" : ""}: every tick is the 1st of a Jalali month, consecutive months, each month named as itself`, () => {
        const { svg } = roadmapTimeline(pack, data({ "goals.roadmap": [{ name: "A", start, end }] }), "fa", "R", style?.widths ?? WIDTHS, style?.text);
        const t = ticks(svg!);
        const j = t.map(({ date }) => {
          const [y, m, d] = date.split("-").map(Number) as [number, number, number];
          return jalaali.toJalaali(y, m, d);
        });
        for (const x of j) expect(x.jd).toBe(1);
        for (let i = 1; i < j.length; i++) expect(j[i]!.jy * 12 + j[i]!.jm).toBe(j[i - 1]!.jy * 12 + j[i - 1]!.jm + 1);
        // The first tick is on or before the start, the last after the end.
        expect(t[0]!.date <= start).toBe(true);
        expect(t.at(-1)!.date > end).toBe(true);
        // A month's name follows its own tick.
        for (const m of svg!.matchAll(/<line class="tick" data-date="([\d-]+)"[^>]*\/><text[^>]*>([^<]*)<\/text>/g)) expect(m[2]).toBe(monthName(m[1]!));
      });
    }
  }
});

describe("the roadmap drawn for a screen", () => {
  /** Every label's font size, in the drawing's own units. */
  const fontSizes = (svg: string) => [...svg.matchAll(/<text[^>]* font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  const widthOf = (svg: string) => Number(svg.match(/<svg[^>]* width="(\d+)"/)![1]);

  it("has labels of at least 13 units in a drawing no wider than 680, so a page column of 680 px or more shows them at 13 px or more", () => {
    for (const lang of ["fa", "en"] as const) {
      const { svg } = roadmapTimeline(pack, threeStages, lang, "R", SCREEN_TIMELINE.widths, SCREEN_TIMELINE.text);
      expect(Math.min(...fontSizes(svg!))).toBeGreaterThanOrEqual(13);
      expect(widthOf(svg!)).toBeLessThanOrEqual(680);
    }
  });

  it("in large text, labels grow by a quarter and rows make room for them", () => {
    const normal = roadmapTimeline(pack, threeStages, "en", "R", SCREEN_TIMELINE.widths, SCREEN_TIMELINE.text).svg!;
    const large = roadmapTimeline(pack, threeStages, "en", "R", SCREEN_TIMELINE.widths, SCREEN_TIMELINE.text * 1.25).svg!;
    expect(Math.min(...fontSizes(large))).toBeGreaterThanOrEqual(Math.min(...fontSizes(normal)) * 1.25 - 0.1);
    const height = (svg: string) => Number(svg.match(/<svg[^>]* height="(\d+)"/)![1]);
    expect(height(large)).toBeGreaterThan(height(normal) * 1.15);
  });

  it("the document's drawing is unchanged: labels of 10 to 12 units on the page widths it asks for", () => {
    const { svg } = roadmapTimeline(pack, threeStages, "fa", "R", WIDTHS);
    expect(Math.min(...fontSizes(svg!))).toBe(10);
    expect(Math.max(...fontSizes(svg!))).toBe(12);
  });
});
