/**
 * A diagram's content as a table, for documents produced where no browser can
 * draw it: the links of a flowchart (with node labels), or else the lines of
 * its definition.
 */
import type { Strings } from "./strings.ts";

const NODE = /([A-Za-z0-9_\u0600-\u06FF-]+)\s*(?:\[\[?|\(\(?|\{\{?|>|\[\(|\[\/|\[\\)\s*"?([^\]\)\}"]*)"?\s*(?:\]\]?|\)\)?|\}\}?|\)\]|\/\]|\\\])/g;
const EDGE = /^\s*(.+?)\s*(-->|---|-\.->|==>|--x|--o|<-->)\s*(?:\|([^|]*)\|\s*)?(.+?)\s*$/;

function unquote(s: string): string {
  return s.replace(/#quot;/g, '"').replace(/#lt;/g, "<").replace(/#gt;/g, ">").replace(/#35;/g, "#").trim();
}

export function diagramFallbackTable(definition: string, s: Strings): { columns: string[]; rows: string[][] } {
  const lines = definition.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("%%"));
  const isFlow = /^(flowchart|graph)\b/.test(lines[0] ?? "");
  if (isFlow) {
    const labels = new Map<string, string>();
    for (const line of lines) for (const m of line.matchAll(NODE)) if (m[2]) labels.set(m[1]!, unquote(m[2]));
    const name = (raw: string) => {
      const id = raw.match(/^[A-Za-z0-9_\u0600-\u06FF-]+/)?.[0] ?? raw;
      return labels.get(id) ?? unquote(raw.replace(/^[A-Za-z0-9_\u0600-\u06FF-]+\s*/, "").replace(/^[\[\(\{"]+|[\]\)\}"]+$/g, "")) ?? id;
    };
    const rows: string[][] = [];
    for (const line of lines.slice(1)) {
      const m = line.match(EDGE);
      if (m) rows.push([name(m[1]!) || m[1]!, unquote(m[3] ?? ""), name(m[4]!) || m[4]!]);
    }
    if (rows.length) return { columns: [s.fallbackColumns.from, s.fallbackColumns.link, s.fallbackColumns.to], rows };
  }
  return { columns: [s.fallbackColumns.line], rows: lines.map((l) => [l]) };
}
