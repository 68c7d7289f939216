/**
 * The process-map builder's list and its mermaid code (decision 042): lanes become subgraphs,
 * decisions rhombus nodes with labelled edges, labels are user text; the code reads back into
 * the same list, and code the list cannot hold is said to be so (it stays editable as code).
 */
import { describe, expect, it } from "vitest";
import { allItems } from "#methodology/load.ts";
import { getPacks } from "#methodology/registry.ts";
import { DIAGRAM_MAX_LENGTH } from "#methodology/values.ts";
import { PICTURE_LIMITS } from "./diagram-render.server.ts";
import {
  END,
  NEXT,
  PROCESS_MAP_LIMITS,
  addLane,
  addStep,
  emptyProcessMap,
  mermaidToProcessMap,
  moveStep,
  normaliseProcessMap,
  processMapToMermaid,
  removeLane,
  removeStep,
  type ProcessMap,
} from "./process-map.ts";

/** Three steps and a decision, in two lanes, in Persian: the map the e2e test builds by hand. */
const persian: ProcessMap = {
  direction: "across",
  lanes: [
    { id: "l1", label: "فروش" },
    { id: "l2", label: "انبار" },
  ],
  steps: [
    { id: "s1", kind: "step", label: "ثبت سفارش", lane: "l1", next: NEXT, branches: [] },
    { id: "s2", kind: "decision", label: "موجودی کافی؟", lane: "l2", next: NEXT, branches: [{ label: "بله", to: "s3" }, { label: "خیر", to: "s4" }] },
    { id: "s3", kind: "step", label: "صدور بارنامه", lane: "l2", next: END, branches: [] },
    { id: "s4", kind: "step", label: "تماس با فروشگاه", lane: null, next: "s1", branches: [] },
  ],
};

describe("a process map's list becomes mermaid code", () => {
  it("lanes become subgraphs, decisions rhombus nodes with labelled edges, steps follow the list", () => {
    const code = processMapToMermaid(persian);
    expect(code.split("\n")).toEqual([
      "flowchart LR",
      '  s1["ثبت سفارش"]',
      '  s2{"موجودی کافی؟"}',
      '  s3["صدور بارنامه"]',
      '  s4["تماس با فروشگاه"]',
      '  subgraph l1["فروش"]',
      "    s1",
      "  end",
      '  subgraph l2["انبار"]',
      "    s2",
      "    s3",
      "  end",
      "  s1 --> s2",
      '  s2 -->|"بله"| s3',
      '  s2 -->|"خیر"| s4',
      "  s4 --> s1",
    ]);
  });

  it("no line holds two labels, so a Persian label cannot pull the code around it out of order", () => {
    for (const line of processMapToMermaid(persian).split("\n")) expect((line.match(/"/g) ?? []).length).toBeLessThanOrEqual(2);
  });

  it("a map drawn down the page says so; an empty map is no answer at all", () => {
    expect(processMapToMermaid({ ...persian, direction: "down" }).split("\n")[0]).toBe("flowchart TD");
    expect(processMapToMermaid(emptyProcessMap())).toBe("");
  });

  it("escapes mermaid's syntax in labels: quotes, brackets, arrows, #, < and >, and removes bidi controls and line breaks", () => {
    const map: ProcessMap = {
      direction: "across",
      lanes: [{ id: "l1", label: 'Sales "A" end' }],
      steps: [
        { id: "s1", kind: "step", label: 'Say "hi" <b>now</b> #1 ] } --> x', lane: "l1", next: NEXT, branches: [] },
        { id: "s2", kind: "decision", label: "\u202Eevil\u202C\nOK?", lane: null, next: NEXT, branches: [{ label: 'a "b" --> c | d', to: "s1" }] },
      ],
    };
    const code = processMapToMermaid(map);
    expect(code).toContain('s1["Say #quot;hi#quot; #lt;b#gt;now#lt;/b#gt; #35;1 ] } --#gt; x"]');
    expect(code).toContain('s2{"evil OK?"}');
    expect(code).toContain('subgraph l1["Sales #quot;A#quot; end"]');
    expect(code).toContain('s2 -->|"a #quot;b#quot; #45;-#gt; c #124; d"| s1');
    expect(code).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("cuts labels to their length limit", () => {
    const long = "پ".repeat(PROCESS_MAP_LIMITS.label + 50);
    const map: ProcessMap = { direction: "across", lanes: [], steps: [{ id: "s1", kind: "step", label: long, lane: null, next: NEXT, branches: [] }] };
    const back = mermaidToProcessMap(processMapToMermaid(map));
    if (!back.ok) throw new Error(back.reason);
    expect([...back.map.steps[0]!.label].length).toBe(PROCESS_MAP_LIMITS.label);
  });

  it("at its limits, with ordinary labels, the code fits the answer's length and the renderer's limit on links", () => {
    let map = emptyProcessMap();
    for (let l = 0; l < PROCESS_MAP_LIMITS.lanes; l++) map = addLane(map, `Lane number ${l} of the process`);
    for (let s = 0; s < PROCESS_MAP_LIMITS.steps; s++) map = addStep(map, s % 2 ? "decision" : "step", { label: `Step ${s} ${"x".repeat(60)}`, branch: ["yes", "no"] });
    map = {
      ...map,
      steps: map.steps.map((st, i) => ({ ...st, lane: map.lanes[i % map.lanes.length]!.id, branches: st.kind === "decision" ? Array.from({ length: PROCESS_MAP_LIMITS.branches }, (_, b) => ({ label: `branch ${b}`, to: map.steps[(i + b + 1) % map.steps.length]!.id })) : [] })),
    };
    const code = processMapToMermaid(map);
    expect(code.length).toBeLessThanOrEqual(DIAGRAM_MAX_LENGTH);
    expect(code.length).toBeLessThanOrEqual(PICTURE_LIMITS.definitionChars);
    expect(code.split("\n").filter((l) => l.includes("-->")).length).toBeLessThanOrEqual(PICTURE_LIMITS.edges);
    expect(addStep(map, "step", { label: "one more", branch: ["yes", "no"] }).steps).toHaveLength(PROCESS_MAP_LIMITS.steps);
    expect(addLane(map, "one more").lanes).toHaveLength(PROCESS_MAP_LIMITS.lanes);
  });
});

describe("mermaid code reads back into the list", () => {
  it("round trip: the list → code → the same list, and the same code again", () => {
    const code = processMapToMermaid(persian);
    const back = mermaidToProcessMap(code);
    expect(back).toEqual({ ok: true, map: normaliseProcessMap(persian) });
    if (back.ok) expect(processMapToMermaid(back.map)).toBe(code);
  });

  it("round trip keeps escaped labels, branches without a label and a map drawn down; a lane with no step is not drawn", () => {
    const map: ProcessMap = {
      direction: "down",
      lanes: [{ id: "l1", label: 'A "q" #1 <x>' }, { id: "l2", label: "empty" }],
      steps: [
        { id: "s1", kind: "decision", label: "Ok? -- yes | no", lane: "l1", next: NEXT, branches: [{ label: "", to: "s2" }, { label: "later", to: "s1" }] },
        { id: "s2", kind: "step", label: "Done", lane: null, next: NEXT, branches: [] },
      ],
    };
    const back = mermaidToProcessMap(processMapToMermaid(map));
    expect(back).toEqual({ ok: true, map: normaliseProcessMap(map) });
    expect(normaliseProcessMap(map).lanes.map((l) => l.id)).toEqual(["l1"]);
  });

  it("reads the demo's hand-written map and the method's flowchart templates", () => {
    const demo = "flowchart LR\n  A[ویزیتور سفارش را روی کاغذ می‌نویسد] --> B[تحویل فرم به دفتر]\n  B --> C[ورود دوباره در سامانه حسابداری]\n  C --> D{موجودی کافی؟}\n  D -- بله --> E[صدور بارنامه]\n  D -- خیر --> F[تماس تلفنی با فروشگاه]\n  F --> B";
    const read = mermaidToProcessMap(demo);
    if (!read.ok) throw new Error(read.reason);
    expect(read.map.steps.map((s) => [s.id, s.kind, s.next])).toEqual([
      ["A", "step", NEXT],
      ["B", "step", NEXT],
      ["C", "step", NEXT],
      ["D", "decision", NEXT],
      ["E", "step", END],
      ["F", "step", "B"],
    ]);
    expect(read.map.steps[3]!.branches).toEqual([{ label: "بله", to: "E" }, { label: "خیر", to: "F" }]);

    const pack = getPacks().packs[0]!;
    const readable: string[] = [];
    for (const { item } of allItems(pack)) {
      if (item.kind !== "diagram") continue;
      for (const tpl of item.templates) {
        const defs = typeof tpl.definition === "string" ? [tpl.definition] : [tpl.definition.fa, tpl.definition.en];
        for (const d of defs) if (mermaidToProcessMap(d).ok) readable.push(`${item.id}/${tpl.id}`);
      }
    }
    // The lead-to-order, complaint and swimlane maps (both languages) and the touchpoint flow.
    expect(readable.length).toBeGreaterThanOrEqual(7);
    const swimlane = mermaidToProcessMap((allItems(pack).find((x) => x.item.id === "requirements.future-process-map")!.item as { templates: Array<{ id: string; definition: { en: string } }> }).templates.find((t) => t.id === "swimlane")!.definition.en);
    if (!swimlane.ok) throw new Error(swimlane.reason);
    expect(swimlane.map.lanes.map((l) => l.label)).toEqual(["Customer", "CRM", "Sales and Service"]);
  });

  it("code the list cannot hold is refused with the line and the reason (it stays editable as code)", () => {
    const refused = (code: string) => mermaidToProcessMap(code);
    expect(refused("journey\n  title x")).toMatchObject({ ok: false, reason: "header", line: 1 });
    expect(refused("flowchart LR\n  A((circle)) --> B")).toMatchObject({ ok: false, reason: "shape", line: 2 });
    expect(refused("flowchart LR\n  A -.-> B")).toMatchObject({ ok: false, reason: "link", line: 2 });
    expect(refused("flowchart LR\n  A --> B\n  classDef x fill:#f00")).toMatchObject({ ok: false, reason: "statement", line: 3 });
    expect(refused("flowchart LR\n  %% a note\n  A --> B")).toMatchObject({ ok: false, reason: "statement", line: 2 });
    expect(refused("flowchart LR\n  A --> B\n  A --> C")).toMatchObject({ ok: false, reason: "branching-step", line: 3 });
    expect(refused("flowchart LR\n  subgraph a\n  subgraph b\n  end\n  end")).toMatchObject({ ok: false, reason: "nested", line: 3 });
    expect(refused(`flowchart LR\n  ${Array.from({ length: PROCESS_MAP_LIMITS.steps + 1 }, (_, i) => `n${i}`).join(" --> ")}`)).toMatchObject({ ok: false, reason: "too-many" });
    expect(refused('flowchart LR\n  A["x<br/>y"]')).toMatchObject({ ok: false, reason: "label", line: 2 });
    expect(refused("flowchart LR\n  A[one] --> B\n  A[two]")).toMatchObject({ ok: false, reason: "redefined", line: 3 });
  });

  it("an empty answer is an empty list", () => {
    expect(mermaidToProcessMap("")).toEqual({ ok: true, map: emptyProcessMap() });
    expect(mermaidToProcessMap("  \n ")).toEqual({ ok: true, map: emptyProcessMap() });
  });
});

describe("editing the list", () => {
  it("adds steps with new ids, moves them (the flow follows the list), removes them and the arrows to them", () => {
    let map = addStep(emptyProcessMap(), "step", { label: "a", branch: ["yes", "no"] });
    map = addStep(map, "decision", { label: "b?", branch: ["yes", "no"] });
    map = addStep(map, "step", { label: "c", branch: ["yes", "no"] });
    expect(map.steps.map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
    expect(map.steps[1]!.branches).toEqual([{ label: "yes", to: "" }, { label: "no", to: "" }]);
    map = { ...map, steps: map.steps.map((s) => (s.id === "s2" ? { ...s, branches: [{ label: "yes", to: "s3" }, { label: "no", to: "s1" }] } : s)) };
    map = moveStep(map, "s3", -1);
    expect(map.steps.map((s) => s.id)).toEqual(["s1", "s3", "s2"]);
    expect(processMapToMermaid(map)).toContain("s1 --> s3");
    expect(moveStep(map, "s1", -1)).toEqual(map);
    map = removeStep(map, "s3");
    expect(map.steps.map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(map.steps[1]!.branches).toEqual([{ label: "yes", to: "" }, { label: "no", to: "s1" }]);
    expect(addStep(map, "step", { label: "d", branch: ["yes", "no"] }).steps[2]!.id).toBe("s3");
  });

  it("removing a lane leaves its steps outside any lane", () => {
    let map = addLane(emptyProcessMap(), "Sales");
    map = addStep(map, "step", { label: "a", lane: map.lanes[0]!.id, branch: ["yes", "no"] });
    map = removeLane(map, "l1");
    expect(map.lanes).toEqual([]);
    expect(map.steps[0]!.lane).toBeNull();
  });
});
