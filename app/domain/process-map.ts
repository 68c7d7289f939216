/**
 * A process map as a facilitator builds it with the room — a list of steps and
 * decisions, each in a lane (the unit that performs it) — and as the mermaid
 * code that is saved as the diagram's answer (decision 042).
 *
 * The code is the one stored truth: the list is read back from it, so a map
 * made in the builder can be edited again, by the builder or by hand, and
 * nothing new is stored. The code the builder writes is a small subset of
 * mermaid's flowchart (one statement a line, every label quoted and escaped);
 * `mermaidToProcessMap` reads that subset, and hand-written maps within it
 * (the method's flowchart templates are), and says which line is outside it
 * otherwise — such a map stays editable as code.
 *
 * Pure and browser-safe. Every line is read by a cursor that looks at each
 * character a bounded number of times (decision 021: the code is user text).
 */
import { stripInvisible } from "./text-hygiene.ts";

export const PROCESS_MAP_LIMITS = {
  /** A row of 30 steps stays under the renderer's 10,000-px side (about 300 px a step). */
  steps: 30,
  lanes: 8,
  /** Branches of one decision: 30 decisions × 4 stays under the renderer's 250 links. */
  branches: 4,
  /** Characters of a step's or a lane's label, and of a branch's. */
  label: 80,
  branchLabel: 40,
  /** A longer line is not read (the answer itself is at most 20,000 characters). */
  line: 2000,
} as const;

/** A step's `next`: the step after it in the list (the default), or nowhere. */
export const NEXT = "+next";
export const END = "+end";

export type ProcessLane = { id: string; label: string };
export type ProcessBranch = { label: string; /** A step's id; "" while not chosen (not drawn). */ to: string };
export type ProcessStep = {
  id: string;
  kind: "step" | "decision";
  label: string;
  /** The lane's id, or null (outside every lane). */
  lane: string | null;
  /** A step's arrow: NEXT, END or a step's id. Not used by a decision. */
  next: string;
  /** A decision's labelled arrows. Empty for a step. */
  branches: ProcessBranch[];
};
export type ProcessMap = { direction: "across" | "down"; lanes: ProcessLane[]; steps: ProcessStep[] };

export type ReadResult =
  | { ok: true; map: ProcessMap }
  | {
      ok: false;
      /** Why the list cannot hold it (a locale key under `processMap.unsupported`). */
      reason: "header" | "statement" | "shape" | "link" | "label" | "nested" | "redefined" | "branching-step" | "too-many" | "too-long";
      /** 1-based line of the definition, when one line is the reason. */
      line?: number;
    };

export function emptyProcessMap(): ProcessMap {
  return { direction: "across", lanes: [], steps: [] };
}

// ------------------------------------------------------------------ labels

/** A label as it is kept: no invisible or control characters, one line, spaces collapsed, at most `max` characters. */
export function cleanLabel(text: string, max: number = PROCESS_MAP_LIMITS.label): string {
  let s = stripInvisible(String(text ?? ""))
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...s];
  if (chars.length > max) s = chars.slice(0, max).join("").trimEnd();
  return s;
}

/** Inside a quoted mermaid label: mermaid's entity codes for what would end the label or be read as markup. */
function escapeLabel(text: string): string {
  return text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/\|/g, "#124;");
}

/** An arrow's label also cannot hold "--" (it would end the arrow's text). */
function escapeEdgeLabel(text: string): string {
  return escapeLabel(text).replace(/-(?=-)/g, "#45;");
}

const NAMED: Record<string, string> = { quot: '"', lt: "<", gt: ">", amp: "&", apos: "'" };

/** mermaid's entity codes (`#quot;`, `#35;`) back to characters. A '#' not starting one stays. */
function unescapeLabel(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "#") {
      const semi = text.indexOf(";", i + 1);
      // An entity is short: look no further than 8 characters.
      if (semi > i + 1 && semi - i <= 8) {
        const name = text.slice(i + 1, semi);
        const decoded = /^\d+$/.test(name) ? String.fromCodePoint(Math.min(Number(name), 0x10ffff)) : NAMED[name];
        if (decoded !== undefined) {
          out += decoded;
          i = semi + 1;
          continue;
        }
      }
    }
    out += c;
    i++;
  }
  return out;
}

// ------------------------------------------------------------------ list → code

/** The mermaid code of a map; "" for a map with no steps (no answer). */
export function processMapToMermaid(map: ProcessMap): string {
  const m = normaliseProcessMap(map);
  if (!m.steps.length) return "";
  const lines = [m.direction === "down" ? "flowchart TD" : "flowchart LR"];
  // Every node first, in the list's order (the order the list is read back in), one label a line.
  for (const s of m.steps) lines.push(s.kind === "decision" ? `  ${s.id}{"${escapeLabel(s.label) || " "}"}` : `  ${s.id}["${escapeLabel(s.label) || " "}"]`);
  for (const lane of m.lanes) {
    lines.push(`  subgraph ${lane.id}["${escapeLabel(lane.label) || " "}"]`);
    for (const s of m.steps) if (s.lane === lane.id) lines.push(`    ${s.id}`);
    lines.push("  end");
  }
  m.steps.forEach((s, i) => {
    if (s.kind === "step") {
      const to = s.next === NEXT ? m.steps[i + 1]?.id : s.next === END ? undefined : s.next;
      if (to) lines.push(`  ${s.id} --> ${to}`);
    } else {
      // `-->|"label"|`: the form the Word export's table (when a map cannot be drawn) reads labels from.
      for (const b of s.branches) lines.push(b.label ? `  ${s.id} -->|"${escapeEdgeLabel(b.label)}"| ${b.to}` : `  ${s.id} --> ${b.to}`);
    }
  });
  return lines.join("\n");
}

/**
 * The map as its code keeps it: labels cleaned, a step's arrow to the step after it written NEXT
 * (the last step's END too: nothing follows it), arrows to steps that are gone dropped.
 */
export function normaliseProcessMap(map: ProcessMap): ProcessMap {
  const ids = new Set(map.steps.map((s) => s.id));
  const laneIds = new Set(map.lanes.map((l) => l.id));
  const steps = map.steps.map((s, i): ProcessStep => {
    const following = map.steps[i + 1]?.id;
    const base = { id: s.id, kind: s.kind, label: cleanLabel(s.label), lane: s.lane && laneIds.has(s.lane) ? s.lane : null };
    if (s.kind === "decision") {
      return { ...base, next: NEXT, branches: s.branches.filter((b) => ids.has(b.to)).map((b) => ({ label: cleanLabel(b.label, PROCESS_MAP_LIMITS.branchLabel), to: b.to })) };
    }
    let next = s.next;
    if (next !== NEXT && next !== END && !ids.has(next)) next = END;
    if (next === following || (next === END && following === undefined)) next = NEXT;
    return { ...base, next, branches: [] };
  });
  // A lane with no step is not written: mermaid would draw an empty subgraph as a box like a step.
  const lanes = map.lanes.filter((l) => steps.some((s) => s.lane === l.id)).map((l) => ({ id: l.id, label: cleanLabel(l.label) }));
  return { direction: map.direction === "down" ? "down" : "across", lanes, steps };
}

// ------------------------------------------------------------------ code → list

const ID_CHAR = /[A-Za-z0-9_]/;

type Ref = { id: string; shape?: "step" | "decision"; label?: string };
type Fail = Extract<ReadResult, { ok: false }>["reason"];

class Refused extends Error {
  constructor(readonly reason: Fail) {
    super(reason);
  }
}

/** One trimmed line, read left to right once. */
class Cursor {
  i = 0;
  constructor(readonly text: string) {}
  get done() {
    return this.i >= this.text.length;
  }
  spaces() {
    while (this.i < this.text.length && (this.text[this.i] === " " || this.text[this.i] === "\t")) this.i++;
  }
  startsWith(s: string) {
    return this.text.startsWith(s, this.i);
  }
  id(): string {
    const start = this.i;
    while (this.i < this.text.length && ID_CHAR.test(this.text[this.i]!)) this.i++;
    return this.text.slice(start, this.i);
  }
  /** A node's label after its opening bracket, to `close`: quoted (anything but a quote) or bare (no quote). */
  label(close: string): string {
    this.spaces();
    let text: string;
    if (this.text[this.i] === '"') {
      const end = this.text.indexOf('"', this.i + 1);
      if (end < 0) throw new Refused("label");
      text = this.text.slice(this.i + 1, end);
      this.i = end + 1;
      this.spaces();
      if (this.text[this.i] !== close) throw new Refused("shape");
    } else {
      const end = this.text.indexOf(close, this.i);
      if (end < 0) throw new Refused("shape");
      text = this.text.slice(this.i, end);
      if (text.includes('"')) throw new Refused("label");
      this.i = end;
    }
    this.i++;
    // Markdown strings and markup would draw differently once escaped: left to the code.
    if (text.startsWith("`") || /[<>]/.test(text)) throw new Refused("label");
    return unescapeLabel(text);
  }
  /** `id`, `id["label"]`, `id[label]`, `id{"label"}`, `id{label}`. */
  ref(): Ref {
    const id = this.id();
    if (!id) throw new Refused("statement");
    if (RESERVED.has(id.toLowerCase())) throw new Refused("statement");
    const c = this.text[this.i];
    const d = this.text[this.i + 1];
    if (c === "[") {
      if (d === "[" || d === "(" || d === "/" || d === "\\") throw new Refused("shape");
      this.i++;
      return { id, shape: "step", label: this.label("]") };
    }
    if (c === "{") {
      if (d === "{") throw new Refused("shape");
      this.i++;
      return { id, shape: "decision", label: this.label("}") };
    }
    if (c === "(" || c === ">" || c === "@") throw new Refused("shape");
    return { id };
  }
  /** An arrow after a node: `-->`, `-- text -->`, `-->|text|`; its label ("" for none). */
  link(): string {
    if (this.startsWith("-->")) {
      const after = this.text[this.i + 3];
      if (after === "-" || after === ">") throw new Refused("link");
      this.i += 3;
      this.spaces();
      if (this.text[this.i] !== "|") return "";
      const end = this.text.indexOf("|", this.i + 1);
      if (end < 0) throw new Refused("link");
      const text = this.text.slice(this.i + 1, end);
      this.i = end + 1;
      return edgeText(text);
    }
    if (this.startsWith("-- ") || this.startsWith('--"')) {
      const end = this.text.indexOf("-->", this.i + 2);
      if (end < 0) throw new Refused("link");
      const text = this.text.slice(this.i + 2, end);
      this.i = end + 3;
      const after = this.text[this.i];
      if (after === "-" || after === ">") throw new Refused("link");
      return edgeText(text);
    }
    throw new Refused(this.text[this.i] === "-" || this.text[this.i] === "=" || this.text[this.i] === "<" || this.text[this.i] === "~" ? "link" : "statement");
  }
}

/** mermaid's words that cannot be a node's id here. */
const RESERVED = new Set(["end", "subgraph", "graph", "flowchart", "direction", "classdef", "class", "style", "linkstyle", "click", "call", "href", "default"]);

function edgeText(raw: string): string {
  let text = raw.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  else if (text.includes('"')) throw new Refused("label");
  if (text.startsWith("`") || /[<>|]/.test(text) || text.includes("--")) throw new Refused("label");
  return unescapeLabel(text);
}

type Node = { id: string; shape: "step" | "decision"; label: string | null; lane: string | null; links: Array<ProcessBranch & { line: number }>; firstLine: number };

/**
 * Reads mermaid code back into the list, or says why it cannot (the line and a reason).
 * Reads what the builder writes and hand-written flowcharts of the same kinds: nodes `[…]` and
 * `{…}`, arrows `-->` with or without a label, chains, one level of subgraphs.
 */
export function mermaidToProcessMap(code: string): ReadResult {
  if (code.length > 50_000) return { ok: false, reason: "too-long" };
  const lines = code.split("\n");
  let lineNo = 0;
  try {
    let headerSeen = false;
    let direction: ProcessMap["direction"] = "across";
    const nodes = new Map<string, Node>();
    const lanes: Array<ProcessLane & { explicit: boolean }> = [];
    let lane: (ProcessLane & { explicit: boolean }) | null = null;
    let laneCount = 0;
    const touch = (ref: Ref): Node => {
      let node = nodes.get(ref.id);
      if (!node) {
        node = { id: ref.id, shape: "step", label: null, lane: null, links: [], firstLine: lineNo };
        nodes.set(ref.id, node);
      }
      if (ref.label !== undefined) {
        if (node.label !== null && (node.label !== ref.label || node.shape !== ref.shape)) throw new Refused("redefined");
        node.label = ref.label;
        node.shape = ref.shape!;
      }
      if (lane) {
        if (node.lane !== null && node.lane !== lane.id) throw new Refused("redefined");
        node.lane = lane.id;
      }
      return node;
    };
    for (lineNo = 1; lineNo <= lines.length; lineNo++) {
      const raw = lines[lineNo - 1]!;
      if (raw.length > PROCESS_MAP_LIMITS.line) throw new Refused("too-long");
      const text = raw.trim();
      if (!text) continue;
      if (!headerSeen) {
        const words = text.split(" ").filter(Boolean);
        if ((words[0] !== "flowchart" && words[0] !== "graph") || words.length > 2) throw new Refused("header");
        const dir = words[1] ?? "TB";
        if (dir === "LR") direction = "across";
        else if (dir === "TD" || dir === "TB") direction = "down";
        else throw new Refused("header");
        headerSeen = true;
        continue;
      }
      if (text === "end") {
        if (!lane) throw new Refused("statement");
        lane = null;
        continue;
      }
      if (text.startsWith("subgraph ") || text === "subgraph") {
        if (lane) throw new Refused("nested");
        const c = new Cursor(text);
        c.i = "subgraph".length;
        c.spaces();
        const rest = text.slice(c.i);
        const id = c.id();
        let label: string;
        let explicit = true;
        let laneId = id;
        if (id && c.done) label = id;
        else if (id && c.text[c.i] === "[") {
          c.i++;
          label = c.label("]");
          c.spaces();
          if (!c.done) throw new Refused("statement");
        } else {
          // A bare title of several words: its own id is made up when the code is written again.
          if (!rest || rest.includes('"') || /[[\]{}<>]/.test(rest)) throw new Refused("label");
          label = unescapeLabel(rest);
          explicit = false;
          laneId = "";
        }
        if (laneId && RESERVED.has(laneId.toLowerCase())) throw new Refused("statement");
        if (laneId && (nodes.has(laneId) || lanes.some((l) => l.id === laneId))) throw new Refused("redefined");
        lane = { id: laneId || `\u0000${++laneCount}`, label, explicit };
        lanes.push(lane);
        continue;
      }
      // A chain of nodes and arrows.
      const c = new Cursor(text);
      let from = touch(c.ref());
      c.spaces();
      while (!c.done) {
        const label = c.link();
        c.spaces();
        const to = touch(c.ref());
        from.links.push({ label, to: to.id, line: lineNo });
        from = to;
        c.spaces();
      }
    }
    lineNo = 0;
    if (lane) throw new Refused("statement");
    if (!headerSeen) return { ok: true, map: emptyProcessMap() };
    if (nodes.size > PROCESS_MAP_LIMITS.steps || lanes.length > PROCESS_MAP_LIMITS.lanes) throw new Refused("too-many");

    // Lanes whose code gave no id of their own get the first free l1, l2, …
    const used = new Set([...nodes.keys(), ...lanes.filter((l) => l.explicit).map((l) => l.id)]);
    const rename = new Map<string, string>();
    let n = 0;
    for (const l of lanes) {
      if (l.explicit) continue;
      let id: string;
      do id = `l${++n}`;
      while (used.has(id));
      used.add(id);
      rename.set(l.id, id);
    }
    const laneOf = (id: string | null) => (id === null ? null : (rename.get(id) ?? id));
    const order = [...nodes.values()];
    for (const node of order) if (lanes.some((l) => l.id === node.id)) throw new Refused("redefined");
    const steps = order.map((node, i): ProcessStep => {
      lineNo = node.firstLine;
      const label = node.label ?? node.id;
      if ([...label].length > PROCESS_MAP_LIMITS.label) throw new Refused("label");
      const base = { id: node.id, kind: node.shape, label: cleanLabel(label), lane: laneOf(node.lane) };
      if (node.shape === "decision") {
        if (node.links.length > PROCESS_MAP_LIMITS.branches) throw new Refused("too-many");
        for (const b of node.links) {
          lineNo = b.line;
          if ([...b.label].length > PROCESS_MAP_LIMITS.branchLabel) throw new Refused("label");
        }
        return { ...base, next: NEXT, branches: node.links.map((b) => ({ label: cleanLabel(b.label, PROCESS_MAP_LIMITS.branchLabel), to: b.to })) };
      }
      const extra = node.links.find((b, k) => k > 0 || b.label);
      if (extra) {
        lineNo = extra.line;
        throw new Refused("branching-step");
      }
      const to = node.links[0]?.to;
      const following = order[i + 1]?.id;
      return { ...base, next: to === undefined ? (following === undefined ? NEXT : END) : to === following ? NEXT : to, branches: [] };
    });
    return { ok: true, map: { direction, lanes: lanes.map((l) => ({ id: laneOf(l.id)!, label: cleanLabel(l.label) })), steps } };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return lineNo > 0 ? { ok: false, reason: e.reason, line: lineNo } : { ok: false, reason: e.reason };
  }
}

// ------------------------------------------------------------------ editing

function freeId(map: ProcessMap, prefix: string): string {
  const used = new Set([...map.steps.map((s) => s.id), ...map.lanes.map((l) => l.id)]);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** A new step or decision at the end of the list (none past the limit). A decision starts with two branches, their targets not yet chosen. */
export function addStep(map: ProcessMap, kind: ProcessStep["kind"], opts: { label?: string; lane?: string | null; branch: [string, string] }): ProcessMap {
  if (map.steps.length >= PROCESS_MAP_LIMITS.steps) return map;
  const step: ProcessStep = {
    id: freeId(map, "s"),
    kind,
    label: opts.label ?? "",
    lane: opts.lane ?? null,
    next: NEXT,
    branches: kind === "decision" ? [{ label: opts.branch[0], to: "" }, { label: opts.branch[1], to: "" }] : [],
  };
  return { ...map, steps: [...map.steps, step] };
}

export function updateStep(map: ProcessMap, id: string, change: Partial<Omit<ProcessStep, "id">>): ProcessMap {
  return { ...map, steps: map.steps.map((s) => (s.id === id ? { ...s, ...change } : s)) };
}

/** One place up (-1) or down (+1). A step that goes to "the next step" then goes to its new neighbour. */
export function moveStep(map: ProcessMap, id: string, delta: -1 | 1): ProcessMap {
  const i = map.steps.findIndex((s) => s.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= map.steps.length) return map;
  const steps = [...map.steps];
  [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  return { ...map, steps };
}

/** Removes a step and every arrow to it: a step that went to it ends, a branch to it waits for a new target. */
export function removeStep(map: ProcessMap, id: string): ProcessMap {
  return {
    ...map,
    steps: map.steps
      .filter((s) => s.id !== id)
      .map((s) => ({ ...s, next: s.next === id ? END : s.next, branches: s.branches.map((b) => (b.to === id ? { ...b, to: "" } : b)) })),
  };
}

export function addLane(map: ProcessMap, label: string): ProcessMap {
  if (map.lanes.length >= PROCESS_MAP_LIMITS.lanes) return map;
  return { ...map, lanes: [...map.lanes, { id: freeId(map, "l"), label }] };
}

export function updateLane(map: ProcessMap, id: string, label: string): ProcessMap {
  return { ...map, lanes: map.lanes.map((l) => (l.id === id ? { ...l, label } : l)) };
}

export function moveLane(map: ProcessMap, id: string, delta: -1 | 1): ProcessMap {
  const i = map.lanes.findIndex((l) => l.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= map.lanes.length) return map;
  const lanes = [...map.lanes];
  [lanes[i], lanes[j]] = [lanes[j]!, lanes[i]!];
  return { ...map, lanes };
}

/** Removes a lane; its steps stay, outside any lane. */
export function removeLane(map: ProcessMap, id: string): ProcessMap {
  return { ...map, lanes: map.lanes.filter((l) => l.id !== id), steps: map.steps.map((s) => (s.lane === id ? { ...s, lane: null } : s)) };
}
