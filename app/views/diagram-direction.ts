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

/** Spacing and label wrapping for a map drawn for a screen rather than a page: tighter ranks, narrower boxes. */
const COMPACT = `%%{init: {"flowchart": {"rankSpacing": 28, "nodeSpacing": 24, "wrappingWidth": 130, "padding": 8}}}%%`;

/**
 * Other ways to lay out a flowchart for the full-screen view (issue 19's known
 * gap: a wide process map kept its labels readable only by scrolling): the same
 * direction drawn compactly, and top to bottom drawn compactly. The view draws
 * each and keeps the one that fits the screen at the largest scale. Labels,
 * lanes and steps are unchanged; other diagram kinds get none.
 */
export function fullScreenLayouts(definition: string, lang: Language): string[] {
  const lines = definition.split("\n");
  const at = lines.findIndex((l) => /^\s*(?:flowchart|graph)\s+(?:LR|RL|TB|TD|BT)\b/i.test(l));
  if (at < 0 || lines.slice(0, at).some((l) => l.trim() && !l.trim().startsWith("%%"))) return [];
  const header = lines[at]!;
  const turned = (dir: string) => [...lines.slice(0, at), header.replace(/\b(LR|RL|TB|TD|BT)\b/i, dir), ...lines.slice(at + 1).map((l) => l.replace(/^(\s*direction\s+)(LR|RL)\b/i, `$1${dir}`))].join("\n");
  const horizontal = /\b(LR|RL)\b/i.test(header);
  return [`${COMPACT}\n${definition}`, `${COMPACT}\n${turned(horizontal ? "TB" : lang === "fa" ? "RL" : "LR")}`];
}

/** The scale at which a picture of `box` fills `area` whole. */
export const fitScale = (box: { width: number; height: number }, area: { width: number; height: number }) => Math.min(area.width / box.width, area.height / box.height);
