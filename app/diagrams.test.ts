import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import { mermaidLabel, roadmapGantt, teamStructure, type DiagramData } from "./diagrams.ts";
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

  it("roadmap: dated phases become bars with their goals as milestones; undated ones only rows; nothing to draw without dates", () => {
    const rows = {
      "goals.roadmap": [
        { name: "Stage 1: customer file", start: "2026-12-22", end: "2027-06-21" },
        { name: "Stage 2", start: null, end: null },
      ],
      "goals.register": [
        { goal: "Less churn", "roadmap-phase": "phase-1", "target-date": "2027-06-01" },
        { goal: "Later goal", "roadmap-phase": "later", "target-date": null },
      ],
    };
    const en = roadmapGantt(pack, data(rows), "en", "Roadmap");
    expect(en.definition).toContain("section Stage 1  customer file");
    expect(en.definition).toMatch(/Stage 1 {2}customer file \(22\/12\/2026 – 21\/06\/2027\) :p0, 2026-12-22, 2027-06-21/);
    expect(en.definition).toContain("Less churn :milestone, g0x0, 2027-06-01, 0d");
    expect(en.definition).not.toContain("Stage 2 (");
    expect(en.table.rows.map((r) => r[0] || r[3])).toEqual(["Stage 1: customer file", "Less churn", "Stage 2", expect.any(String)]);
    const fa = roadmapGantt(pack, data(rows), "fa", "نقشه راه");
    expect(fa.definition).toContain("۱۴۰۵/۱۰/۰۱");
    expect(fa.definition).toContain("axisFormat .");
    expect(roadmapGantt(pack, data({ "goals.roadmap": [{ name: "No dates" }] }), "en", "R").definition).toBeNull();
  });

  it("a drawn diagram's fallback table lists a flowchart's links with node labels, or else its lines", () => {
    const s = STRINGS.en;
    const flow = diagramFallbackTable('flowchart LR\n  a["Visit"] -->|order| b["Invoice"]\n  b --> c(("Delivery"))', s);
    expect(flow.columns).toEqual(["From", "Link", "To"]);
    expect(flow.rows).toEqual([["Visit", "order", "Invoice"], ["Invoice", "", "Delivery"]]);
    expect(diagramFallbackTable("sequenceDiagram\n  A->>B: hello", s)).toEqual({ columns: ["Definition"], rows: [["sequenceDiagram"], ["A->>B: hello"]] });
  });
});
