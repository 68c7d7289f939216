import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import { mermaidLabel, roadmapGantt, teamStructure, type DiagramData } from "./diagrams.ts";
import { JALALI_AXIS, labelAxisTicks } from "./jalali-axis.ts";
import { diagramFallbackTable } from "#templates/fallback.ts";
import { STRINGS } from "#templates/strings.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const data = (rows: Record<string, Array<Record<string, string | number | null>>>): DiagramData => ({
  rows: new Map(Object.entries(rows).map(([k, list]) => [k, list.map((cells, i) => ({ id: i + 1, cells }))])),
});

describe("generated diagrams", () => {
  it("labels cannot break out of their quotes or the diagram", () => {
    expect(mermaidLabel('A "quoted" <b>name</b> #1')).toBe("A #quot;quoted#quot; #lt;b#gt;name#lt;/b#gt; #35;1");
    expect(mermaidLabel("line\nbreak\u202Eoverride")).toBe("line break override");
    expect([...mermaidLabel("x".repeat(100))].length).toBe(60);
    // Both writing directions: isolated, so the words keep their order in a diagram of either direction.
    expect(mermaidLabel("پیاده‌سازی CRM مهرگان")).toBe("\u2068پیاده‌سازی CRM مهرگان\u2069");
    expect(mermaidLabel("سارا احمدی — فروش")).toBe("سارا احمدی — فروش");
    expect(mermaidLabel("Sales team")).toBe("Sales team");
  });

  it("team structure: the project, each role with members, and the same content as a table; none without members", () => {
    const d = teamStructure(pack, data({ "team.members": [{ name: "Sara", role: "project-manager", unit: "PMO" }, { name: 'Reza "IT"', role: "other", unit: "" }] }), "en", "Mehregan CRM");
    expect(d.definition).toMatch(/^flowchart LR/);
    expect(d.definition).toContain('project["Mehregan CRM"]');
    expect(d.definition).toContain('"Sara — PMO"');
    expect(d.definition).toContain("Reza #quot;IT#quot;");
    expect(d.table.rows).toEqual([["Project manager", "Sara", "PMO"], [expect.any(String), 'Reza "IT"', ""]]);
    expect(teamStructure(pack, data({}), "fa", "x")).toEqual({ definition: null, table: expect.objectContaining({ rows: [] }) });
    expect(teamStructure(pack, data({ "team.members": [{ name: "سارا", role: "project-manager" }] }), "fa", "x").definition).toMatch(/^flowchart RL/);
  });

  describe("roadmap Gantt", () => {
    // Row ids are 1-based positions: stage 1 is id 1, stage 2 id 2.
    const stages = (...list: Array<Record<string, string | null>>) => ({ "goals.roadmap": list });
    const goals = (...list: Array<Record<string, string | number | null>>) => ({ "goals.register": list });

    it("dated stages become bars and their goals milestones; an undated stage is only a table row", () => {
      const rows = {
        ...stages({ name: "Stage 1: customer file", start: "2026-12-22", end: "2027-06-21" }, { name: "Stage 2", start: null, end: null }),
        ...goals({ goal: "Less churn", stage: 1, "target-date": "2027-06-01" }, { goal: "Later goal", stage: 2, "target-date": null }),
      };
      const en = roadmapGantt(pack, data(rows), "en", "Roadmap");
      expect(en.definition).toContain("section Stage 1  customer file");
      expect(en.definition).toMatch(/Stage 1 {2}customer file \(22\/12\/2026 – 21\/06\/2027\) :p0, 2026-12-22, 2027-06-21/);
      expect(en.definition).toContain("Less churn :milestone, g0, 2027-06-01, 0d");
      expect(en.definition).not.toContain("Stage 2");
      expect(en.table.rows.map((r) => r[0] || r[3])).toEqual(["Stage 1: customer file", "Less churn", "Stage 2", "Later goal"]);
    });

    it("nothing dated: no chart, but the table still lists stages and goals", () => {
      const d = roadmapGantt(pack, data({ ...stages({ name: "No dates" }), ...goals({ goal: "G", stage: 1 }) }), "en", "R");
      expect(d.definition).toBeNull();
      expect(d.table.rows.map((r) => r[0] || r[3])).toEqual(["No dates", "G"]);
      expect(roadmapGantt(pack, data({}), "en", "R").definition).toBeNull();
    });

    it("one stage is enough to draw", () => {
      const d = roadmapGantt(pack, data(stages({ name: "Only", start: "2027-01-01", end: "2027-03-01" })), "en", "R");
      expect(d.definition!.match(/^ {2}section /gm)).toHaveLength(1);
    });

    it("overlapping stages are drawn as they are, each on its own bar", () => {
      const d = roadmapGantt(pack, data(stages({ name: "A", start: "2027-01-01", end: "2027-06-01" }, { name: "B", start: "2027-03-01", end: "2027-09-01" })), "en", "R");
      expect(d.definition).toContain(":p0, 2027-01-01, 2027-06-01");
      expect(d.definition).toContain(":p1, 2027-03-01, 2027-09-01");
    });

    it("a stage whose end is before its start is not drawn", () => {
      const d = roadmapGantt(pack, data(stages({ name: "Backwards", start: "2027-06-01", end: "2027-01-01" }, { name: "Fine", start: "2027-01-01", end: "2027-02-01" })), "en", "R");
      expect(d.definition).not.toContain("Backwards");
      expect(d.definition).toContain("Fine");
    });

    it("goals with no stage (or a deleted one) get their own section", () => {
      const d = roadmapGantt(pack, data({ ...stages({ name: "A", start: "2027-01-01", end: "2027-06-01" }), ...goals({ goal: "Floating", stage: null, "target-date": "2027-08-01" }, { goal: "Orphan", stage: 99, "target-date": "2027-09-01" }) }), "en", "R");
      expect(d.definition).toContain("section No stage");
      expect(d.definition).toContain("Floating :milestone");
      expect(d.definition).toContain("Orphan :milestone");
    });

    it("in Persian the labels carry Jalali dates and the axis asks to be written in Jalali", () => {
      const fa = roadmapGantt(pack, data({ ...stages({ name: "مرحله ۱", start: "2026-12-22", end: "2027-06-21" }), ...goals({ goal: "کاهش ریزش", stage: 1, "target-date": "2027-06-01" }) }), "fa", "نقشه راه");
      expect(fa.definition).toContain("۱۴۰۵/۱۰/۰۱");
      expect(fa.definition).toContain("axisFormat %Y-%m-%d");
      expect(fa.definition).toContain(JALALI_AXIS);
      expect(fa.table.rows[1]![4]).toBe("۱۱ خرداد ۱۴۰۶");
      const en = roadmapGantt(pack, data(stages({ name: "Stage 1", start: "2026-12-22", end: "2027-06-21" })), "en", "Roadmap");
      expect(en.definition).not.toContain(JALALI_AXIS);
    });

    it("an English bar's label keeps its dates in order, start before end, beside a Persian stage name", () => {
      const en = roadmapGantt(pack, data(stages({ name: "مرحله ۱: ثبت مشتری", start: "2026-12-22", end: "2027-06-21" })), "en", "Roadmap");
      // The name is isolated: otherwise its Persian letters pull the digits after it into a right-to-left run and the range reads end first.
      expect(en.definition).toContain("\u2068مرحله ۱  ثبت مشتری\u2069 (22/12/2026 – 21/06/2027) :p0");
      const fa = roadmapGantt(pack, data(stages({ name: "Stage 1 CRM", start: "2026-12-22", end: "2027-06-21" })), "fa", "نقشه راه");
      expect(fa.definition).toContain("\u2068Stage 1 CRM\u2069 (۱۴۰۵/۱۰/۰۱ – ۱۴۰۶/۰۳/۳۱) :p0");
    });

    it("a drawn Persian chart's ticks become Jalali day and month, with the year on the first tick and where it turns", () => {
      const tick = (x: number, text: string) => `<g class="tick" opacity="1" transform="translate(${x},0)"><line stroke="currentColor"></line><text fill="#000" y="3" dy="1em">${text}</text></g>`;
      const svg = `<svg>${tick(0, "2026-12-01")}${tick(80, "2027-01-01")}${tick(160, "2027-03-21")}${tick(240, "2027-05-01")}<text class="taskText">2027-05-01</text></svg>`;
      const definition = `gantt\n  axisFormat %Y-%m-%d\n${JALALI_AXIS}\n`;
      const out = labelAxisTicks(definition, svg);
      const labels = [...out.matchAll(/<text fill="#000"[^>]*>([^<]*)</g)].map((m) => m[1]);
      // Each one a right-to-left isolate, so that its words keep their order whatever the picture's direction.
      expect(labels).toEqual(["۱۰ آذر ۱۴۰۵", "۱۱ دی", "۱ فروردین ۱۴۰۶", "۱۱ اردیبهشت"].map((l) => `\u2067${l}\u2069`));
      // A task's own text is not a tick, and a chart that does not ask is left alone.
      expect(out).toContain('<text class="taskText">2027-05-01</text>');
      expect(labelAxisTicks("gantt\n  axisFormat %Y-%m-%d", svg)).toBe(svg);
    });
  });

  it("a drawn diagram's fallback table lists a flowchart's links with node labels, or else its lines", () => {
    const s = STRINGS.en;
    const flow = diagramFallbackTable('flowchart LR\n  a["Visit"] -->|order| b["Invoice"]\n  b --> c(("Delivery"))', s);
    expect(flow.columns).toEqual(["From", "Link", "To"]);
    expect(flow.rows).toEqual([["Visit", "order", "Invoice"], ["Invoice", "", "Delivery"]]);
    expect(diagramFallbackTable("sequenceDiagram\n  A->>B: hello", s)).toEqual({ columns: ["Definition"], rows: [["sequenceDiagram"], ["A->>B: hello"]] });
  });
});
