/**
 * The table a diagram becomes in a Word document when it cannot be drawn.
 * Issue 16, item 1: its definition is what a member typed, and the patterns
 * that used to read it backtracked — `flowchart`, `a[`, 20,000 spaces and one
 * more character kept one export busy for hours, with the whole server
 * waiting. The tokenizer that replaced them must finish at once, and read
 * every ordinary definition exactly as they did (the old code is kept here,
 * as `legacyFallbackTable`, only to compare with on short texts).
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { diagramFallbackTable, linkLabel, MAX_FLOWCHART_LINE } from "./fallback.ts";
import { STRINGS, type Strings } from "./strings.ts";
import { timeEach } from "#tests/setup/time-limit.ts";
import { DIAGRAM_MAX_LENGTH } from "#methodology/values.ts";
import { getPacks } from "#methodology/registry.ts";
import { DEMO_ANSWERS } from "#db/demo-content.ts";

// ------------------------------------------------------------------ the parser before issue 16

const NODE = /([A-Za-z0-9_\u0600-\u06FF-]+)\s*(?:\[\[?|\(\(?|\{\{?|>|\[\(|\[\/|\[\\)\s*"?([^\]\)\}"]*)"?\s*(?:\]\]?|\)\)?|\}\}?|\)\]|\/\]|\\\])/g;
const EDGE = /^\s*(.+?)\s*(-->|---|-\.->|==>|--x|--o|<-->)\s*(?:\|([^|]*)\|\s*)?(.+?)\s*$/;
function legacyUnquote(s: string): string {
  return s.replace(/#quot;/g, '"').replace(/#lt;/g, "<").replace(/#gt;/g, ">").replace(/#35;/g, "#").trim();
}
function legacyFallbackTable(definition: string, s: Strings): { columns: string[]; rows: string[][] } {
  const lines = definition.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("%%"));
  const isFlow = /^(flowchart|graph)\b/.test(lines[0] ?? "");
  if (isFlow) {
    const labels = new Map<string, string>();
    for (const line of lines) for (const m of line.matchAll(NODE)) if (m[2]) labels.set(m[1]!, legacyUnquote(m[2]));
    const name = (raw: string) => {
      const id = raw.match(/^[A-Za-z0-9_\u0600-\u06FF-]+/)?.[0] ?? raw;
      return labels.get(id) ?? legacyUnquote(raw.replace(/^[A-Za-z0-9_\u0600-\u06FF-]+\s*/, "").replace(/^[\[\(\{"]+|[\]\)\}"]+$/g, "")) ?? id;
    };
    const rows: string[][] = [];
    for (const line of lines.slice(1)) {
      const m = line.match(EDGE);
      // The label's quotes are taken off as the table does now (decision 042): the tokenizer is compared on finding links.
      if (m) rows.push([name(m[1]!) || m[1]!, linkLabel(m[3] ?? ""), name(m[4]!) || m[4]!]);
    }
    if (rows.length) return { columns: [s.fallbackColumns.from, s.fallbackColumns.link, s.fallbackColumns.to], rows };
  }
  return { columns: [s.fallbackColumns.line], rows: lines.map((l) => [l]) };
}

// ------------------------------------------------------------------ tests

const s = STRINGS.en;

/** Definitions at the field's maximum length that made the old patterns backtrack for minutes to hours. */
function attacks(): Record<string, string> {
  const at = (head: string, unit: string, tail: string) => head + unit.repeat(Math.ceil((DIAGRAM_MAX_LENGTH - head.length - tail.length) / unit.length)).slice(0, DIAGRAM_MAX_LENGTH - head.length - tail.length) + tail;
  return {
    "an opened node, spaces, one more character": at("flowchart\na[", " ", "x"),
    "an opened node and spaces only (as the issue puts it)": at("flowchart\na[", " ", ""),
    "an opened, quoted label that never closes": at('flowchart\na["', " ", '"x'),
    "a link then spaces (`>` opens a node)": at("flowchart\na -->", " ", "x"),
    "a link label that never closes": at("flowchart\na -->|", " ", "x"),
    "a line of dashes with no arrow": at("flowchart\na", "-", "x"),
    "a line of spaces with no arrow": at("flowchart\na", " ", "x"),
    "a line of nodes that never close": at("flowchart\n", "a[", ""),
    "closing brackets that never end a name": at("flowchart\na --> b", "]", "x"),
  };
}

describe("a diagram's fallback table", () => {
  test("a definition at the field's maximum length that made the old patterns backtrack is read in well under a second", async () => {
    const cases = attacks();
    for (const text of Object.values(cases)) expect(text.length).toBe(DIAGRAM_MAX_LENGTH);
    const outcomes = await timeEach(
      Object.entries(cases).map(([input, text]) => ({ parser: "diagramFallbackTable", input, text })),
      1500,
    );
    expect(outcomes.filter((o) => o.ms === null || o.error).map((o) => `${o.input}: ${o.error ?? "still running after 1500 ms"}`)).toEqual([]);
  }, 120_000);

  test("an answer with such a line still gets a table of its lines, and a flowchart's other links", () => {
    const long = `a[${" ".repeat(5000)}x`;
    expect(diagramFallbackTable(`flowchart LR\n  p["Visit"] --> q["Invoice"]\n  ${long}`, s).rows).toEqual([["Visit", "", "Invoice"]]);
    expect(diagramFallbackTable(`flowchart LR\n  ${long}`, s)).toEqual({ columns: ["Definition"], rows: [["flowchart LR"], [long]] });
    // A line longer than the bound is not read for links (it is far longer than any real one).
    const huge = `p --> q${"x".repeat(MAX_FLOWCHART_LINE)}`;
    expect(diagramFallbackTable(`flowchart LR\n${huge}`, s).rows).toEqual([["flowchart LR"], [huge]]);
  });

  test("reads every definition the method offers, the demo's and hand-written shapes exactly as the old patterns did", () => {
    const definitions: string[] = [];
    for (const pack of getPacks().packs)
      for (const phase of pack.phases)
        for (const step of phase.steps)
          for (const item of step.items) {
            if (item.kind !== "diagram") continue;
            for (const t of item.templates) definitions.push(...(typeof t.definition === "string" ? [t.definition] : Object.values(t.definition)));
          }
    for (const v of Object.values(DEMO_ANSWERS)) if (v && typeof v === "object" && "definition" in v) definitions.push(String(v.definition));
    definitions.push(
      'flowchart LR\n  a["Visit"] -->|order| b["Invoice"]\n  b --> c(("Delivery"))',
      "graph TD; A-->B; click A callback",
      "flowchart TD\n  A[(Database)] --> B[/Input/]\n  B --> C[\\Manual\\]\n  C -.-> D{{Decision}}\n  D ==> E>Flag]\n  E --x F((Stop))\n  F --o G[[Sub]]\n  G <--> A",
      'flowchart RL\n  %% a comment\n  n1["#quot;quoted#quot; #lt;b#gt; #35;1"] --- n2\n  n2 -- text --> n3[شروع]\n  n3 -->|  spaced label  | n1',
      "flowchart LR\n  A[شروع] --> B{?}\n  B -- بله --> C\n  B -- خیر --> D[\"پایان\"]",
      "sequenceDiagram\n  A->>B: hello",
      "graph\n  x --> y\r\n  y --> z",
    );
    expect(definitions.length).toBeGreaterThan(10);
    for (const d of definitions) expect(diagramFallbackTable(d, s), d).toEqual(legacyFallbackTable(d, s));
  });

  test("reads any short text made of a flowchart's characters exactly as the old patterns did", () => {
    const piece = fc.constantFrom("a", "b1", "ب", "_", "-", " ", "  ", "\t", "\u00a0", "[", "]", "(", ")", "{", "}", "[[", "]]", "((", "))", "[(", ")]", "[/", "/]", "[\\", "\\]", ">", "<", '"', "|", ".", "=", "x", "o", "-->", "---", "-.->", "==>", "--x", "--o", "<-->", "#quot;", "#35;", "\r", "\u2028", "%%");
    const line = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));
    const definition = fc.tuple(fc.constantFrom("flowchart LR", "graph TD", "flowchart", "graphx", ""), fc.array(line, { maxLength: 5 })).map(([head, ls]) => [head, ...ls].join("\n"));
    fc.assert(
      fc.property(definition, (d) => {
        expect(diagramFallbackTable(d, s)).toEqual(legacyFallbackTable(d, s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("a process map made in the builder (decision 042)", () => {
  test("keeps its branch labels in the table, without their quotes", () => {
    const code = 'flowchart LR\n  s1["Order #35;2"]\n  s2{"In stock?"}\n  s1 --> s2\n  s2 -->|"Yes #quot;now#quot;"| s1';
    expect(diagramFallbackTable(code, s).rows).toEqual([["Order #2", "", "In stock?"], ["In stock?", 'Yes "now"', "Order #2"]]);
  });
});
