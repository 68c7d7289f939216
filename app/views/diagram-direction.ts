/**
 * A flowchart read in the document's direction: a process map written left to
 * right (`flowchart LR`, `graph LR`, a subgraph's `direction LR`) is drawn
 * right to left for a Persian reader, as its steps are read. Top-to-bottom
 * charts, other diagram kinds and English are left as written. Pure and
 * browser-safe: the Word export and the page's preview turn it the same way.
 */
import type { Language } from "#methodology/schema.ts";

/** The first statement (after front matter, directives, comments and blank lines) is a flowchart header. */
const HEADER = /^(\s*(?:flowchart|graph|flowchart-elk)\s+)LR\b/i;
const SUBGRAPH_DIRECTION = /^(\s*direction\s+)LR\b/i;

export function inReadingDirection(definition: string, lang: Language): string {
  if (lang !== "fa") return definition;
  const lines = definition.split("\n");
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const close = lines.findIndex((l, j) => j > 0 && l.trim() === "---");
    i = close < 0 ? lines.length : close + 1;
  }
  while (i < lines.length && (!lines[i]!.trim() || lines[i]!.trim().startsWith("%%"))) i++;
  if (i >= lines.length || !/^\s*(?:flowchart|graph|flowchart-elk)\b/i.test(lines[i]!)) return definition;
  lines[i] = lines[i]!.replace(HEADER, "$1RL");
  for (let j = i + 1; j < lines.length; j++) lines[j] = lines[j]!.replace(SUBGRAPH_DIRECTION, "$1RL");
  return lines.join("\n");
}
