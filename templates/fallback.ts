/**
 * A diagram's content as a table, for documents produced where no browser can
 * draw it (or where the browser could not): the links of a flowchart (with
 * node labels), or else the lines of its definition.
 *
 * The definition is whatever a member typed, so it is read by a small
 * tokenizer that looks at each character a bounded number of times: the
 * regular expressions it replaces backtracked, and `a[` followed by 20,000
 * spaces kept one export busy for hours (issue 16; docs/decisions/021).
 * It reads ordinary definitions exactly as those expressions did
 * (templates/fallback.test.ts compares the two).
 */
import type { Strings } from "./strings.ts";

/**
 * A longer line is not read for nodes and links (it still appears when the
 * diagram is shown as its lines). The reading is linear anyway; the bound
 * keeps one absurd line from costing more than the rest of the document.
 */
export const MAX_FLOWCHART_LINE = 2000;

// ------------------------------------------------------------------ characters

/** A node id's characters: Latin letters and digits, '_', '-' and the Arabic block. */
function isIdChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d || (c >= 0x0600 && c <= 0x06ff);
}

/** The characters of `\s` in a JavaScript pattern (and of String.prototype.trim). */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Characters a line of text (`.` in a pattern) cannot cross. */
function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

const QUOTE = 0x22;
const PIPE = 0x7c;
const CLOSERS = new Set([0x5d, 0x29, 0x7d]); // ] ) }

/**
 * One line, with what the tokenizer asks of it answered in constant time:
 * where a run of spaces ends, where a node's label text ends, where the next
 * '|' is, and whether a line break follows a position.
 */
class Line {
  readonly text: string;
  readonly length: number;
  private readonly spaceEnd: Int32Array;
  private readonly labelEnd: Int32Array;
  private readonly pipeAt: Int32Array;
  private readonly lastBreak: number;

  constructor(text: string) {
    this.text = text;
    const n = (this.length = text.length);
    this.spaceEnd = new Int32Array(n + 2);
    this.labelEnd = new Int32Array(n + 2);
    this.pipeAt = new Int32Array(n + 2);
    this.spaceEnd[n] = this.labelEnd[n] = this.pipeAt[n] = n;
    this.spaceEnd[n + 1] = this.labelEnd[n + 1] = this.pipeAt[n + 1] = n;
    let lastBreak = -1;
    for (let i = n - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      this.spaceEnd[i] = isSpace(c) ? this.spaceEnd[i + 1]! : i;
      this.labelEnd[i] = c === QUOTE || CLOSERS.has(c) ? i : this.labelEnd[i + 1]!;
      this.pipeAt[i] = c === PIPE ? i : this.pipeAt[i + 1]!;
      if (lastBreak < 0 && isLineTerminator(c)) lastBreak = i;
    }
    this.lastBreak = lastBreak;
  }

  code(i: number): number {
    return i < this.length ? this.text.charCodeAt(i) : -1;
  }
  /** The first position at or after `i` that is not a space. */
  skipSpaces(i: number): number {
    return this.spaceEnd[Math.min(i, this.length)]!;
  }
  /** The first position at or after `i` holding '"', ']', ')' or '}'. */
  endOfLabel(i: number): number {
    return this.labelEnd[Math.min(i, this.length)]!;
  }
  /** The first '|' at or after `i` (the length when none). */
  nextPipe(i: number): number {
    return this.pipeAt[Math.min(i, this.length)]!;
  }
  /** Whether the text from `i` to the end is not empty and holds no line break. */
  restIsOneLine(i: number): boolean {
    return i < this.length && i > this.lastBreak;
  }
}

// ------------------------------------------------------------------ nodes

/** The length of a node's closing bracket at `i` (`]`, `]]`, `)`, `))`, `}`, `}}`, `/]`, `\]`), or 0. */
function closerAt(line: Line, i: number): number {
  const c = line.code(i);
  const d = line.code(i + 1);
  if (CLOSERS.has(c)) return d === c ? 2 : 1;
  if ((c === 0x2f || c === 0x5c) && d === 0x5d) return 2;
  return 0;
}

type Found = { label: string; end: number };

/** The label text from `start` to `labelEnd` (or past its closing quote), if a closing bracket follows. */
function closeLabel(line: Line, start: number, labelEnd: number): Found | null {
  const c = line.code(labelEnd);
  if (CLOSERS.has(c)) return { label: line.text.slice(start, labelEnd), end: labelEnd + closerAt(line, labelEnd) };
  if (c === QUOTE) {
    const at = line.skipSpaces(labelEnd + 1);
    const size = closerAt(line, at);
    if (size) return { label: line.text.slice(start, labelEnd), end: at + size };
  }
  return null;
}

/** A node's label after its opening bracket at `open`: spaces, an optional quote, text, an optional quote, spaces, a closing bracket. */
function labelAt(line: Line, open: number): Found | null {
  const start = line.skipSpaces(open);
  if (line.code(start) !== QUOTE) return closeLabel(line, start, line.endOfLabel(start));
  const quoted = closeLabel(line, start + 1, line.endOfLabel(start + 1));
  if (quoted) return quoted;
  // `a[""]`-like: an empty label, the quote then closing the node.
  const at = line.skipSpaces(start + 1);
  const size = closerAt(line, at);
  return size ? { label: "", end: at + size } : null;
}

/** Where a node's label may start after the shape's opening at `i`, in the order mermaid's shapes were tried. */
function openings(line: Line, i: number): number[] {
  const c = line.code(i);
  const d = line.code(i + 1);
  if (c === 0x5b /* [ */) return [...(d === 0x5b ? [i + 2] : []), i + 1, ...(d === 0x28 || d === 0x2f || d === 0x5c ? [i + 2] : [])];
  if (c === 0x28 /* ( */ || c === 0x7b /* { */) return d === c ? [i + 2, i + 1] : [i + 1];
  if (c === 0x3e /* > */) return [i + 1];
  return [];
}

/** The labels a line gives its nodes (`id[label]`, `id(("label"))`, `id{label}`, …), in order. */
function nodeLabels(line: Line, into: Map<string, string>): void {
  let i = 0;
  while (i < line.length) {
    if (!isIdChar(line.code(i))) {
      i++;
      continue;
    }
    let idEnd = i;
    while (idEnd < line.length && isIdChar(line.code(idEnd))) idEnd++;
    const shape = line.skipSpaces(idEnd);
    let found: Found | null = null;
    for (const open of openings(line, shape)) if ((found = labelAt(line, open))) break;
    if (found) {
      if (found.label) into.set(line.text.slice(i, idEnd), unquote(found.label));
      i = found.end;
    } else i = idEnd;
  }
}

// ------------------------------------------------------------------ links

const ARROWS = ["-->", "---", "-.->", "==>", "--x", "--o", "<-->"];

type Link = { from: string; label: string | undefined; to: string };

/** `from --> to` or `from -->|label| to`: the shortest `from` that leaves a link and something after it. */
function linkOf(line: Line): Link | null {
  const text = line.text;
  for (let i = 1; i < line.length; i++) {
    if (isLineTerminator(line.code(i - 1))) return null;
    const at = line.skipSpaces(i);
    const arrow = ARROWS.find((a) => text.startsWith(a, at));
    if (!arrow) continue;
    const after = line.skipSpaces(at + arrow.length);
    if (line.code(after) === PIPE) {
      const close = line.nextPipe(after + 1);
      const to = line.skipSpaces(close + 1);
      if (close < line.length && line.restIsOneLine(to)) return { from: text.slice(0, i), label: text.slice(after + 1, close), to: text.slice(to) };
    }
    if (line.restIsOneLine(after)) return { from: text.slice(0, i), label: undefined, to: text.slice(after) };
  }
  return null;
}

// ------------------------------------------------------------------ table

function unquote(s: string): string {
  return s.replace(/#quot;/g, '"').replace(/#lt;/g, "<").replace(/#gt;/g, ">").replace(/#35;/g, "#").trim();
}

/**
 * A link's label as the table shows it: `-->|"label"|` (the form the process-map builder writes,
 * decision 042) without its quotes. Applied to what the tokenizer found, not part of finding it.
 */
export function linkLabel(raw: string): string {
  const s = raw.trim();
  return unquote(s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);
}

/** The length of the node id a text starts with. */
function idLength(s: string): number {
  let n = 0;
  while (n < s.length && isIdChar(s.charCodeAt(n))) n++;
  return n;
}

/** A text without the brackets and quotes it starts and ends with. */
function stripBrackets(s: string): string {
  let start = 0;
  while (start < s.length && "[({\"".includes(s[start]!)) start++;
  let end = s.length;
  while (end > start && "])}\"".includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

export function diagramFallbackTable(definition: string, s: Strings): { columns: string[]; rows: string[][] } {
  const lines = definition
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("%%"));
  const isFlow = /^(flowchart|graph)\b/.test(lines[0] ?? "");
  if (isFlow) {
    const read = lines.map((l) => (l.length <= MAX_FLOWCHART_LINE ? new Line(l) : null));
    const labels = new Map<string, string>();
    for (const line of read) if (line) nodeLabels(line, labels);
    const name = (raw: string) => {
      const n = idLength(raw);
      const id = n ? raw.slice(0, n) : raw;
      return labels.get(id) ?? unquote(stripBrackets(n ? raw.slice(n).trimStart() : raw));
    };
    const rows: string[][] = [];
    for (const line of read.slice(1)) {
      const link = line && linkOf(line);
      if (link) rows.push([name(link.from) || link.from, linkLabel(link.label ?? ""), name(link.to) || link.to]);
    }
    if (rows.length) return { columns: [s.fallbackColumns.from, s.fallbackColumns.link, s.fallbackColumns.to], rows };
  }
  return { columns: [s.fallbackColumns.line], rows: lines.map((l) => [l]) };
}
